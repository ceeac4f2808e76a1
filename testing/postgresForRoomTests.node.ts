import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A throwaway PostgreSQL server for the room's tests: a real peer, never a mock. initdb into a
// temporary directory, then `postgres` on a free port of 127.0.0.1, its socket in the same
// directory. PostgreSQL refuses to run as root, so under root both run as the `postgres` user.
// fsync=off: the data dies with the test anyway.

const BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresForTests {
  /** A connection string for the `postgres` database, trusted (no password). */
  readonly url: string;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Under root, the `postgres` user's ids for spawn; otherwise run as ourselves. */
const runAs = (): { uid: number; gid: number } | Record<string, never> => {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
};

export async function startPostgresForRoomTests(): Promise<PostgresForTests> {
  const dir = mkdtempSync(path.join(tmpdir(), 'room-pg-'));
  const user = runAs();
  if ('uid' in user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  execFileSync(path.join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'], { ...user, stdio: 'ignore' });
  const port = await freePort();
  const server = spawn(path.join(BIN, 'postgres'), ['-D', data, '-k', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=50'], {
    ...user,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (!log.includes('database system is ready to accept connections')) return;
      server.stderr.off('data', onData);
      server.stderr.resume();
      resolve();
    };
    server.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`postgres exited before it was ready:\n${log}`)));
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      // SIGTERM: the smart shutdown, once the pools' connections (being closed) are gone; one left
      // open by a failed test is cut after 10 s by the fast shutdown (SIGINT).
      server.kill('SIGTERM');
      const fast = setTimeout(() => server.kill('SIGINT'), 10_000);
      await exited;
      clearTimeout(fast);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
