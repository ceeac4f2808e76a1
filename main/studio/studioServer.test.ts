import { defaultSettings } from '../../contract/schemas/settings.std';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateMediaFrame, i420Bytes } from '../../contract/media.std';
import { createCore, type Core } from '../core/createCore.node';
import { createLogger, type LogRecord } from '../log/logger.std';
import { pairFromNode } from '../../testing/pairFromNode.node';
import { rendererCsp } from '../http/securityHeaders.std';
import { createSocketKit, hasId, isEvent } from '../../testing/socketTestKit.node';
import { startStudioServer, type StudioServer } from './studioServer.node';
import { ORDERS_CSV_PATH } from '../../contract/schemas/fulfilment.std';

const indexHtml = '<!doctype html><title>Shopcast test renderer</title>';

let dir: string;
let records: LogRecord[];
let core: Core;
let server: StudioServer;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-studio-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), indexHtml);
  records = [];
  const log = createLogger((record) => records.push(record));
  core = await createCore({
    dataDir: path.join(dir, 'data'),
    log,
    env: process.env,
    requireModule: createRequire(import.meta.url),
  });
  server = await startStudioServer({ host: '127.0.0.1', port: 0, rendererDir, core, log: log.child('studio') });
});

afterEach(async () => {
  kit.closeAll();
  await server.close();
  core.close();
  await rm(dir, { recursive: true, force: true });
});

const wsUrl = (pathname: string) => `${server.origin.replace('http:', 'ws:')}${pathname}`;

const kit = createSocketKit();
const connect = (pathname: string, headers: Record<string, string>) => kit.connect(wsUrl(pathname), headers);
const refusedStatus = (pathname: string, headers: Record<string, string>) => kit.refusedStatus(wsUrl(pathname), headers);

async function paired() {
  const cookie = await pairFromNode(server.pairingUrl());
  return { cookie, headers: { Cookie: cookie, Origin: server.origin } };
}

