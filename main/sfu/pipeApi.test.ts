import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipeApi } from './pipeApi.node';
import { sfuConfigSchema } from './sfuConfig.std';
import { SFU_WORKER_ENV } from './sfuWorkerPath.node';
import { createShowSfu } from './showSfu.node';
import type { ShowSfu } from './showSfuTypes.std';
import { openTestSfu, recordingLogger, restoreWorkerEnv, skipWithoutWorker } from '../../testing/sfuTesting.node';
import { createVideoOffShow } from './videoOffShow.std';
import type { WorkerPool } from './workerPool.node';

// The pipe API's door over real HTTP into the real worker: the room token before anything else,
// bodies checked, and the long poll's two quick answers (nothing changed within the wait; a
// producer the receiver holds is gone). e2e/roomCluster.spec.ts pipes real video between nodes.

const token = 'pipe-token-0123456789abcdef';
const ports = { min: 47500, max: 47549 };
const previousWorkerBin = process.env[SFU_WORKER_ENV];
const srtpParameters = { cryptoSuite: 'AES_CM_128_HMAC_SHA1_80', keyBase64: 'ZnJvbSB0aGUgcmVjZWl2ZXIncyB0cmFuc3BvcnQ=' };
const request = { node: 'node-b-0001', ip: '127.0.0.1', port: 47599, srtpParameters, known: [] as string[], waitMs: 0 };

let pool: WorkerPool | undefined;
let show: ShowSfu | undefined;
let server: Server | undefined;
let base = '';

beforeAll(async () => {
  if (skipWithoutWorker !== '') return;
  const { log } = recordingLogger();
  pool = (await openTestSfu(ports, { maxWorkers: 1 }, log)).pool;
  show = createShowSfu({ pool, config: sfuConfigSchema.parse({ rtcMinPort: ports.min, rtcMaxPort: ports.max }), log, roomId: 'live-1' });
  const videoOff = createVideoOffShow('dark', 'Video to viewers is off: the SFU worker is not built.');
  const api = createPipeApi({ showFor: (roomId) => ({ 'live-1': show, dark: videoOff })[roomId], token, log });
  server = createServer((req, res) => {
    void api(req, res, new URL(req.url ?? '/', 'http://localhost')).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  show?.close();
  pool?.close();
  server?.closeAllConnections();
  server?.close();
  restoreWorkerEnv(previousWorkerBin);
});

async function call(path: string, init: { method?: string; token?: string | null; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const presented = init.token === undefined ? token : init.token;
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...(presented === null ? {} : { authorization: `Bearer ${presented}` }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe.skipIf(skipWithoutWorker !== '')('the pipe API between room nodes', () => {
  it('asks for the room token before it says whether a room exists', async () => {
    expect(await call('/rooms/no-such-room/pipe', { token: null, body: request })).toMatchObject({ status: 401 });
    expect(await call('/rooms/live-1/pipe', { token: 'wrong-token-0123456789abcdef', body: request })).toMatchObject({ status: 401 });
    expect(await call('/rooms/no-such-room/pipe', { body: request })).toMatchObject({ status: 404 });
  });

  it('refuses a wrong method, a wrong body and a room without video, saying why', async () => {
    expect(await call('/rooms/live-1/pipe', { method: 'GET' })).toMatchObject({ status: 405 });
    expect(await call('/rooms/live-1/pipe', { body: { ...request, waitMs: 60_000 } })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^wrong body: waitMs: /) } });
    expect(await call('/rooms/live-1/pipe', { body: { ...request, ip: 'node-b.local' } })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/ip/) } });
    expect(await call('/rooms/dark/pipe', { body: request })).toMatchObject({ status: 503, body: { error: expect.stringMatching(/not built/) } });
  });

  it('answers a long poll with nothing once its wait is over, and at once when a producer the receiver holds is gone', async () => {
    const started = performance.now();
    expect(await call('/rooms/live-1/pipe', { body: { ...request, waitMs: 300 } })).toEqual({ status: 200, body: { transport: null, producers: [], closed: [] } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const gone = await call('/rooms/live-1/pipe', { body: { ...request, known: ['left-with-its-broadcaster'], waitMs: 20_000 } });
    expect(gone).toEqual({ status: 200, body: { transport: null, producers: [], closed: ['left-with-its-broadcaster'] } });
    expect(await call('/rooms/live-1/pipe/node-b-0001', { method: 'DELETE' })).toEqual({ status: 200, body: { released: true } });
  });
});
