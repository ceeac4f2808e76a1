import { closeSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

// The JSON log of a command-line entry, in its data folder rather than on the merchant's terminal.
// Bounded: past `maxBytes` the file becomes `<file>.1` (the one before it is dropped) and a new
// one starts, so a show that logs for days keeps at most twice `maxBytes` on disk.
//
// Written synchronously, a line at a time, as console output is: a few lines a second at most,
// each in order even when the process exits on the next line (an uncaught error's last words).

export const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;

export interface LogFile {
  readonly path: string;
  write(line: string): void;
  close(): void;
}

export function openLogFile(file: string, maxBytes = LOG_FILE_MAX_BYTES): LogFile {
  mkdirSync(path.dirname(file), { recursive: true });
  let fd: number | null = openSync(file, 'a', 0o600);
  let size = fstatSync(fd).size;
  const rotate = () => {
    if (fd !== null) closeSync(fd);
    renameSync(file, `${file}.1`);
    fd = openSync(file, 'a', 0o600);
    size = 0;
  };
  return {
    path: file,
    write(line) {
      if (fd === null) return;
      const bytes = Buffer.byteLength(line);
      try {
        if (size > 0 && size + bytes > maxBytes) rotate();
        if (fd === null) return;
        writeSync(fd, line);
        size += bytes;
      } catch {
        // A full or vanished disk must not stop the show over its log: the line is lost, not the app.
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