describe('the studio server over HTTP', () => {
  it('answers an unpaired browser with the explanatory 401 page under a deny-all CSP', async () => {
    const response = await fetch(`${server.origin}/`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    expect(page).toContain('401: this browser is not paired with the studio');
    expect(page).toContain('This studio only opens from its pairing link.');
    expect(page).not.toContain(indexHtml);
  });

  it('serves the orders CSV as a download to a paired browser only', async () => {
    const refused = await fetch(`${server.origin}${ORDERS_CSV_PATH}`);
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain('Order number');
    const { cookie } = await paired();
    const response = await fetch(`${server.origin}${ORDERS_CSV_PATH}`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="shopcast-orders-\d{4}-\d{2}-\d{2}-\d{4}\.csv"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Order number,Buyer,Contact,Product,Variant');
  });

  it('redeems a pairing link once, then refuses it as already used', async () => {
    const url = server.pairingUrl();
    const cookie = await pairFromNode(url);
    expect(cookie).toMatch(/^shopcast_session=[\w-]+$/);

    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('already been used');
    expect(records.some((record) => record.message === 'pairing refused' && record.fields?.['reason'] === 'used')).toBe(true);
  });

  it('redirects a paired link to the page without the token, setting an HttpOnly strict cookie', async () => {
    const response = await fetch(server.pairingUrl().replace('/?', '/?view=studio&'), { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?view=studio');
    expect(response.headers.get('set-cookie')).toMatch(/^shopcast_session=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/);
  });

  it('serves the renderer to a paired browser under the renderer CSP', async () => {
    const { cookie } = await paired();
    const response = await fetch(`${server.origin}/`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(rendererCsp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(indexHtml);

    const missing = await fetch(`${server.origin}/nothing.js`, { headers: { Cookie: cookie } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(rendererCsp);
  });

  it("serves a show's finished media with byte ranges to a paired browser, and nothing else of its folder", async () => {
    const show = path.join(dir, 'data', 'recordings', '2026-11-25T20-15-00');
    await mkdir(path.join(show, 'clips'), { recursive: true });
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, index) => index % 256));
    await writeFile(path.join(show, 'clips', 'Silk scarf.mp4'), bytes);
    await writeFile(path.join(show, 'clips', '.Silk scarf.1234.part.mp4'), bytes);
    await writeFile(path.join(show, 'timeline.jsonl'), '{}');
    const url = (file: string) => `${server.origin}/replay-media/2026-11-25T20-15-00/${file}`;
    expect((await fetch(url('clips/Silk%20scarf.mp4'))).status).toBe(401);

    const { cookie } = await paired();
    const whole = await fetch(url('clips/Silk%20scarf.mp4'), { headers: { Cookie: cookie } });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);
    const part = await fetch(url('clips/Silk%20scarf.mp4'), { headers: { Cookie: cookie, Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 200));
    expect((await fetch(url('clips/Silk%20scarf.mp4'), { headers: { Cookie: cookie, Range: 'bytes=5000-' } })).status).toBe(416);
    for (const refused of ['timeline.jsonl', 'clips/.Silk%20scarf.1234.part.mp4', '..%2F..%2Fsettings.json', 'clips/Nothing.mp4']) {
      expect((await fetch(url(refused), { headers: { Cookie: cookie } })).status, refused).toBe(404);
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const { cookie } = await paired();
    const response = await fetch(`${server.origin}/`, { method: 'POST', headers: { Cookie: cookie } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('the API socket', () => {
  it('refuses a socket without the session cookie', async () => {
    expect(await refusedStatus('/api', { Origin: server.origin })).toBe(401);
    expect(records.some((record) => record.message === 'socket refused' && record.fields?.['paired'] === false)).toBe(true);
  });

  it('refuses a paired socket from another origin', async () => {
    const { cookie } = await paired();
    expect(await refusedStatus('/api', { Cookie: cookie, Origin: 'http://evil.example' })).toBe(401);
    expect(await refusedStatus('/api', { Cookie: cookie })).toBe(401);
    expect(records.some((record) => record.message === 'socket refused' && record.fields?.['sameOrigin'] === false)).toBe(true);
  });

  it('refuses a paired socket on an unknown path', async () => {
    const { headers } = await paired();
    expect(await refusedStatus('/other', headers)).toBe(401);
  });

  it('answers malformed frames, unknown channels, invalid payloads and valid calls', async () => {
    const { headers } = await paired();
    const api = connect('/api', headers);
    await api.opened;

    api.socket.send('not json');
    expect(await api.next(hasId(null))).toMatchObject({ id: null, ok: false, error: { code: 'malformed' } });

    api.socket.send(JSON.stringify({ id: 9, channel: 'getSettings' }));
    expect(await api.next(hasId(9))).toMatchObject({ ok: false, error: { code: 'malformed' } });

    api.socket.send(JSON.stringify({ id: 1, channel: 'nope', payload: {} }));
    expect(await api.next(hasId(1))).toMatchObject({ ok: false, error: { code: 'unknown-channel', channel: 'nope' } });

    api.socket.send(JSON.stringify({ id: 2, channel: 'updateSettings', payload: { outputProfile: '8k' } }));
    expect(await api.next(hasId(2))).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', channel: 'updateSettings', issues: [{ path: 'outputProfile' }] },
    });

    api.socket.send(JSON.stringify({ id: 3, channel: 'getSettings', payload: {} }));
    expect(await api.next(hasId(3))).toEqual({
      id: 3,
      ok: true,
      value: defaultSettings,
    });
  });

  it('answers a valid update and pushes the new settings to every connected socket', async () => {
    const { headers } = await paired();
    const first = connect('/api', headers);
    const second = connect('/api', headers);
    await Promise.all([first.opened, second.opened]);
    const pushed = second.next(isEvent('settings'));

    first.socket.send(JSON.stringify({ id: 4, channel: 'updateSettings', payload: { outputProfile: '1080p30' } }));

    expect(await first.next(hasId(4))).toMatchObject({ id: 4, ok: true, value: { outputProfile: '1080p30' } });
    expect(await pushed).toEqual({
      event: 'settings',
      payload: { ...defaultSettings, outputProfile: '1080p30' },
    });
  });
});

describe('the media socket', () => {
  it('refuses a socket without the session cookie', async () => {
    expect(await refusedStatus('/media', { Origin: server.origin })).toBe(401);
  });

  it('grants 3 credits on connect and one more for each frame the ingest has taken', async () => {
    const { headers } = await paired();
    const media = connect('/media', headers);
    const isCredit = (message: unknown) => typeof message === 'object' && message !== null && 'type' in message && message.type === 'credit';
    expect(await media.next(isCredit)).toEqual({ type: 'credit', grant: 3 });
    await media.opened;

    const { message, payload } = allocateMediaFrame({
      kind: 'video-i420',
      width: 64,
      height: 36,
      sequence: 0,
      captureTimeMs: performance.timeOrigin,
      sampleRate: 0,
      payloadBytes: i420Bytes(64, 36),
    });
    payload.fill(128);
    media.socket.send(message);

    expect(await media.next(isCredit)).toEqual({ type: 'credit', grant: 1 });
    expect(core.media.stats()).toMatchObject({ framesReceived: 1, framesMalformed: 0, bytesReceived: message.byteLength });
  });
});

describe('the program frame', () => {
  it('answers the newest frame, and with ?after= waits for the next one instead of answering an old one', async () => {
    const { cookie, headers } = await paired();
    const frameAt = (query: string) => fetch(`${server.origin}/program/frame.i420${query}`, { headers: { Cookie: cookie } });
    expect((await frameAt('')).status).toBe(404);
    const media = connect('/media', headers);
    await media.opened;
    const send = (sequence: number) => {
      const { message, payload } = allocateMediaFrame({ kind: 'video-i420', width: 64, height: 36, sequence, captureTimeMs: 1000 + sequence, sampleRate: 0, payloadBytes: i420Bytes(64, 36) });
      payload.fill(sequence);
      media.socket.send(message);
    };
    send(0);
    const first = await frameAt('?after=-1');
    expect(first.headers.get('x-frame-sequence')).toBe('0');
    // Asked before frame 1 exists: the answer waits for it.
    const next = frameAt('?after=0');
    const sentAt = Date.now();
    send(1);
    const second = await next;
    expect(second.headers.get('x-frame-sequence')).toBe('1');
    // When the core received it, on the wall clock (the frame's own capture time says 1001).
    const receivedAt = Number(second.headers.get('x-frame-received-time'));
    expect(receivedAt).toBeGreaterThanOrEqual(sentAt);
    expect(receivedAt).toBeLessThanOrEqual(Date.now());
    expect(new Uint8Array(await second.arrayBuffer())[0]).toBe(1);
    expect((await frameAt('')).headers.get('x-frame-sequence')).toBe('1');
  });
});
