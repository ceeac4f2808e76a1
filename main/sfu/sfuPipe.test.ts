import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { types } from 'mediasoup';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VideoFrame } from '../../contract/room/roomEvents.std';
import { createPipeApi } from './pipeApi.node';
import { sfuConfigSchema } from './sfuConfig.std';
import { createShowSfu, type ShowPipeOptions } from './showSfu.node';
import type { ShowSfu } from './showSfuTypes.std';
import { h264PushArgs, h264RtpParameters, openTestSfu, recordingLogger, skipWithoutWorker, startFfmpeg, watchProducers, type FfmpegPush } from '../../testing/sfuTesting.node';
import type { WorkerPool } from './workerPool.node';

// Two room nodes' SFUs, each its own worker pool, show and HTTP server with the pipe API, in one
// process: node B's show, with a viewer and no broadcaster, takes node A's producer over real pipe
// transports, fed by real FFmpeg. (e2e/roomCluster.spec.ts does it with two room processes and a
// browser decoding.) The long polls are long here (20 s), so every answer these tests wait for
// comes from an event, not from the poll running out.

const token = 'pipe-token-0123456789abcdef';
const roomId = 'live-1';

interface TestNode {
  pool: WorkerPool;
  show: ShowSfu;
  server: Server;
  origin: string;
  producers: Map<string, types.Producer>;
}

const opened: TestNode[] = [];
let ffmpeg: FfmpegPush | undefined;

afterEach(async () => {
  await ffmpeg?.stop();
  for (const node of opened.splice(0)) {
    node.show.close();
    node.pool.close();
    node.server.closeAllConnections();
    node.server.close();
  }
});

async function startNode(ports: { min: number; max: number }, pipes?: Omit<ShowPipeOptions, 'token' | 'fetch' | 'schedule'>): Promise<TestNode> {
  const { log } = recordingLogger();
  const { pool } = await openTestSfu(ports, { maxWorkers: 1 }, log);
  const schedule = (ms: number, run: () => void) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  };
  const config = sfuConfigSchema.parse({ rtcMinPort: ports.min, rtcMaxPort: ports.max });
  const show = createShowSfu({ pool, config, log, roomId, ...(pipes ? { pipes: { ...pipes, token, fetch, schedule } } : {}) });
  const api = createPipeApi({ showFor: (id) => (id === roomId ? show : undefined), token, log });
  const server = createServer((req, res) => {
    void api(req, res, new URL(req.url ?? '/', 'http://localhost')).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const node = { pool, show, server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, producers: watchProducers(pool) };
  opened.push(node);
  return node;
}

/** The `video` frames a viewer of the show is sent. */
function viewerOf(show: ShowSfu): { frames: VideoFrame[]; producers(): number | undefined } {
  const frames: VideoFrame[] = [];
  show.openViewer((frame) => frames.push(frame));
  return { frames, producers: () => frames.at(-1)?.video.producers };
}

async function broadcast(show: ShowSfu): Promise<string> {
  await show.createBroadcaster({ id: 'ffmpeg', displayName: 'FFmpeg', device: { name: 'FFmpeg' } });
  const transport = await show.createPlainTransport('ffmpeg', { comedia: true, rtcpMux: false });
  const { id } = await show.produce('ffmpeg', transport.id, { kind: 'video', rtpParameters: h264RtpParameters as types.RtpParameters });
  ffmpeg = await startFfmpeg(h264PushArgs(transport.ip, transport.port, transport.rtcpPort ?? 0, 30));
  return id;
}

/** RTP bytes the producer has taken so far (0 before any). */
async function bytesIn(producer: types.Producer | undefined): Promise<number> {
  if (!producer || producer.closed) return 0;
  return (await producer.getStats()).reduce((sum, stream) => sum + stream.byteCount, 0);
}

describe.skipIf(skipWithoutWorker !== '')(`video across room nodes ${skipWithoutWorker}`, () => {
  it('pipes the broadcaster that arrives at A after B\'s viewer, with its RTP, and closes the copy when it leaves', async () => {
    const a = await startNode({ min: 47550, max: 47599 });
    const b = await startNode({ min: 47600, max: 47649 }, { peers: [a.origin], node: 'node-b-test', waitMs: 20_000, retryMs: 200 });
    const viewer = viewerOf(b.show);
    const producerId = await broadcast(a.show);

    await vi.waitFor(() => expect(viewer.producers()).toBe(1), { timeout: 5000 });
    // The copy on B carries the same id, and A's RTP arrives in it.
    const copy = b.producers.get(producerId);
    expect(copy?.kind).toBe('video');
    await vi.waitFor(async () => expect(await bytesIn(copy)).toBeGreaterThan(10_000), { timeout: 10_000 });

    a.show.deleteBroadcaster('ffmpeg');
    await vi.waitFor(() => expect(viewer.producers()).toBe(0), { timeout: 5000 });
    expect(copy?.closed).toBe(true);
  }, 30_000);

  it('asks every peer at once and takes the broadcaster from the one that has it', async () => {
    const empty = await startNode({ min: 47750, max: 47779 });
    const a = await startNode({ min: 47780, max: 47809 });
    const b = await startNode({ min: 47810, max: 47839 }, { peers: [empty.origin, a.origin], node: 'node-b-test', waitMs: 20_000, retryMs: 200 });
    const viewer = viewerOf(b.show);
    const producerId = await broadcast(a.show);
    await vi.waitFor(() => expect(viewer.producers()).toBe(1), { timeout: 5000 });
    await vi.waitFor(async () => expect(await bytesIn(b.producers.get(producerId))).toBeGreaterThan(0), { timeout: 10_000 });
  }, 30_000);

  it('closes B\'s copies at once when A\'s worker dies, not when the long poll runs out', async () => {
    const a = await startNode({ min: 47650, max: 47699 });
    const b = await startNode({ min: 47700, max: 47749 }, { peers: [a.origin], node: 'node-b-test', waitMs: 20_000, retryMs: 200 });
    const viewer = viewerOf(b.show);
    await broadcast(a.show);
    await vi.waitFor(() => expect(viewer.producers()).toBe(1), { timeout: 5000 });

    const worker = a.pool.workers()[0];
    if (!worker) throw new Error('no worker');
    process.kill(worker.pid, 'SIGKILL');
    await vi.waitFor(() => expect(viewer.producers()).toBe(0), { timeout: 5000 });
  }, 30_000);
});
