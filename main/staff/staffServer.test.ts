import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostOnlyMessage } from '../../contract/roles.std';
import type { StaffPairing, StaffState } from '../../contract/schemas/staff.std';
import { createCore, type Core } from '../core/createCore.node';
import type { Sender } from '../kernel/dispatcher.std';
import { createLogger, type LogRecord } from '../log/logger.std';
import { rendererCsp } from '../http/securityHeaders.std';
import { createSocketKit, hasId, isEvent, type JsonSocket } from '../../testing/socketTestKit.node';
import { CONFIRM_PAIRING_BUTTON, pairingPageCsp } from './pairingPage.std';
import { CONSOLE_NOT_STARTED, NOT_A_CONSOLE } from './staffDesk.std';
import { CROSS_ORIGIN_PAIRING, MAX_PAIR_BODY, startStaffServer, type StaffServer } from './staffServer.node';
import { systemStaffRegistry } from './systemStaffRegistry.node';

const indexHtml = '<!doctype html><title>Shopcast test renderer</title>';
const assetJs = 'console.log("the renderer bundle")';
const host: Sender = { transport: 'ipc', id: 'window:1', role: 'host', name: 'Host' };

let dir: string;
let rendererDir: string;
let records: LogRecord[];
let core: Core | undefined;
let server: StaffServer | undefined;
const kit = createSocketKit();

/** A real core, with a staff registry of the given session lifetime, and no console server yet. */
async function startCore(options: { sessionLifetimeMs?: number } = {}): Promise<Core> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-staff-'));
  rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), indexHtml);
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), assetJs);
  records = [];
  const log = createLogger((record) => records.push(record));
  const lifetimes = options.sessionLifetimeMs === undefined ? {} : { sessionLifetimeMs: options.sessionLifetimeMs };
  core = await createCore({ dataDir: path.join(dir, 'data'), log, env: process.env, requireModule: createRequire(import.meta.url), staff: systemStaffRegistry(lifetimes) });
  return core;
}

/** A real core and its console server on a free port of 127.0.0.1. */
async function start(options: { sessionLifetimeMs?: number } = {}) {
  const started = await startCore(options);
  server = await startStaffServer({ host: '127.0.0.1', port: 0, publicHost: '127.0.0.1', rendererDir, core: started, log: createLogger((record) => records.push(record)).child('staff') });
  return { core: started, server };
}

afterEach(async () => {
  kit.closeAll();
  await server?.close();
  core?.close();
  server = undefined;
  core = undefined;
  await rm(dir, { recursive: true, force: true });
});

function running() {
  if (!core || !server) throw new Error('start() first');
  return { core, server };
}

async function call<T>(channel: string, payload: unknown = {}): Promise<T> {
  if (!core) throw new Error('start() first');
  const outcome = await core.dispatch(channel, payload, host);
  if (!outcome.ok) throw new Error(`${channel}: ${outcome.error.message}`);
  return outcome.value as T;
}

const wsUrl = (pathname: string) => `${running().server.origin.replace('http:', 'ws:')}${pathname}`;

