import type { types } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VideoFrame } from '../../contract/room/roomEvents.std';
import { sfuConfigSchema } from './sfuConfig.std';
import { SfuError } from './sfuErrors.std';
import { SFU_WORKER_ENV } from './sfuWorkerPath.node';
import { createShowSfu } from './showSfu.node';
import type { ShowSfu } from './showSfuTypes.std';
import { h264RtpParameters, openTestSfu, recordingLogger, restoreWorkerEnv, skipWithoutWorker } from '../../testing/sfuTesting.node';
import { createVideoOffShow } from './videoOffShow.std';
import type { WorkerPool } from './workerPool.node';

// A show's viewer side in Node (the browser half is mediasoup-client's), and what a worker death
// does to a show: real worker, killed for real.

const ports = { min: 47200, max: 47299 };
const config = sfuConfigSchema.parse({ rtcMinPort: ports.min, rtcMaxPort: ports.max });
const previousWorkerBin = process.env[SFU_WORKER_ENV];
let pool: WorkerPool | undefined;
const shows: ShowSfu[] = [];
const { log, records } = recordingLogger();

beforeAll(async () => {
  if (skipWithoutWorker === '') pool = (await openTestSfu(ports, { maxWorkers: 1 }, log)).pool;
});
afterAll(() => {
  for (const show of shows) show.close();
  pool?.close();
  restoreWorkerEnv(previousWorkerBin);
});

function openShow(roomId: string): ShowSfu {
  if (!pool) throw new Error('no pool');
  const show = createShowSfu({ pool, config, log, roomId });
  shows.push(show);
  return show;
}

/** Resolves with the first frame `accept` takes: events, not sleeps. */
function frames(): { notify: (frame: VideoFrame) => void; all: VideoFrame[]; next(accept: (frame: VideoFrame) => boolean): Promise<VideoFrame> } {
  const all: VideoFrame[] = [];
  const waiting = new Set<{ accept: (frame: VideoFrame) => boolean; resolve: (frame: VideoFrame) => void }>();
  return {
    all,
    notify(frame) {
      all.push(frame);
      for (const waiter of waiting) {
        if (waiter.accept(frame)) {
          waiting.delete(waiter);
          waiter.resolve(frame);
        }
      }
    },
    next: (accept) => new Promise((resolve) => waiting.add({ accept, resolve })),
  };
}

async function startBroadcaster(show: ShowSfu, id: string): Promise<{ transportId: string; producerId: string }> {
  await show.createBroadcaster({ id, displayName: 'Studio', device: { name: 'FFmpeg' } });
  const transport = await show.createPlainTransport(id, { comedia: true, rtcpMux: false });
  const producer = await show.produce(id, transport.id, { kind: 'video', rtpParameters: h264RtpParameters as types.RtpParameters });
  return { transportId: transport.id, producerId: producer.id };
}

async function refusal(promise: Promise<unknown>): Promise<SfuError> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SfuError)) throw new Error(`expected an SfuError, got ${String(error)}`);
  return error;
}

