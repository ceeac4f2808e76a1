import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { types } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BROADCASTER_BODY_LIMIT, createBroadcasterApi } from './broadcasterApi.node';
import { sfuConfigSchema } from './sfuConfig.std';
import { SFU_WORKER_ENV } from './sfuWorkerPath.node';
import { createShowSfu } from './showSfu.node';
import type { ShowSfu } from './showSfuTypes.std';
import { h264PushArgs, h264RtpParameters, openTestSfu, recordingLogger, restoreWorkerEnv, skipWithoutWorker, startFfmpeg, watchProducers, type FfmpegPush } from '../../testing/sfuTesting.node';
import { createVideoOffShow } from './videoOffShow.std';
import type { WorkerPool } from './workerPool.node';

// mediasoup-demo's broadcaster flow (broadcasters/ffmpeg.sh) over real HTTP, into the real
// worker, fed by real FFmpeg.

const token = 'test-token-0123456789abcdef';
const ports = { min: 47300, max: 47399 };
const previousWorkerBin = process.env[SFU_WORKER_ENV];

let pool: WorkerPool | undefined;
let show: ShowSfu | undefined;
let server: Server | undefined;
let base = '';
let ffmpeg: FfmpegPush | undefined;
/** mediasoup's Producer objects, which the show keeps private: the test watches their keyframes. */
let producers = new Map<string, types.Producer>();
const { log } = recordingLogger();

