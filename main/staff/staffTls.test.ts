import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StaffPairing, StaffState } from '../../contract/schemas/staff.std';
import { createCore, type Core } from '../core/createCore.node';
import type { Sender } from '../kernel/dispatcher.std';
import { createLogger } from '../log/logger.std';
import { httpsRequest, selfSignedCertificate } from '../../testing/tlsTestKit.node';
import { startStaffConsole } from './staffConsole.node';
import type { StaffServer } from './staffServer.node';
import { systemStaffRegistry } from './systemStaffRegistry.node';

// The staff console over HTTPS and WSS when SHOPCAST_STAFF_TLS_CERT and _KEY name a certificate
// (a self-signed one made here by Debian's openssl): pairing, the Secure cookie and the /api
// socket, for clients that trust only that certificate. The real core and console server.

const host: Sender = { transport: 'ipc', id: 'window:1', role: 'host', name: 'Host' };
let dir: string;
let core: Core | undefined;
let server: StaffServer | null = null;

afterEach(async () => {
  await server?.close();
  core?.close();
  server = null;
  core = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start(tlsEnv: (files: { certFile: string; keyFile: string }) => NodeJS.ProcessEnv) {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-staff-tls-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>renderer</title>');
  const files = selfSignedCertificate(dir, 'console');
  const log = createLogger(() => {});
  core = await createCore({ dataDir: path.join(dir, 'data'), log, env: process.env, requireModule: createRequire(import.meta.url), staff: systemStaffRegistry() });
  const env = { SHOPCAST_STAFF_HOST: '127.0.0.1', SHOPCAST_STAFF_PORT: '0', ...tlsEnv(files) };
  server = await startStaffConsole({ env, rendererDir, core, log });
  return { core, ca: await readFile(files.certFile) };
}

async function call<T>(running: Core, channel: string, payload: unknown = {}): Promise<T> {
  const outcome = await running.dispatch(channel, payload, host);
  if (!outcome.ok) throw new Error(`${channel}: ${outcome.error.message}`);
  return outcome.value as T;
}

describe('the staff console over TLS', () => {
  it('pairs over HTTPS into a Secure cookie that opens the /api socket over WSS', async () => {
    const { core: running, ca } = await start((files) => ({ SHOPCAST_STAFF_TLS_CERT: files.certFile, SHOPCAST_STAFF_TLS_KEY: files.keyFile }));
    const origin = server?.origin ?? '';
    expect(origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await call<StaffState>(running, 'getStaff')).consoleUrl).toBe(origin);
    const pairing = await call<StaffPairing>(running, 'createStaffPairing', { name: 'Mia', role: 'moderator' });
    expect(pairing.url).toBe(`${origin}/pair?code=${pairing.code}`);
    expect((await httpsRequest(pairing.url, ca)).status).toBe(200);
    // The confirmation button's POST, from the console's own https page.
    const paired = await httpsRequest(`${origin}/pair`, ca, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `code=${pairing.code}` });
    expect(paired.status).toBe(303);
    const setCookie = String(paired.headers['set-cookie'] ?? '');
    expect(setCookie).toMatch(/; Secure/);
    // A plain-http Origin is another site to an https console.
    const refused = await httpsRequest(`${origin}/pair`, ca, { method: 'POST', headers: { Origin: origin.replace('https:', 'http:'), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'code=000000' });
    expect(refused.status).toBe(403);
    const ws = new WebSocket(`${origin.replace('https:', 'wss:')}/api`, { ca, headers: { Origin: origin, Cookie: setCookie.split(';')[0] ?? '' } });
    try {
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    } finally {
      ws.terminate();
    }
  });

  it('stays off, saying why, when the key does not match, and when only one of the two is set', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'shopcast-staff-tls-other-'));
    try {
      const otherKey = selfSignedCertificate(other, 'other').keyFile;
      const { core: running } = await start((files) => ({ SHOPCAST_STAFF_TLS_CERT: files.certFile, SHOPCAST_STAFF_TLS_KEY: otherKey }));
      expect(server).toBeNull();
      const state = await call<StaffState>(running, 'getStaff');
      expect(state).toMatchObject({ consoleUrl: null, message: expect.stringMatching(/^Staff consoles are off: .*do not make a usable pair/) });
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