describe.skipIf(skipWithoutWorker !== '')(`a show's viewers ${skipWithoutWorker}`, () => {
  it('get the router capabilities and a WebRTC transport over UDP and TCP, and hear about new producers', async () => {
    const show = openShow('viewers');
    const heard = frames();
    const viewer = show.openViewer(heard.notify);

    const capabilities = await viewer.handle({ method: 'getRouterRtpCapabilities' });
    expect((capabilities.codecs as { mimeType: string }[]).map((codec) => codec.mimeType)).toContain('video/H264');

    const transport = await viewer.handle({ method: 'createConsumerTransport' });
    expect(transport.iceParameters).toEqual(expect.objectContaining({ usernameFragment: expect.any(String), password: expect.any(String) }));
    expect(transport.dtlsParameters).toEqual(expect.objectContaining({ fingerprints: expect.any(Array) }));
    const protocols = transport.iceCandidates.map((candidate) => candidate.protocol);
    expect(protocols).toEqual(expect.arrayContaining(['udp', 'tcp']));
    expect(transport.iceCandidates.every((candidate) => candidate.ip === '127.0.0.1')).toBe(true);

    const appeared = heard.next((frame) => frame.video.producers === 1);
    const { producerId } = await startBroadcaster(show, 'studio');
    expect(await appeared).toEqual({ type: 'video', video: { available: true, producers: 1, reason: null }, reset: false });

    // The page's device capabilities: a browser offers the router's codecs back.
    const consumed = await viewer.handle({ method: 'consume', transportId: transport.id, rtpCapabilities: capabilities });
    expect(consumed.consumers).toHaveLength(1);
    const consumer = consumed.consumers[0];
    expect(consumer).toEqual(expect.objectContaining({ producerId, kind: 'video' }));
    // Already consumed: asking again gives nothing new.
    expect((await viewer.handle({ method: 'consume', transportId: transport.id, rtpCapabilities: capabilities })).consumers).toEqual([]);
    if (!consumer) throw new Error('no consumer');
    expect(await viewer.handle({ method: 'resumeConsumer', consumerId: consumer.id })).toEqual({ resumed: true });

    // A viewer that can't play H.264 gets no consumer rather than a broken one.
    const vp8Only = { codecs: [{ kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 96 }] };
    const other = show.openViewer(() => undefined);
    const otherTransport = await other.handle({ method: 'createConsumerTransport' });
    expect((await other.handle({ method: 'consume', transportId: otherTransport.id, rtpCapabilities: vp8Only })).consumers).toEqual([]);
    other.close();

    const gone = heard.next((frame) => frame.video.producers === 0);
    show.deleteBroadcaster('studio');
    expect(await gone).toEqual({ type: 'video', video: { available: true, producers: 0, reason: null }, reset: false });
    expect(heard.all.every((frame) => !frame.reset)).toBe(true);
    viewer.close();
  });

  it('refuse unknown ids and wrong parameters with clear errors', async () => {
    const show = openShow('refusals');
    const viewer = show.openViewer(() => undefined);
    const unknownTransport = await refusal(viewer.handle({ method: 'connectTransport', transportId: 'nope', dtlsParameters: {} }));
    expect(unknownTransport.code).toBe('not-found');
    expect(unknownTransport.message).toContain('"nope"');
    expect((await refusal(viewer.handle({ method: 'resumeConsumer', consumerId: 'nope' }))).code).toBe('not-found');
    const transport = await viewer.handle({ method: 'createConsumerTransport' });
    const badDtls = await refusal(viewer.handle({ method: 'connectTransport', transportId: transport.id, dtlsParameters: { fingerprints: [] } }));
    expect(badDtls.code).toBe('invalid');
    expect(badDtls.message).toContain('dtlsParameters.fingerprints');
    const badCaps = await refusal(viewer.handle({ method: 'consume', transportId: transport.id, rtpCapabilities: { codecs: 'all' } }));
    expect(badCaps.code).toBe('invalid');

    // A second transport replaces the first: its id is no longer this viewer's.
    const second = await viewer.handle({ method: 'createConsumerTransport' });
    expect((await refusal(viewer.handle({ method: 'consume', transportId: transport.id, rtpCapabilities: {} }))).code).toBe('not-found');
    expect((await viewer.handle({ method: 'consume', transportId: second.id, rtpCapabilities: {} })).consumers).toEqual([]);

    expect(() => show.broadcaster('ghost')).toThrow(/broadcaster "ghost" does not exist/);
    viewer.close();
    expect((await refusal(viewer.handle({ method: 'getRouterRtpCapabilities' }))).code).toBe('conflict');
  });

  it('without a worker say why, and refuse media calls as video-off', async () => {
    const show = createVideoOffShow('dark', 'no worker here');
    expect(show.videoState()).toEqual({ available: false, producers: 0, reason: 'no worker here' });
    const viewer = show.openViewer(() => undefined);
    expect((await refusal(viewer.handle({ method: 'createConsumerTransport' }))).code).toBe('video-off');
  });
});

