import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants } from 'node:fs';
import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort.node';

// A real NATS server with JetStream for tests (issue 14): Debian's nats-server, run as a private
// child process on a free port with its store in its own folder. `npm run setup -- --test`
// installs it. It can be killed the hard way and started again on the same port and store, as
// a crashed node comes back.

export const NATS_SERVER_PATH_ENV = 'NATS_SERVER_PATH';
export const natsServerMissingMessage =
  'nats-server is missing: run `npm run setup -- --test` (Debian: apt-get install nats-server), ' +
  `or set ${NATS_SERVER_PATH_ENV} to the nats-server binary.`;

/** NATS_SERVER_PATH, else `nats-server` on PATH (Debian installs it in /usr/sbin). */
export function natsServerBinaryPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env[NATS_SERVER_PATH_ENV];
  if (fromEnv) {
    try {
      accessSync(fromEnv, constants.X_OK);
      return fromEnv;
    } catch {
      return null;
    }
  }
  const searchPath = [env['PATH'] ?? '', '/usr/sbin', '/usr/local/sbin'].join(path.delimiter);
  const found = spawnSync('sh', ['-c', 'command -v nats-server'], { env: { ...env, PATH: searchPath }, encoding: 'utf8' });
  const binary = found.stdout?.trim();
  return found.status === 0 && binary ? binary : null;
}

export interface NatsServer {
  readonly port: number;
  /** nats://127.0.0.1:<port> */
  readonly url: string;
  /** The JetStream store (streams survive a restart here). */
  readonly storeDir: string;
  /** The running server (null while stopped). */
  readonly process: ChildProcess | null;
  /** Starts the server again on the same port and store; resolves when it is ready. */
  start(): Promise<void>;
  /** Stops it as an operator would (SIGTERM, SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, no flush, no goodbye to clients. */
  kill(): Promise<void>;
  /** stop(), then removes its folder. */
  dispose(): Promise<void>;
  /** What the server logged (to quote in a failure). */
  log(): string;
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Starts a private `nats-server -js` and resolves once it says it is ready for connections. */
export async function startNatsServer(env: NodeJS.ProcessEnv = process.env): Promise<NatsServer> {
  const binary = natsServerBinaryPath(env);
  if (binary === null) throw new Error(natsServerMissingMessage);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopcast-nats-'));
  const storeDir = path.join(dir, 'jetstream');
  const port = await freePort();
  let child: ChildProcess | null = null;
  let log = '';

  async function start(): Promise<void> {
    if (child && isRunning(child)) return;
    // No config file: JetStream in a private store, loopback only, no monitoring port.
    const started = spawn(binary as string, ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = started;
    // The server logs "Server is ready" once its client port listens, after JetStream has
    // recovered every stream from the store.
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => {
        started.kill('SIGKILL');
        reject(new Error(`nats-server was not ready within 15 s on port ${port}:\n${seen}`));
      }, 15_000);
      started.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        seen += chunk;
        log = (log + chunk).slice(-20_000);
        if (/Server is ready/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`nats-server exited (${code ?? signal}) before it was ready on port ${port}:\n${seen}`));
      });
    });
  }

  async function halt(signal: NodeJS.Signals): Promise<void> {
    const running = child;
    if (!running || !isRunning(running)) return;
    const exited = once(running, 'exit');
    running.kill(signal);
    const hard = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(hard);
  }

  await start();
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    storeDir,
    get process() {
      return child;
    },
    start,
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    async dispose() {
      await halt('SIGTERM');
      await fs.rm(dir, { recursive: true, force: true });
    },
    log: () => log,
  };
}
