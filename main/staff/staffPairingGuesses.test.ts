import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../contract/schemas/notice.std';
import type { StaffPairing, StaffState } from '../../contract/schemas/staff.std';
import { createCore, type Core } from '../core/createCore.node';
import type { Sender } from '../kernel/dispatcher.std';
import { createLogger } from '../log/logger.std';
import { startStaffServer, type StaffServer } from './staffServer.node';
import { WRONG_CODES_PER_CODE } from './staffRegistry.std';
import { systemStaffRegistry } from './systemStaffRegistry.node';

// Guessing a pairing code from many addresses (issue 14): the per-address lockout never fires when
// each address stays under it, so every waiting code also dies after WRONG_CODES_PER_CODE wrong
// codes in total, and the host is told to make a new one. The real core and console server; the
// guesses come from distinct loopback addresses (127.0.0.x), as they would from distinct devices.

const host: Sender = { transport: 'ipc', id: 'window:1', role: 'host', name: 'Host' };
let dir: string;
let core: Core | undefined;
let server: StaffServer | undefined;

afterEach(async () => {
  await server?.close();
  core?.close();
  server = undefined;
  core = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start() {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-staff-guess-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>renderer</title>');
  const log = createLogger(() => {});
  core = await createCore({ dataDir: path.join(dir, 'data'), log, env: process.env, requireModule: createRequire(import.meta.url), staff: systemStaffRegistry() });
  server = await startStaffServer({ host: '127.0.0.1', port: 0, publicHost: '127.0.0.1', rendererDir, core, log });
  return { core, server };
}

async function call<T>(running: Core, channel: string, payload: unknown = {}): Promise<T> {
  const outcome = await running.dispatch(channel, payload, host);
  if (!outcome.ok) throw new Error(`${channel}: ${outcome.error.message}`);
  return outcome.value as T;
}

/** GET /pair?code=… from a given local address: the status and the page. */
function lookFrom(origin: string, code: string, localAddress: string): Promise<{ status: number; page: string }> {
  const url = new URL(`/pair?code=${code}`, origin);
  return new Promise((resolve, reject) => {
    const sent = request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, localAddress }, (response) => {
      let page = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (page += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, page }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('pairing codes under distributed guessing', () => {
  it(`cancels a waiting code after ${WRONG_CODES_PER_CODE} wrong codes from addresses none of which is locked, and tells the host`, async () => {
    const { core: running, server: console } = await start();
    const pairing = await call<StaffPairing>(running, 'createStaffPairing', { name: 'Mia', role: 'moderator' });
    const wrongCodes = Array.from({ length: 1000 }, (_, i) => String(i).padStart(6, '0')).filter((code) => code !== pairing.code);
    // Four wrong codes from each address, one under the per-address lockout of five.
    const statuses: number[] = [];
    for (let guess = 0; guess < WRONG_CODES_PER_CODE; guess += 1) {
      const from = `127.0.0.${2 + Math.floor(guess / 4)}`;
      statuses.push((await lookFrom(console.origin, wrongCodes[guess] ?? '', from)).status);
    }
    expect(new Set(statuses)).toEqual(new Set([401]));

    // The right code is dead now, for everyone, and says why.
    const late = await lookFrom(console.origin, pairing.code, '127.0.0.99');
    expect(late.status).toBe(401);
    expect(late.page).toContain('too many wrong codes were tried while it waited');
    // The host's Staff tab no longer lists it, and a notice says to make a new one.
    expect((await call<StaffState>(running, 'getStaff')).members).toEqual([]);
    const notices = await call<Notice[]>(running, 'getNotices');
    expect(notices.some((notice) => notice.level === 'warning' && notice.message.includes('The pairing code for Mia was cancelled'))).toBe(true);
    // A new code works.
    const fresh = await call<StaffPairing>(running, 'createStaffPairing', { name: 'Mia', role: 'moderator' });
    expect((await lookFrom(console.origin, fresh.code, '127.0.0.98')).status).toBe(200);
  });

  it('leaves a code alive after a few typos from its holder', async () => {
    const { core: running, server: console } = await start();
    const pairing = await call<StaffPairing>(running, 'createStaffPairing', { name: 'Mia', role: 'moderator' });
    const typo = pairing.code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 3; i += 1) expect((await lookFrom(console.origin, typo, '127.0.0.1')).status).toBe(401);
    expect((await lookFrom(console.origin, pairing.code, '127.0.0.1')).status).toBe(200);
  });
});