describe.skipIf(skipWithoutWorker !== '')(`a show whose worker dies ${skipWithoutWorker}`, () => {
  it('gets a new router on the replacement worker, drops its broadcasters and resets its viewers', async () => {
    if (!pool) throw new Error('no pool');
    const show = openShow('survivor');
    const heard = frames();
    const viewer = show.openViewer(heard.notify);
    const oldTransport = await viewer.handle({ method: 'createConsumerTransport' });
    await startBroadcaster(show, 'before');
    const dead = pool.workers()[0];
    if (!dead) throw new Error('no worker');
    expect((await dead.dump()).routerIds.length).toBeGreaterThan(0);

    const replaced = new Promise<{ index: number; next: types.Worker }>((resolve) =>
      pool?.onReplaced((index, change) => {
        if (change.previous === dead) resolve({ index, next: change.next });
      }),
    );
    const reset = heard.next((frame) => frame.reset);
    process.kill(dead.pid, 'SIGKILL');

    const { index, next } = await replaced;
    expect(index).toBe(0);
    expect(next.pid).not.toBe(dead.pid);
    expect(await reset).toEqual({ type: 'video', video: { available: true, producers: 0, reason: null }, reset: true });
    // The show's router lives on the new worker (the other shows of this file recreate lazily).
    expect((await next.dump()).routerIds.length).toBeGreaterThanOrEqual(1);
    expect(records.some((record) => record.level === 'warn' && record.message.startsWith('the SFU worker under this show died'))).toBe(true);
    expect(records.some((record) => record.level === 'error' && record.message.startsWith('SFU worker died'))).toBe(true);

    // Broadcasters died with the worker: GET …/broadcasters/:id answers 404 from here on.
    expect(() => show.broadcaster('before')).toThrow(/does not exist/);
    expect((await refusal(viewer.handle({ method: 'consume', transportId: oldTransport.id, rtpCapabilities: {} }))).code).toBe('not-found');

    // And the show works again: a new broadcaster, a new viewer transport, consumed.
    const appeared = heard.next((frame) => !frame.reset && frame.video.producers === 1);
    const { producerId } = await startBroadcaster(show, 'after');
    await appeared;
    const capabilities = await viewer.handle({ method: 'getRouterRtpCapabilities' });
    const transport = await viewer.handle({ method: 'createConsumerTransport' });
    const consumed = await viewer.handle({ method: 'consume', transportId: transport.id, rtpCapabilities: capabilities });
    expect(consumed.consumers.map((consumer) => consumer.producerId)).toEqual([producerId]);
    await vi.waitFor(() => expect(show.videoState()).toEqual({ available: true, producers: 1, reason: null }));
    viewer.close();
  }, 30_000);
});

describe.skipIf(skipWithoutWorker !== '')(`a show on a pool of two workers ${skipWithoutWorker}`, () => {
  it('moves to the surviving worker at once when its own dies, without waiting for the replacement', async () => {
    const two = (await openTestSfu({ min: 47400, max: 47499 }, { maxWorkers: 2 }, log)).pool;
    try {
      const show = createShowSfu({ pool: two, config: sfuConfigSchema.parse({ rtcMinPort: 47400, rtcMaxPort: 47499 }), log, roomId: 'mover' });
      const heard = frames();
      const viewer = show.openViewer(heard.notify);
      await viewer.handle({ method: 'createConsumerTransport' });
      const hosts = await Promise.all(two.workers().map(async (worker) => ({ worker, routers: worker ? (await worker.dump()).routerIds.length : 0 })));
      const host = hosts.find((entry) => entry.routers === 1)?.worker;
      const survivor = hosts.find((entry) => entry.routers === 0)?.worker;
      if (!host || !survivor) throw new Error(`expected the router on one worker: ${JSON.stringify(hosts.map((entry) => entry.routers))}`);

      const replaced = new Promise<types.Worker>((resolve) =>
        two.onReplaced((_index, change) => {
          if (change.previous === host) resolve(change.next);
        }),
      );
      const reset = heard.next((frame) => frame.reset);
      process.kill(host.pid, 'SIGKILL');
      expect((await reset).video).toEqual({ available: true, producers: 0, reason: null });
      expect((await survivor.dump()).routerIds).toHaveLength(1);
      // The dead one is replaced all the same, for the next shows.
      const next = await replaced;
      expect(two.live()).toBe(2);
      expect((await next.dump()).routerIds).toHaveLength(0);
      expect((await viewer.handle({ method: 'createConsumerTransport' })).id).toEqual(expect.any(String));
      show.close();
    } finally {
      two.close();
    }
  }, 30_000);
});
