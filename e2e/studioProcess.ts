import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface StudioProcess {
  /** The one-time pairing URL it printed. */
  url: string;
  origin: string;
  dataDir: string;
  process: ChildProcessWithoutNullStreams;
  stop(): Promise<void>;
}

export const tempDataDir = () => mkdtemp(path.join(os.tmpdir(), 'shopcast-e2e-'));

/** Runs the built `npm run studio` entry, as a merchant would, and waits for the URL it prints. */
export async function startStudio(dataDir: string): Promise<StudioProcess> {
  const child = spawn(process.execPath, ['dist/main/studio.node.js', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, SHOPCAST_LOG_LEVEL: 'info' },
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  for await (const line of createInterface({ input: child.stdout })) {
    const url = /(http:\/\/\S+\?token=\S+)/.exec(line)?.[1];
    if (url) {
      return {
        url,
        origin: new URL(url).origin,
        dataDir,
        process: child,
        stop: async () => {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          await once(child, 'exit');
        },
      };
    }
  }
  throw new Error(`The studio exited before printing its URL:\n${stderr.join('')}`);
}
