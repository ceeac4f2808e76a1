import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

// How the live pipeline's FFmpeg processes start and end: spawned with argument arrays (never a
// shell), their stderr's last lines kept for the message when one dies, and a stop that asks
// politely (stdin closed, so a recording is finalised) before it insists.

export type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/** Why a process ended, in words: its exit code or signal and the last thing it said. */
export function endReason(code: number | null, signal: NodeJS.Signals | null, lastLines: readonly string[]): string {
  const how = signal ? `signal ${signal}` : `exit code ${String(code)}`;
  const said = lastLines.at(-1);
  return said ? `${how}: ${said}` : how;
}

/** An RTMP(S) URL's path holds the stream key: whatever FFmpeg says, the key never reaches a log or the UI. */
export function redactStreamKeys(text: string): string {
  return text.replace(/(rtmp[st]?e?:\/\/[^/\s'"]+)\/[^\s'"]*?(?=:?(?:\s|$|['"]))/gi, '$1/***');
}

/** Keeps the last few lines a process wrote to stderr (FFmpeg's last line names the failure), keys redacted. */
export function lastLinesOf(child: ChildProcess, keep = 5): string[] {
  const lines: string[] = [];
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split(/\r?\n/);
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (!line.trim()) continue;
      lines.push(redactStreamKeys(line.trim()).slice(0, 300));
      if (lines.length > keep) lines.shift();
    }
  });
  return lines;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
}

/** Closes stdin (FFmpeg then finishes its file), waits, and kills it if it has not gone after `graceMs`. */
export async function stopGently(child: ChildProcess, graceMs: number, stdin: Writable | null = child.stdin): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = exited(child);
  stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** Resolves once `child` has spawned, rejects with the spawn error (ENOENT: no such binary). */
export function spawned(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', reject);
  });
}
