import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort.node';

// A throwaway PostgreSQL cluster for tests (issue 14): Debian's server binaries, initdb into a
// temporary folder, one `postgres` on a free loopback port with its socket in that folder, trust
// auth, fsync off (a test's data need not outlive the machine). `npm run setup -- --test`
// installs it. PostgreSQL refuses to run as root: as root the folder is handed to the `postgres`
// user Debian creates, and initdb and the server run as that user.

export const POSTGRES_BIN_ENV = 'POSTGRES_BIN';
export const postgresMissingMessage =
  'PostgreSQL is missing: run `npm run setup -- --test` (Debian: apt-get install postgresql), ' +
  `or set ${POSTGRES_BIN_ENV} to the folder holding initdb and postgres.`;

/** POSTGRES_BIN, else the newest /usr/lib/postgresql/<version>/bin holding `postgres` (Debian's layout). */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env[POSTGRES_BIN_ENV];
  if (fromEnv) return existsSync(path.join(fromEnv, 'postgres')) ? fromEnv : null;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => path.join(root, version, 'bin')).find((bin) => existsSync(path.join(bin, 'postgres')));
  return found ?? null;
}

export interface PostgresServer {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth: no password). */
  readonly url: string;
  readonly binDir: string;
  /** The cluster's folder: its data and its Unix socket. */
  readonly dir: string;
  /** Stops the server (fast shutdown, SIGKILL after 5 s) and removes its folder. */
  stop(): Promise<void>;
}

/** Who runs PostgreSQL: this process, or as root the `postgres` user (by uid and gid). */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('Running as root, and there is no `postgres` user to run PostgreSQL as (Debian\'s postgresql package creates it).');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function run(command: string, args: readonly string[], user: { uid: number; gid: number } | null): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return once(child, 'exit').then(([code]) => ({ code: code as number | null, output }));
}

/** Starts a throwaway cluster and resolves once the server accepts connections. */
export async function startPostgresServer(env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer> {
  const binDir = postgresBinDir(env);
  if (binDir === null) throw new Error(postgresMissingMessage);
  const user = serverUser();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopcast-postgres-'));
  const dataDir = path.join(dir, 'data');
  // The server user's own uid and gid given to spawn (rather than `runuser -u postgres --`): the
  // server is then this process's direct child, so stop()'s signal reaches postgres itself.
  if (user) await fs.chown(dir, user.uid, user.gid);

  const initdb = await run(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], user);
  if (initdb.code !== 0) {
    await fs.rm(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${initdb.code}):\n${initdb.output}`);
  }

  const port = await freePort();
  const server: ChildProcess = spawn(
    path.join(binDir, 'postgres'),
    ['-D', dataDir, '-k', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    { stdio: ['ignore', 'ignore', 'pipe'], ...(user ?? {}) },
  );
  const exited = once(server, 'exit');
  let log = '';
  try {
    // The server logs this line once it accepts connections (after recovery, on the TCP port).
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not accept connections on port ${port} within 20 s:\n${log}`)), 20_000);
      server.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        log = (log + chunk).slice(-20_000);
        if (/database system is ready to accept connections/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      });
      server.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited (${code ?? signal}) before accepting connections on port ${port}:\n${log}`));
      });
    });
  } catch (error) {
    server.kill('SIGKILL');
    await exited;
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    binDir,
    dir,
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGINT'); // PostgreSQL's fast shutdown: ends sessions, checkpoints, exits
        const hard = setTimeout(() => server.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(hard);
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