/** The confirmation page's button as a browser sends it: a same-origin form POST. */
async function postCode(code: string, headers: Record<string, string> = { Origin: running().server.origin }, body = `code=${code}`) {
  return fetch(`${running().server.origin}/pair`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

/** The waiting code's confirmation page, as the link (or the typed code) opens it. */
async function expectConfirmation(pairing: StaffPairing, question: string) {
  const response = await fetch(pairing.url, { redirect: 'manual' });
  expect(response.status).toBe(200);
  expect(response.headers.get('set-cookie')).toBeNull();
  expect(response.headers.get('content-security-policy')).toBe(pairingPageCsp);
  expect(response.headers.get('cache-control')).toBe('no-store');
  // Not no-referrer: under it a browser posts the form with `Origin: null`, which is refused.
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
  const page = await response.text();
  expect(page).toContain(question);
  expect(page).toContain('<form method="post" action="/pair">');
  expect(page).toContain(`<input type="hidden" name="code" value="${pairing.code}">`);
  expect(page).toContain(`<button type="submit">${CONFIRM_PAIRING_BUTTON}</button>`);
  expect(page).not.toContain('<script');
  return page;
}

/** Pairs a console as a phone would after scanning the QR code: the link, the button, the redirect, the cookie. */
async function pairConsole(role: 'host' | 'moderator' = 'moderator', name = 'Mia') {
  const pairing = await call<StaffPairing>('createStaffPairing', { name, role });
  await expectConfirmation(pairing, `Pair this browser as ${name} (${role})?`);
  const response = await postCode(pairing.code);
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/');
  const setCookie = response.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/^shopcast_staff=[\w-]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);
  const cookie = setCookie.split(';')[0] ?? '';
  return { pairing, cookie, headers: { Cookie: cookie, Origin: running().server.origin } };
}

let nextId = 1;
async function callOver(api: JsonSocket, channel: string, payload: unknown = {}) {
  const id = nextId++;
  api.socket.send(JSON.stringify({ id, channel, payload }));
  return api.next(hasId(id));
}

async function openApi(headers: Record<string, string>) {
  const api = kit.connect(wsUrl('/api'), headers);
  await api.opened;
  return api;
}

describe('staff pairing over HTTP', () => {
  it('says why there is no console until the server listens, and refuses to make a code nobody can reach', async () => {
    const core = await startCore();
    expect(await call<StaffState>('getStaff')).toEqual({ consoleUrl: null, message: CONSOLE_NOT_STARTED, members: [] });
    expect(await core.dispatch('createStaffPairing', { name: 'Mia', role: 'moderator' }, host)).toEqual({
      ok: false,
      error: { code: 'failed', channel: 'createStaffPairing', message: CONSOLE_NOT_STARTED },
    });
  });

  it('answers a pairing with the console link carrying the code and the link as an SVG QR code', async () => {
    const { server } = await start();
    const pairing = await call<StaffPairing>('createStaffPairing', { name: 'Mia', role: 'moderator' });
    expect(pairing.url).toBe(`${server.origin}/pair?code=${pairing.code}`);
    expect(pairing.qrSvg).toMatch(/^<svg[^>]*>/);
    expect(await call<StaffState>('getStaff')).toMatchObject({ consoleUrl: server.origin, message: null, members: [{ id: pairing.id, state: 'waiting' }] });
  });

  it('gives an unpaired device the script-free pairing form and none of the renderer', async () => {
    const { server } = await start();
    for (const pathname of ['/', '/index.html', '/assets/app.js']) {
      const response = await fetch(`${server.origin}${pathname}`);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-security-policy')).toBe(pairingPageCsp);
      const page = await response.text();
      expect(page).toContain('<form method="get" action="/pair">');
      expect(page).not.toContain('<script');
      expect(page).not.toContain(indexHtml);
      expect(page).not.toContain(assetJs);
    }
    const css = await fetch(`${server.origin}/pairing.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('pairs by code into a cookie that opens the renderer, once', async () => {
    const { server } = await start();
    const { pairing, cookie } = await pairConsole();
    const page = await fetch(`${server.origin}/`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(rendererCsp);
    // Plain http on the LAN: a browser ignores Cross-Origin-Opener-Policy there, with a console error.
    expect(page.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(await page.text()).toBe(indexHtml);
    expect(await (await fetch(`${server.origin}/assets/app.js`, { headers: { Cookie: cookie } })).text()).toBe(assetJs);
    // A console runs the panel, not the show: no program frame.
    expect((await fetch(`${server.origin}/program/frame.i420`, { headers: { Cookie: cookie } })).status).toBe(404);

    const again = await fetch(pairing.url, { redirect: 'manual' });
    expect(again.status).toBe(401);
    const used = await again.text();
    expect(used).toContain('That code has already been used');
    expect(used).not.toContain(CONFIRM_PAIRING_BUTTON);
    const twice = await postCode(pairing.code);
    expect(twice.status).toBe(401);
    expect(twice.headers.get('set-cookie')).toBeNull();
    expect(await twice.text()).toContain('That code has already been used');
  });

  it('leaves the code usable after link previews and scanners fetch the link (GET and HEAD)', async () => {
    const { server } = await start();
    const pairing = await call<StaffPairing>('createStaffPairing', { name: '<b>Lin</b>', role: 'moderator' });
    const head = await fetch(pairing.url, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(200);
    expect(head.headers.get('set-cookie')).toBeNull();
    // A preview, the scanner app, then the person: each gets the question, none spends the code.
    for (let look = 0; look < 3; look++) {
      const page = await expectConfirmation(pairing, 'Pair this browser as &lt;b&gt;Lin&lt;/b&gt; (moderator)?');
      expect(page).not.toContain('<b>');
    }
    expect((await call<StaffState>('getStaff')).members).toEqual([expect.objectContaining({ id: pairing.id, state: 'waiting' })]);
    const paired = await postCode(pairing.code);
    expect(paired.status).toBe(303);
    expect(paired.headers.get('set-cookie')).toMatch(/^shopcast_staff=/);
    expect((await call<StaffState>('getStaff')).members).toEqual([expect.objectContaining({ id: pairing.id, state: 'paired' })]);
    // An empty code is no guess: the plain form, nothing counted.
    const empty = await fetch(`${server.origin}/pair?code=`);
    expect(empty.status).toBe(200);
    expect(await empty.text()).not.toContain('role="alert"');
  });

  it('refuses a POST from another origin without spending the code, and pairs from its own page', async () => {
    const { server } = await start();
    const pairing = await call<StaffPairing>('createStaffPairing', { name: 'Mia', role: 'moderator' });
    const foreign: Record<string, string>[] = [{ Origin: 'http://evil.example' }, { Origin: 'null' }, { Referer: 'http://evil.example/pair.html' }, { Referer: 'not a url' }];
    for (const headers of foreign) {
      const response = await postCode(pairing.code, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await response.text()).toContain(CROSS_ORIGIN_PAIRING.slice(0, 40));
    }
    expect(records.filter((record) => record.message === 'staff pairing refused' && record.fields?.['reason'] === 'cross-origin')).toHaveLength(foreign.length);
    expect((await call<StaffState>('getStaff')).members).toEqual([expect.objectContaining({ state: 'waiting' })]);
    // Without Origin, the page's same-origin Referer will do.
    const response = await postCode(pairing.code, { Referer: pairing.url });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(/^shopcast_staff=/);
    expect(server.origin).toBe(new URL(pairing.url).origin);
  });

  it('takes only a small form body on POST /pair, and no other method', async () => {
    const { server } = await start();
    const pairing = await call<StaffPairing>('createStaffPairing', { name: 'Mia', role: 'moderator' });
    const large = await postCode(pairing.code, undefined, `code=${pairing.code}&pad=${'x'.repeat(MAX_PAIR_BODY)}`);
    expect(large.status).toBe(413);
    const json = await postCode(pairing.code, { Origin: server.origin, 'Content-Type': 'application/json' }, JSON.stringify({ code: pairing.code }));
    expect(json.status).toBe(415);
    const put = await fetch(`${server.origin}/pair`, { method: 'PUT', body: `code=${pairing.code}` });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await fetch(`${server.origin}/`, { method: 'POST', body: `code=${pairing.code}` })).status).toBe(405);
    expect((await call<StaffState>('getStaff')).members).toEqual([expect.objectContaining({ state: 'waiting' })]);
    expect((await postCode(pairing.code)).status).toBe(303);
  });

  it('locks an address out for 60 s after five wrong codes looked up by GET, saying so, even for the right code', async () => {
    const { server } = await start();
    const pairing = await call<StaffPairing>('createStaffPairing', { name: 'Mia', role: 'moderator' });
    const wrong = pairing.code === '000000' ? '000001' : '000000';
    for (let attempt = 1; attempt < 5; attempt++) {
      const response = await fetch(`${server.origin}/pair?code=${wrong}`);
      expect(response.status).toBe(401);
      const page = await response.text();
      expect(page).toContain('That code is not valid');
      expect(page).not.toContain(CONFIRM_PAIRING_BUTTON);
    }
    const fifth = await fetch(`${server.origin}/pair?code=${wrong}`);
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toContain('pairing is paused for 60 seconds');
    const right = await fetch(pairing.url, { redirect: 'manual' });
    expect(right.status).toBe(429);
    expect(await right.text()).toContain('Too many wrong codes from this device');
    const post = await postCode(pairing.code);
    expect(post.status).toBe(429);
    expect(post.headers.get('set-cookie')).toBeNull();
    expect(records.some((record) => record.message === 'staff pairing refused' && record.fields?.['reason'] === 'locked')).toBe(true);
  });

  it('counts wrong codes sent by POST towards the same lockout as those looked up by GET', async () => {
    const { server } = await start();
    const pairing = await call<StaffPairing>('createStaffPairing', { name: 'Mia', role: 'moderator' });
    const wrong = pairing.code === '000000' ? '000001' : '000000';
    for (let attempt = 1; attempt <= 2; attempt++) expect((await fetch(`${server.origin}/pair?code=${wrong}`)).status).toBe(401);
    for (let attempt = 3; attempt <= 4; attempt++) {
      const response = await postCode(wrong);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('That code is not valid');
    }
    const fifth = await postCode(wrong);
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toContain('pairing is paused for 60 seconds');
    expect((await postCode(pairing.code)).status).toBe(429);
    expect((await fetch(pairing.url)).status).toBe(429);
  });
});

describe('a staff console over /api', () => {
  it('lets a moderator run the panel and refuses host-only channels with forbidden and the reason', async () => {
    await start();
    const { headers } = await pairConsole('moderator', 'Mia');
    const api = await openApi(headers);
    expect(await callOver(api, 'whoAmI')).toMatchObject({ ok: true, value: { role: 'moderator', name: 'Mia', console: true } });
    expect(await callOver(api, 'getPanel')).toMatchObject({ ok: true });
    const attempts: [string, unknown][] = [
      ['goLive', {}],
      ['saveDestination', { platform: 'custom', name: 'X', serverUrl: 'rtmp://example.com/live', enabled: true }],
      ['updateSettings', { outputProfile: '1080p30' }],
      ['createStaffPairing', { name: 'Eve', role: 'host' }],
    ];
    for (const [channel, payload] of attempts) {
      expect(await callOver(api, channel, payload)).toMatchObject({ ok: false, error: { code: 'forbidden', channel, message: hostOnlyMessage(channel as 'goLive') } });
    }
    expect(records.filter((record) => record.message === 'call forbidden for the role').map((record) => record.fields?.['sender'])).toContain(`staff:${(await call<StaffState>('getStaff')).members[0]?.id}`);
  });

  it("counts a console's window once its page says it is up, not when its socket opens, until the socket closes", async () => {
    await start();
    const { pairing, headers } = await pairConsole();
    const connections = async () => (await call<StaffState>('getStaff')).members.find((member) => member.id === pairing.id)?.connections;
    const first = await openApi(headers);
    // Open, and even answering calls, but its page has not said it is up (it may have failed).
    expect(await callOver(first, 'whoAmI')).toMatchObject({ ok: true });
    expect(await connections()).toBe(0);
    expect(await callOver(first, 'consoleReady')).toEqual({ id: expect.any(Number), ok: true, value: {} });
    expect(await connections()).toBe(1);
    // A page that says so twice (a re-render) is still one window.
    expect(await callOver(first, 'consoleReady')).toMatchObject({ ok: true });
    expect(await connections()).toBe(1);
    const second = await openApi(headers);
    await callOver(second, 'consoleReady');
    expect(await connections()).toBe(2);
    first.socket.close();
    await expect.poll(connections).toBe(1);
    second.socket.close();
    await expect.poll(connections).toBe(0);
    // The studio's own window is no console.
    expect(await running().core.dispatch('consoleReady', {}, host)).toEqual({ ok: false, error: { code: 'failed', channel: 'consoleReady', message: NOT_A_CONSOLE } });
  });

  it('forwards only the events the role may hear', async () => {
    const { core } = await start();
    const moderator = await openApi((await pairConsole('moderator', 'Mia')).headers);
    const hostConsole = await openApi((await pairConsole('host', 'Sam')).headers);
    expect(await callOver(hostConsole, 'whoAmI')).toMatchObject({ value: { role: 'host', name: 'Sam', console: true } });
    core.events.emit('destinations', []);
    core.events.emit('staff', core.staff.state());
    core.events.emit('notice', { level: 'info', message: 'last', at: 1 });
    // Events on one socket arrive in order: once the notice is in, anything before it is too.
    await moderator.next(isEvent('notice'));
    await hostConsole.next(isEvent('notice'));
    expect(moderator.received.filter(isEvent('destinations'))).toEqual([]);
    expect(moderator.received.filter(isEvent('staff'))).toEqual([]);
    expect(hostConsole.received.filter(isEvent('destinations'))).toHaveLength(1);
  });

  it('closes every open socket of a revoked console at once, and its cookie stops working', async () => {
    const { server } = await start();
    const { pairing, cookie, headers } = await pairConsole();
    const first = await openApi(headers);
    const second = await openApi(headers);
    for (const api of [first, second]) expect(await callOver(api, 'consoleReady')).toMatchObject({ ok: true });
    expect((await call<StaffState>('getStaff')).members).toEqual([expect.objectContaining({ id: pairing.id, state: 'paired', connections: 2 })]);

    const after = await call<StaffState>('revokeStaff', { id: pairing.id });
    expect(after.members).toEqual([]);
    const reason = "This console's pairing was revoked";
    expect(await first.closed).toEqual({ code: 4001, reason });
    expect(await second.closed).toEqual({ code: 4001, reason });

    const page = await fetch(`${server.origin}/`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(401);
    expect(page.headers.get('set-cookie')).toMatch(/^shopcast_staff=; .*Max-Age=0$/);
    expect(await page.text()).toContain(reason);
    expect(await kit.refusedStatus(wsUrl('/api'), headers)).toBe(401);
  });

  it("closes a console's socket when its session expires", async () => {
    // Long enough to pair and connect on a busy machine; the test waits on the close, not a timer.
    const { server } = await start({ sessionLifetimeMs: 2_000 });
    const { cookie, headers } = await pairConsole();
    const api = await openApi(headers);
    expect(await api.closed).toEqual({ code: 4001, reason: "This console's pairing expired" });
    expect((await call<StaffState>('getStaff')).members).toEqual([]);
    expect(await (await fetch(`${server.origin}/`, { headers: { Cookie: cookie } })).text()).toContain("This console's pairing expired");
  });

  it('refuses a cross-origin upgrade, an upgrade without Origin, and the media socket', async () => {
    await start();
    const { cookie, headers } = await pairConsole();
    expect(await kit.refusedStatus(wsUrl('/api'), { Cookie: cookie, Origin: 'http://evil.example' })).toBe(401);
    expect(await kit.refusedStatus(wsUrl('/api'), { Cookie: cookie })).toBe(401);
    expect(await kit.refusedStatus(wsUrl('/media'), headers)).toBe(401);
    expect(await kit.refusedStatus(wsUrl('/api'), { Origin: running().server.origin })).toBe(401);
    expect(records.some((record) => record.message === 'staff socket refused' && record.fields?.['sameOrigin'] === false)).toBe(true);
  });

  it('says the console server has stopped once it closes', async () => {
    const { server } = await start();
    await server.close();
    expect(await call<StaffState>('getStaff')).toMatchObject({ consoleUrl: null, message: 'The staff console server has stopped.' });
  });
});
