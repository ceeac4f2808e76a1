import { Device, type types } from 'mediasoup-client';
import type { RoomClient } from '../../contract/room/roomClient.std';
import type { ConsumerInfo, ConsumerTransportInfo, VideoState } from '../../contract/room/sfuSignalling.std';
import type { PlaybackStatus } from './viewerStore.std';

// The show's video: one receive transport on the room's SFU, one consumer per producer, all
// tracks on one MediaStream on the page's <video>. The room's video frames drive it: a reset (or
// a new welcome) recreates everything, more producers add consumers.

export interface VideoStats {
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
}

export interface ViewerPlayer {
  /** The <video> the tracks play on; null when it leaves the page. */
  attach(element: HTMLVideoElement | null): void;
  /** Brings playback in line with the room's video state. */
  update(video: VideoState, reset: boolean): void;
  videoStats(): Promise<VideoStats | null>;
  close(): void;
}

export interface ViewerPlayerDeps {
  sfu: RoomClient['sfu'];
  onStatus: (status: PlaybackStatus, message: string | null) => void;
  schedule: (ms: number, run: () => void) => () => void;
  createDevice?: () => Promise<Device>;
}

interface Session {
  readonly id: number;
  device: Device | null;
  transport: types.Transport | null;
  consumers: Map<string, types.Consumer>;
  closed: boolean;
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 10_000;

class Superseded extends Error {}

export function createViewerPlayer(deps: ViewerPlayerDeps): ViewerPlayer {
  const createDevice = deps.createDevice ?? (() => Device.factory());
  let element: HTMLVideoElement | null = null;
  let session: Session | null = null;
  let nextId = 1;
  let wanted: VideoState = { available: false, producers: 0, reason: null };
  let failures = 0;
  let cancelRetry: (() => void) | null = null;
  // One step at a time: a reset arriving mid-handshake waits, then finds its session superseded.
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const enqueue = (step: () => Promise<void>) => {
    queue = queue.then(step).catch(() => {});
  };

  const showTracks = () => {
    if (!element) return;
    const tracks = session ? [...session.consumers.values()].filter((c) => !c.closed).map((c) => c.track) : [];
    if (tracks.length === 0) {
      element.srcObject = null;
      return;
    }
    // A fresh stream for each change: a <video> picks up a new srcObject reliably everywhere,
    // tracks added to a playing stream less so.
    element.srcObject = new MediaStream(tracks);
    void element.play().catch(() => {
      // Autoplay with sound refused: play muted, the viewer taps for sound.
      if (!element || element.muted) return;
      element.muted = true;
      void element.play().catch(() => {});
    });
  };

  const teardown = () => {
    cancelRetry?.();
    cancelRetry = null;
    const old = session;
    session = null;
    if (!old) return;
    old.closed = true;
    for (const consumer of old.consumers.values()) consumer.close();
    old.consumers.clear();
    old.transport?.close();
    showTracks();
  };

  const check = (s: Session) => {
    if (s.closed || closed) throw new Superseded();
  };

  const consumeNew = async (s: Session) => {
    const { device, transport } = s;
    if (!device || !transport) return;
    const { consumers } = await deps.sfu({ method: 'consume', transportId: transport.id, rtpCapabilities: device.rtpCapabilities as unknown as Record<string, unknown> });
    check(s);
    for (const info of consumers) await addConsumer(s, transport, info);
    if (s.consumers.size > 0) deps.onStatus('playing', null);
  };

  const addConsumer = async (s: Session, transport: types.Transport, info: ConsumerInfo) => {
    if (s.consumers.has(info.id)) return;
    const consumer = await transport.consume({
      id: info.id,
      producerId: info.producerId,
      kind: info.kind,
      // Opaque in the contract; mediasoup-client checks it against the device's capabilities.
      rtpParameters: info.rtpParameters as unknown as types.RtpParameters,
    });
    if (s.closed) {
      consumer.close();
      throw new Superseded();
    }
    s.consumers.set(consumer.id, consumer);
    const forget = () => {
      s.consumers.delete(consumer.id);
      if (session === s) showTracks();
    };
    consumer.on('trackended', forget);
    consumer.on('transportclose', forget);
    showTracks();
    await deps.sfu({ method: 'resumeConsumer', consumerId: consumer.id });
  };

  const start = async () => {
    teardown();
    if (closed || !wanted.available || wanted.producers === 0) return;
    const s: Session = { id: nextId++, device: null, transport: null, consumers: new Map(), closed: false };
    session = s;
    deps.onStatus('connecting', null);
    const routerRtpCapabilities = await deps.sfu({ method: 'getRouterRtpCapabilities' });
    check(s);
    // A new device per session: after a room restart the router's capabilities may differ, and a
    // loaded device cannot be loaded again.
    const device = await createDevice();
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as unknown as types.RtpCapabilities });
    check(s);
    s.device = device;
    const info: ConsumerTransportInfo = await deps.sfu({ method: 'createConsumerTransport' });
    check(s);
    const transport = device.createRecvTransport({
      id: info.id,
      iceParameters: info.iceParameters as unknown as types.IceParameters,
      iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
    });
    s.transport = transport;
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      deps.sfu({ method: 'connectTransport', transportId: transport.id, dtlsParameters: dtlsParameters as unknown as Record<string, unknown> }).then(() => callback(), errback);
    });
    transport.on('connectionstatechange', (state) => {
      if (state !== 'failed' || session !== s) return;
      fail(s, new Error('The video connection was lost.'));
    });
    await consumeNew(s);
    failures = 0;
  };

  const fail = (s: Session, error: unknown) => {
    if (error instanceof Superseded || s.closed || closed || session !== s) return;
    if (error instanceof Error && error.name === 'UnsupportedError') {
      teardown();
      deps.onStatus('failed', 'This browser cannot play the live video. Try a recent Chrome, Safari or Firefox.');
      return;
    }
    const why = error instanceof Error ? error.message : String(error);
    deps.onStatus('failed', `The video could not start (${why}). Trying again…`);
    failures += 1;
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (failures - 1));
    cancelRetry?.();
    cancelRetry = deps.schedule(delay, () => {
      cancelRetry = null;
      if (session === s) enqueue(run(start));
    });
  };

  /** Runs a step for the current session, turning its failure into a retry. */
  const run = (step: () => Promise<void>) => async () => {
    try {
      await step();
    } catch (error) {
      if (session) fail(session, error);
    }
  };

  return {
    attach(next) {
      element = next;
      showTracks();
    },
    update(video, reset) {
      wanted = video;
      if (!video.available || video.producers === 0) {
        enqueue(async () => {
          teardown();
          deps.onStatus('idle', null);
        });
        return;
      }
      if (reset || !session) {
        failures = 0;
        enqueue(run(start));
        return;
      }
      enqueue(
        run(async () => {
          const s = session;
          if (!s || s.closed) return start();
          if (wanted.producers > s.consumers.size) await consumeNew(s);
        }),
      );
    },
    async videoStats() {
      const consumer = session ? [...session.consumers.values()].find((c) => c.kind === 'video' && !c.closed) : undefined;
      if (!consumer) return null;
      const report = await consumer.getStats();
      for (const stat of report.values() as IterableIterator<Record<string, unknown>>) {
        if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
          const num = (value: unknown) => (typeof value === 'number' ? value : 0);
          return { framesDecoded: num(stat.framesDecoded), frameWidth: num(stat.frameWidth), frameHeight: num(stat.frameHeight) };
        }
      }
      return null;
    },
    close() {
      closed = true;
      teardown();
    },
  };
}
