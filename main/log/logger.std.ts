export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

export interface LogRecord {
  at: string;
  level: LogLevel;
  scope: string;
  message: string;
  fields?: LogFields;
}

/** A structured logger over any sink: stderr in the core, an array in tests. */
export function createLogger(sink: (record: LogRecord) => void, scope = 'core', now: () => Date = () => new Date()): Logger {
  const write = (level: LogLevel) => (message: string, fields?: LogFields) =>
    sink({ at: now().toISOString(), level, scope, message, ...(fields ? { fields } : {}) });
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (child) => createLogger(sink, `${scope}.${child}`, now),
  };
}

const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** One JSON line per record on a stream (stderr by default, so stdout stays the program's output). */
export function jsonLineSink(
  write: (line: string) => void,
  minimum: LogLevel = 'info',
): (record: LogRecord) => void {
  return (record) => {
    if (levelRank[record.level] < levelRank[minimum]) return;
    write(`${JSON.stringify(record, (_key, value: unknown) => (value instanceof Error ? { message: value.message, stack: value.stack } : value))}\n`);
  };
}
