import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postgresBinDir, postgresMissingMessage, startPostgresServer } from './postgresServer.node';

// The PostgreSQL kit (issue 14): a throwaway cluster that starts, answers a query over TCP, and
// stops with its folder gone. Absent PostgreSQL skips here only off CI.

const absent = postgresBinDir() === null;
const skip = absent && process.env['CI'] !== 'true';
if (skip) console.warn(`Skipping the PostgreSQL kit's tests: ${postgresMissingMessage}`);

async function psql(binDir: string, url: string, sql: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(path.join(binDir, 'psql'), [url, '-X', '-A', '-t', '-c', sql], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = await once(child, 'exit');
  return { code: code as number | null, output: output.trim() };
}

describe.skipIf(skip)('startPostgresServer', () => {
  it('starts a cluster that answers over TCP, then stops and removes it', async () => {
    const postgres = await startPostgresServer();
    let stopped = false;
    try {
      expect(postgres.url).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/postgres`);
      const answer = await psql(postgres.binDir, postgres.url, "SELECT current_setting('server_version_num')::int >= 150000, current_setting('fsync')");
      expect(answer).toEqual({ code: 0, output: 't|off' });

      expect(existsSync(path.join(postgres.dir, `.s.PGSQL.${postgres.port}`)), 'its socket is in its own folder').toBe(true);
      await postgres.stop();
      stopped = true;
      expect(existsSync(postgres.dir)).toBe(false);
      const refused = await psql(postgres.binDir, postgres.url, 'SELECT 1');
      expect(refused.code).not.toBe(0);
      expect(refused.output).toMatch(/Connection refused|could not connect/);
    } finally {
      if (!stopped) await postgres.stop();
    }
  });
});
