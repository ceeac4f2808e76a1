// What every command-line entry (`npm run studio`, `npm run room`) does at its ends: a startup
// failure said in one sentence where it has a known cause, and a stop on SIGINT/SIGTERM that
// ends the process within two seconds whatever still holds it open.

export function stopOnSignals(close: () => Promise<void>): void {
  const stop = () => {
    setTimeout(() => process.exit(0), 2000).unref();
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function exitOnStartupError(error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') console.error('That port is already in use: choose another with --port, or 0 for any free one.');
  else if (code === 'EACCES') console.error('That port needs privileges: choose one above 1024 with --port.');
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