beforeAll(async () => {
  if (skipWithoutWorker !== '') return;
  pool = (await openTestSfu(ports, { maxWorkers: 1 }, log)).pool;
  producers = watchProducers(pool);
  const config = sfuConfigSchema.parse({ rtcMinPort: ports.min, rtcMaxPort: ports.max });
  show = createShowSfu({ pool, config, log, roomId: 'live-1' });
  const videoOff = createVideoOffShow('dark', 'Video to viewers is off: the SFU worker is not built.');
  const api = createBroadcasterApi({ showFor: (roomId) => ({ 'live-1': show, dark: videoOff })[roomId], token, log });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    void api(req, res, url).then((handled) => {
      if (!handled) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not the API');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await ffmpeg?.stop();
  show?.close();
  pool?.close();
  server?.closeAllConnections();
  server?.close();
  restoreWorkerEnv(previousWorkerBin);
});

const auth = { authorization: `Bearer ${token}` };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  expect(response.headers.get('content-type')).toContain('application/json');
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe.skipIf(skipWithoutWorker !== '')(`the broadcaster API ${skipWithoutWorker}`, () => {
  it('refuses requests without the token, or with a wrong one, before saying anything about the room', async () => {
    const missing = await call('GET', '/rooms/live-1', undefined, {});
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatch(/token/);
    expect((await call('GET', '/rooms/no-such-room', undefined, {})).status).toBe(401);
    expect((await call('GET', '/rooms/live-1', undefined, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect((await call('POST', '/rooms/live-1/broadcasters', { id: 'x', displayName: 'x', device: { name: 'x' } }, { authorization: `Bearer ${token}x` })).status).toBe(401);
    // mediasoup-demo's scripts can only carry credentials in SERVER_URL, which becomes Basic.
    const basic = `Basic ${Buffer.from(`broadcaster:${token}`).toString('base64')}`;
    expect((await call('GET', '/rooms/live-1', undefined, { authorization: basic })).status).toBe(200);
  });

  it('leaves paths that are not its own to the room server', async () => {
    const response = await fetch(`${base}/rooms/live-1/viewers`, { headers: auth });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not the API');
    expect((await fetch(`${base}/index.html`)).status).toBe(404);
  });

  it('answers the router RTP capabilities, 404 for a room that is not live, 503 when video is off', async () => {
    const room = await call('GET', '/rooms/live-1');
    expect(room.status).toBe(200);
    const codecs = room.body.codecs as { mimeType: string; parameters: Record<string, unknown> }[];
    expect(codecs.map((codec) => codec.mimeType)).toEqual(expect.arrayContaining(['audio/opus', 'video/H264', 'video/VP8']));
    const profiles = codecs.filter((codec) => codec.mimeType === 'video/H264').map((codec) => codec.parameters['profile-level-id']);
    expect(profiles).toEqual(expect.arrayContaining(['42e01f', '4d001f']));

    expect(await call('GET', '/rooms/nowhere')).toEqual({ status: 404, body: { error: 'room "nowhere" is not live' } });
    const dark = await call('GET', '/rooms/dark');
    expect(dark.status).toBe(503);
    expect(dark.body.error).toMatch(/SFU worker/);
    expect((await call('POST', '/rooms/dark/broadcasters', { id: 'b', displayName: 'b', device: { name: 'FFmpeg' } })).status).toBe(503);
  });

  it('refuses wrong bodies with 400 and a message naming the field', async () => {
    const notJson = await call('POST', '/rooms/live-1/broadcasters', '{"id":');
    expect(notJson).toEqual({ status: 400, body: { error: 'the body is not JSON' } });
    const noName = await call('POST', '/rooms/live-1/broadcasters', { id: 'b1', displayName: 'B', device: {} });
    expect(noName.status).toBe(400);
    expect(noName.body.error).toMatch(/device\.name/);
    const extra = await call('POST', '/rooms/live-1/broadcasters', { id: 'b1', displayName: 'B', device: { name: 'FFmpeg' }, admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error).toMatch(/admin/);
    const badId = await call('POST', '/rooms/live-1/broadcasters', { id: '../etc', displayName: 'B', device: { name: 'FFmpeg' } });
    expect(badId.status).toBe(400);
    expect(badId.body.error).toMatch(/^wrong body: id: /);

    expect((await call('POST', '/rooms/live-1/broadcasters', { id: 'b1', displayName: 'B', device: { name: 'FFmpeg' } })).status).toBe(200);
    const webrtc = await call('POST', '/rooms/live-1/broadcasters/b1/transports', { type: 'webrtc' });
    expect(webrtc.status).toBe(400);
    expect(webrtc.body.error).toMatch(/plain/);
    const wrongFlag = await call('POST', '/rooms/live-1/broadcasters/b1/transports', { type: 'plain', comedia: 'yes' });
    expect(wrongFlag.status).toBe(400);
    expect(wrongFlag.body.error).toMatch(/comedia/);
    const transport = await call('POST', '/rooms/live-1/broadcasters/b1/transports', { type: 'plain', comedia: true, rtcpMux: false });
    const transportId = String(transport.body.id);
    const noCodecs = await call('POST', `/rooms/live-1/broadcasters/b1/transports/${transportId}/producers`, { kind: 'video', rtpParameters: { codecs: [] } });
    expect(noCodecs.status).toBe(400);
    expect(noCodecs.body.error).toMatch(/rtpParameters\.codecs/);
    // Outline right, content refused by mediasoup itself (no such codec on the router): still 400.
    const h265 = await call('POST', `/rooms/live-1/broadcasters/b1/transports/${transportId}/producers`, {
      kind: 'video',
      rtpParameters: { codecs: [{ mimeType: 'video/H265', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: 5 }] },
    });
    expect(h265.status).toBe(400);
    expect(h265.body.error).toMatch(/video producer failed/);
    const badConnect = await call('POST', `/rooms/live-1/broadcasters/b1/transports/${transportId}/connect`, { dtlsParameters: {} });
    expect(badConnect.status).toBe(400);

    expect((await call('POST', '/rooms/live-1/broadcasters', { id: 'b1', displayName: 'B', device: { name: 'FFmpeg' } })).status).toBe(409);
    expect((await call('POST', '/rooms/live-1/broadcasters/nobody/transports', { type: 'plain' })).status).toBe(404);
    expect((await call('POST', `/rooms/live-1/broadcasters/b1/transports/nothing/producers`, { kind: 'video', rtpParameters: h264RtpParameters })).status).toBe(404);
    expect((await call('PUT', '/rooms/live-1/broadcasters/b1')).status).toBe(405);
    expect((await call('DELETE', '/rooms/live-1/broadcasters/b1')).status).toBe(200);
    expect((await call('DELETE', '/rooms/live-1/broadcasters/b1')).status).toBe(404);
  });

  it('refuses bodies over 64 KB with 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const sending = request(`${base}/rooms/live-1/broadcasters`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      sending.on('error', reject);
      // No Content-Length (chunked): the limit is enforced while reading, not only on the header.
      sending.write(`{"id":"big","displayName":"${'x'.repeat(BROADCASTER_BODY_LIMIT)}`);
      sending.end('","device":{"name":"FFmpeg"}}');
    });
    expect(status).toBe(413);
  });

  it('takes H.264 from FFmpeg through broadcaster → plain transport → producer, resyncs it, and DELETE closes it all', async () => {
    if (!pool || !show) throw new Error('not set up');
    const notified: unknown[] = [];
    const viewer = show.openViewer((frame) => notified.push(frame));

    const created = await call('POST', '/rooms/live-1/broadcasters', { id: 'ffmpeg1', displayName: 'Broadcaster', device: { name: 'FFmpeg' } });
    expect(created).toEqual({ status: 200, body: { peers: [] } });
    const transport = await call('POST', '/rooms/live-1/broadcasters/ffmpeg1/transports', { type: 'plain', comedia: true, rtcpMux: false });
    expect(transport.status).toBe(200);
    expect(Object.keys(transport.body).sort()).toEqual(['id', 'ip', 'port', 'rtcpPort']);
    const { id: transportId, ip, port, rtcpPort } = transport.body as { id: string; ip: string; port: number; rtcpPort: number };
    expect(ip).toBe('127.0.0.1');
    expect(port).toBeGreaterThanOrEqual(ports.min);
    expect(rtcpPort).toBeLessThanOrEqual(ports.max);

    const produced = await call('POST', `/rooms/live-1/broadcasters/ffmpeg1/transports/${transportId}/producers`, { kind: 'video', rtpParameters: h264RtpParameters });
    expect(produced.status).toBe(200);
    const producerId = String(produced.body.id);
    expect(show.videoState()).toEqual({ available: true, producers: 1, reason: null });
    const producer = producers.get(producerId);
    if (!producer) throw new Error(`producer ${producerId} was not seen`);
    await producer.enableTraceEvent(['keyframe']);
    let keyframes = 0;
    producer.on('trace', (trace) => {
      if (trace.type === 'keyframe') keyframes += 1;
    });

    ffmpeg = await startFfmpeg(h264PushArgs(ip, port, rtcpPort, 20));
    const push = ffmpeg;
    const inbound = await Promise.race([
      push.failed,
      vi.waitFor(
        async () => {
          const stats = (await producer.getStats()).find((stat) => stat.type === 'inbound-rtp');
          if (!stats || stats.packetCount === 0 || stats.score === 0 || keyframes === 0) throw new Error(`not yet: ${keyframes} keyframes, ${JSON.stringify(stats)}`);
          return stats;
        },
        { timeout: 20_000, interval: 100 },
      ),
    ]);
    expect(inbound.ssrc).toBe(2222);
    expect(inbound.mimeType).toBe('video/H264');
    // The same traffic as the broadcaster itself can see it.
    const described = await call('GET', '/rooms/live-1/broadcasters/ffmpeg1');
    expect(described.status).toBe(200);
    const listed = described.body.producers as { id: string; kind: string; score: number }[];
    expect(listed).toEqual([expect.objectContaining({ id: producerId, kind: 'video' })]);
    expect(listed[0]?.score).toBeGreaterThan(0);

    // A restarted sender: the producer is paused and resumed, so its consumers wait for a keyframe.
    const told: string[] = [];
    producer.observer.on('pause', () => told.push('pause'));
    producer.observer.on('resume', () => told.push('resume'));
    expect(await call('POST', '/rooms/live-1/broadcasters/ffmpeg1/resync')).toEqual({ status: 200, body: { id: 'ffmpeg1', resynced: true } });
    expect(told).toEqual(['pause', 'resume']);
    expect(producer.paused).toBe(false);
    expect((await call('POST', '/rooms/live-1/broadcasters/nobody/resync')).status).toBe(404);

    const deleted = await call('DELETE', '/rooms/live-1/broadcasters/ffmpeg1');
    expect(deleted).toEqual({ status: 200, body: { id: 'ffmpeg1', deleted: true } });
    expect(producer.closed).toBe(true);
    expect(show.videoState()).toEqual({ available: true, producers: 0, reason: null });
    expect((await call('GET', '/rooms/live-1/broadcasters/ffmpeg1')).status).toBe(404);
    await vi.waitFor(() => expect(notified).toContainEqual({ type: 'video', video: { available: true, producers: 0, reason: null }, reset: false }));
    expect(notified).toContainEqual({ type: 'video', video: { available: true, producers: 1, reason: null }, reset: false });
    viewer.close();
  }, 60_000);
});

