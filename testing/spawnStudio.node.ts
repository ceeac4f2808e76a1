import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface SpawnedStudio {
  /** The one-time pairing URL it printed. */
  url: string;
  origin: string;
  process: ChildProcessWithoutNullStreams;
  stop(): Promise<void>;
}

/**
 * Runs the built `npm run studio` entry in its own process, as a merchant would, and waits for
 * the pairing URL it prints: for benchmarks and end-to-end tests that need the real thing.
 */
export async function spawnStudio(entry: string, dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<SpawnedStudio> {
  const child = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir], { env });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  for await (const line of createInterface({ input: child.stdout })) {
    const url = /(http:\/\/\S+\?token=\S+)/.exec(line)?.[1];
    if (url) {
      return {
        url,
        origin: new URL(url).origin,
        process: child,
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          await once(child, 'exit');
        },
      };
    }
  }
  throw new Error(`The studio exited before printing its URL:\n${stderr.join('')}`);
}
