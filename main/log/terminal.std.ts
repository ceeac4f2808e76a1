import type { LogRecord } from './logger.std';

// What a person at the terminal of `npm start`, `npm run studio` or `npm run room` reads: what is
// running and where, and each warning or error in a sentence. The JSON lines go to the log file
// (logFile.node.ts), or to the terminal instead with --log-json.

// Not capitalised: a message may start with a name ("bufferutil is missing"), and "Warning:" begins the line.
const sentence = (text: string) => {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/** The reason an error field carries ("EADDRINUSE", "connect ECONNREFUSED …"), if any. */
function reasonOf(fields: LogRecord['fields']): string | null {
  const error = fields?.['error'] ?? fields?.['reason'];
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return null;
}

/** A warning or an error as one line for a person; null for the rest (info and debug stay in the log). */
export function terminalLineOf(record: LogRecord): string | null {
  if (record.level !== 'warn' && record.level !== 'error') return null;
  const reason = reasonOf(record.fields);
  const text = sentence(reason ? `${record.message.trim().replace(/[.:]$/, '')} (${reason.split('\n')[0]?.slice(0, 200) ?? ''})` : record.message);
  return `${record.level === 'error' ? 'Problem' : 'Warning'}: ${text}`;
}

/**
 * Writes warnings and errors to the terminal, each distinct message at most once per `quietMs`:
 * a slow viewer socket dropped a hundred times is one line, with the count the next time it shows.
 */
export function terminalSink(write: (line: string) => void, now: () => number, quietMs = 60_000): (record: LogRecord) => void {
  const shown = new Map<string, { at: number; skipped: number }>();
  return (record) => {
    const line = terminalLineOf(record);
    if (line === null) return;
    const key = `${record.level} ${record.scope} ${record.message}`;
    const last = shown.get(key);
    const at = now();
    if (last && at - last.at < quietMs) {
      last.skipped += 1;
      return;
    }
    const again = last && last.skipped > 0 ? ` (and ${last.skipped} more time${last.skipped === 1 ? '' : 's'} since)` : '';
    shown.set(key, { at, skipped: 0 });
    write(`${line}${again}\n`);
  };
}

/** Every record to each sink. */
export function teeSink(...sinks: readonly ((record: LogRecord) => void)[]): (record: LogRecord) => void {
  return (record) => {
    for (const sink of sinks) sink(record);
  };
}

export interface StudioReadyFacts {
  pairingUrl: string;
  /** The live room's viewers' link; null with the reason when the room is not running. */
  watchUrl: string | null;
  roomMessage: string | null;
  /** Where staff consoles pair (the Staff tab gives each person a code); null when consoles are off. */
  staffOrigin: string | null;
  dataDir: string;
  /** The JSON log, or null when it goes to the terminal (--log-json). */
  logFile: string | null;
}

/** The lines `npm run studio` prints once it is ready. The first carries the pairing link (test kits read it there). */
export function studioReadyLines(facts: StudioReadyFacts): string[] {
  return [
    `Shopcast studio is running. Open this link in Chrome or Chromium (it works once): ${facts.pairingUrl}`,
    facts.watchUrl ? `  Viewers watch at ${facts.watchUrl}` : `  The live room is not running${facts.roomMessage ? `: ${facts.roomMessage}` : '.'}`,
    facts.staffOrigin ? `  Staff consoles pair at ${facts.staffOrigin} (a code from the Staff tab)` : '  Staff consoles are off (the Staff tab says why).',
    `  Settings, shows and recordings: ${facts.dataDir}`,
    facts.logFile ? `  Log: ${facts.logFile} (or run with --log-json to see it here)` : '  Log: JSON lines on stderr (--log-json)',
    'Press Ctrl+C to stop.',
  ];
}

/** A log record from a JSON line another process wrote (the studio's room child); null for anything else. */
export function recordOfLine(line: string): LogRecord | null {
  try {
    const value = JSON.parse(line) as Partial<LogRecord> | null;
    if (!value || typeof value.message !== 'string' || typeof value.scope !== 'string' || !['debug', 'info', 'warn', 'error'].includes(value.level ?? '')) return null;
    return value as LogRecord;
  } catch {
    return null;
  }
}

/** Cuts a stream's chunks into whole lines (a chunk may end mid-line). */
export function lineSplitter(onLine: (line: string) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line !== '') onLine(line);
  };
}
