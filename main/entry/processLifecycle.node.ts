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

/** The exit code of an entry whose port is taken: the studio's room supervisor then takes a free one. */
export const EXIT_PORT_IN_USE = 3;

export function exitOnStartupError(error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    console.error('That port is already in use: choose another with --port, or 0 for any free one.');
    process.exit(EXIT_PORT_IN_USE);
  }
  if (code === 'EACCES') console.error('That port needs privileges: choose one above 1024 with --port.');
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

type ParentPort = { postMessage(message: unknown): void; on(event: 'message', listener: (event: { data: unknown }) => void): void };
const parentPortOf = () => (process as { parentPort?: ParentPort }).parentPort;

/** Whether a process started this one with a channel to it (the studio's or the app's room): its log lines are then the parent's to keep. */
export function startedByParent(): boolean {
  return parentPortOf() !== undefined || process.connected === true;
}

/** Resolves with the first message from the process that started this one (Node's IPC channel or a utilityProcess's parentPort) that `accept` takes. */
export function messageFromParent<T>(accept: (message: unknown) => T | null): Promise<T> {
  return new Promise((resolve) => {
    const take = (message: unknown) => {
      const accepted = accept(message);
      if (accepted !== null) resolve(accepted);
    };
    const parentPort = parentPortOf();
    if (parentPort) parentPort.on('message', (event) => take(event.data));
    else process.on('message', take);
  });
}

/**
 * Tells the process that started this one that it is ready: over Node's IPC channel (a child
 * process) or Electron's parentPort (a utilityProcess). Nothing is sent when neither exists.
 */
export function announceToParent(message: unknown): void {
  const parentPort = parentPortOf();
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}
