import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface SpawnedRoom {
  port: number;
  process: ChildProcessWithoutNullStreams;
  /** SIGTERM and wait: a clean stop. */
  stop(): Promise<void>;
  /** SIGKILL and wait: a crash, for the tests that prove nothing acknowledged is lost. */
  kill(): Promise<void>;
}

export interface SpawnRoomOptions {
  dataDir: string;
  port: number;
  token: string;
  env?: NodeJS.ProcessEnv;
  /** More command-line options (`--trust-proxy 127.0.0.1`…). */
  args?: readonly string[];
  /** A command the room runs under (`ip netns exec <name>`: a room in a network namespace of its own). */
  runUnder?: readonly string[];
}

/** Runs the built `npm run room` entry in its own process and waits until it listens. */
export async function spawnRoom(entry: string, options: SpawnRoomOptions): Promise<SpawnedRoom> {
  const [command = process.execPath, ...prefix] = [...(options.runUnder ?? []), process.execPath];
  const child = spawn(command, [...prefix, entry, '--port', String(options.port), '--host', '127.0.0.1', '--data-dir', options.dataDir, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env, SHOPCAST_ROOM_TOKEN: options.token },
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const ended = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await once(child, 'exit');
  };
  for await (const line of createInterface({ input: child.stdout })) {
    const port = /running on port (\d+)/.exec(line)?.[1];
    if (port) return { port: Number(port), process: child, stop: () => ended('SIGTERM'), kill: () => ended('SIGKILL') };
  }
  throw new Error(`The room server exited before it listened:\n${stderr.join('')}`);
}
