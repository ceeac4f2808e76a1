import { describe, expect, it } from 'vitest';
import { i420Bytes, type MediaFrameHeader } from '../../contract/media.std';
import { createMediaSender, type MediaSender } from '../../contract/mediaSender.std';
import { createLogger, type LogRecord } from '../log/logger.std';
import { createMediaIngest, type FrameSink, type MediaIngest, type MediaSession } from './mediaIngest.std';

const videoHeader: Omit<MediaFrameHeader, 'sequence'> = {
  kind: 'video-i420',
  width: 4,
  height: 2,
  captureTimeMs: 0,
  sampleRate: 0,
  payloadBytes: i420Bytes(4, 2),
};
const fillGray = (payload: Uint8Array) => payload.fill(128);

/** The ingest hands frames to the sink in a microtask; one macrotask turn lets all of them settle. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A sink whose writes stay pending until the test releases them, oldest first. */
function slowSink() {
  const pending: (() => void)[] = [];
  const written: number[] = [];
  let maxInFlight = 0;
  const sink: FrameSink = {
    write(frame) {
      written.push(frame.header.sequence);
      return new Promise<void>((resolve) => {
        pending.push(resolve);
        maxInFlight = Math.max(maxInFlight, pending.length);
      });
    },
  };
  return {
    sink,
    written,
    inFlight: () => pending.length,
    maxInFlight: () => maxInFlight,
    releaseOldest: () => pending.shift()?.(),
    releaseAll: () => pending.splice(0).forEach((resolve) => resolve()),
  };
}

interface Wired {
  ingest: MediaIngest;
  sender: MediaSender;
  session: MediaSession;
  grants: number[];
  records: LogRecord[];
  clock: { now: number };
}

/** A sender and an ingest session talking in-process, as the media socket would connect them. */
function wire(sink?: FrameSink): Wired {
  const records: LogRecord[] = [];
  const clock = { now: 0 };
  const ingest = createMediaIngest({ log: createLogger((record) => records.push(record)), nowMs: () => clock.now });
  if (sink) ingest.setSink(sink);
  const grants: number[] = [];
  let session: MediaSession | null = null;
  const sender = createMediaSender((message) => session?.receive(new Uint8Array(message)));
  session = ingest.openSession((credits) => {
    grants.push(credits);
    sender.grant(credits);
  }, 'test-sender');
  return { ingest, sender, session, grants, records, clock };
}

describe('media sender and ingest', () => {
  it('grants the default 3 credits when a session opens', () => {
    const { sender, grants, records } = wire();
    expect(grants).toEqual([3]);
    expect(sender.stats()).toEqual({ sent: 0, dropped: 0, credits: 3 });
    expect(records.some((record) => record.message === 'media sender connected' && record.fields?.['senderId'] === 'test-sender')).toBe(true);
  });

  it('keeps at most 3 frames in flight at a slow sink; the sender drops the rest and the ingest counts the gaps', async () => {
    const slow = slowSink();
    const { ingest, sender, clock } = wire(slow.sink);

    // 30 frames at ~30 fps; the sink finishes one frame for every three offered.
    for (let index = 0; index < 30; index += 1) {
      clock.now = index * 33;
      sender.offer({ ...videoHeader, captureTimeMs: clock.now }, fillGray);
      await settle();
      expect(slow.inFlight()).toBeLessThanOrEqual(3);
      if (index % 3 === 2) {
        slow.releaseOldest();
        await settle();
      }
    }

    expect(slow.maxInFlight()).toBe(3);
    // Frames 0–2 use the opening credits; after that one frame in each group of three gets through.
    expect(sender.stats()).toEqual({ sent: 12, dropped: 18, credits: 1 });
    expect(slow.written).toEqual([0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
    // Frames 28 and 29 were dropped, but nothing after them has arrived to show the gap yet.
    expect(ingest.stats()).toMatchObject({ framesReceived: 12, framesDropped: 16, framesMalformed: 0 });

    slow.releaseAll();
    await settle();
    clock.now = 30 * 33;
    expect(sender.offer({ ...videoHeader, captureTimeMs: clock.now }, fillGray)).toBe(true);
    await settle();

    expect(ingest.stats()).toMatchObject({
      framesReceived: 13,
      framesDropped: sender.stats().dropped,
      bytesReceived: 13 * (32 + videoHeader.payloadBytes),
      lastFrameAt: 990,
    });
    expect(sender.stats().dropped).toBe(18);
  });

  it('does not fill a dropped frame', () => {
    const slow = slowSink();
    const { sender } = wire(slow.sink);
    for (let index = 0; index < 3; index += 1) sender.offer(videoHeader, fillGray);
    let filled = false;
    expect(sender.offer(videoHeader, () => (filled = true))).toBe(false);
    expect(filled).toBe(false);
  });

  it('reports video frames per second over the last second from the injected clock', async () => {
    const { ingest, sender, clock } = wire();
    expect(ingest.stats().framesPerSecond).toBeNull();

    // 25 frames, 40 ms apart: one second of 25 fps video.
    for (let index = 0; index < 25; index += 1) {
      clock.now = index * 40;
      expect(sender.offer({ ...videoHeader, captureTimeMs: clock.now }, fillGray)).toBe(true);
      await settle();
    }
    expect(ingest.stats().framesPerSecond).toBe(25);

    clock.now = 1500; // frames 13–24 (520…960 ms) are within the last second
    expect(ingest.stats().framesPerSecond).toBe(12);

    clock.now = 960 + 2000; // two seconds without a frame: the program has stopped
    expect(ingest.stats().framesPerSecond).toBeNull();
  });

  it('leaves audio frames out of the video frame rate and the video drop count', async () => {
    const { ingest, sender, session, clock } = wire();
    const audio = createMediaSender((message) => session.receive(new Uint8Array(message)));
    audio.grant(2);
    const audioHeader = { kind: 'audio-s16', width: 2, height: 0, captureTimeMs: 0, sampleRate: 48_000, payloadBytes: 4 * 480 } as const;
    sender.offer(videoHeader, fillGray);
    audio.offer(audioHeader, () => undefined);
    audio.offer(audioHeader, () => undefined);
    sender.offer(videoHeader, fillGray);
    await settle();
    clock.now = 10;
    expect(ingest.stats()).toMatchObject({ framesReceived: 2, audioChunksReceived: 2, framesDropped: 0, framesPerSecond: 2 });
  });

  it('counts video and audio sequences apart when one sender carries both', async () => {
    const { ingest, sender, clock } = wire();
    const audioHeader = { kind: 'audio-s16', width: 2, height: 0, captureTimeMs: 0, sampleRate: 48_000, payloadBytes: 4 * 480 } as const;
    sender.offer(videoHeader, fillGray);
    await settle();
    sender.offer(audioHeader, () => undefined);
    await settle();
    sender.offer(videoHeader, fillGray);
    await settle();
    clock.now = 10;
    expect(ingest.stats()).toMatchObject({ framesReceived: 2, audioChunksReceived: 1, framesDropped: 0, framesPerSecond: 2 });
  });

  it('reports no frame rate while only audio arrives', async () => {
    const { ingest, sender, clock } = wire();
    sender.offer({ kind: 'audio-s16', width: 2, height: 0, captureTimeMs: 0, sampleRate: 48_000, payloadBytes: 4 * 480 }, () => undefined);
    await settle();
    clock.now = 10;
    expect(ingest.stats()).toMatchObject({ framesReceived: 0, audioChunksReceived: 1, framesPerSecond: null });
  });

  it('counts malformed messages, still grants their credit back, and logs only the first few', async () => {
    const { ingest, session, grants, records } = wire();
    for (let index = 0; index < 8; index += 1) session.receive(new Uint8Array([1, 2, 3]));
    await settle();

    expect(ingest.stats()).toMatchObject({ framesMalformed: 8, framesReceived: 0, bytesReceived: 0 });
    expect(grants).toEqual([3, 1, 1, 1, 1, 1, 1, 1, 1]);
    const warnings = records.filter((record) => record.level === 'warn' && record.message === 'malformed media frame');
    expect(warnings).toHaveLength(5);
    expect(warnings[0]?.fields).toEqual({ reason: 'shorter than the header', senderId: 'test-sender' });
    expect(warnings[0]?.scope).toBe('core.media#1');
  });

  it('grants nothing once the session is closed, even for a frame the sink finishes later', async () => {
    const slow = slowSink();
    const { ingest, sender, session, grants, records } = wire(slow.sink);
    sender.offer(videoHeader, fillGray);
    await settle();
    expect(slow.inFlight()).toBe(1);

    session.close();
    slow.releaseAll();
    sender.offer(videoHeader, fillGray);
    session.receive(new Uint8Array([1, 2, 3]));
    await settle();

    expect(grants).toEqual([3]);
    expect(ingest.stats()).toMatchObject({ framesReceived: 1, framesMalformed: 0 });
    expect(records.some((record) => record.message === 'media sender disconnected')).toBe(true);
  });

  it('logs a sink failure and still returns the credit', async () => {
    const { ingest, sender, grants, records } = wire();
    ingest.setSink({ write: () => Promise.reject(new Error('encoder gone')) });
    sender.offer(videoHeader, fillGray);
    await settle();
    expect(grants).toEqual([3, 1]);
    expect(records.find((record) => record.level === 'error')?.message).toBe('frame sink failed');
  });
});

describe('one program at a time', () => {
  it('lets the newest video sender take over, starves the older one, and hands back when the newer leaves', async () => {
    const { ingest, sender: older, session: olderSession, grants: olderGrants } = wire();
    const newerGrants: number[] = [];
    let newerSession: MediaSession | null = null;
    const newer = createMediaSender((message) => newerSession?.receive(new Uint8Array(message)));
    newerSession = ingest.openSession((credits) => {
      newerGrants.push(credits);
      newer.grant(credits);
    }, 'newer');

    older.offer(videoHeader, fillGray);
    await settle();
    expect(olderGrants).toEqual([3, 1]);

    newer.offer(videoHeader, fillGray);
    await settle();
    // The older sender's frames are now ignored and not credited: it runs dry.
    for (let index = 0; index < 5; index += 1) older.offer(videoHeader, fillGray);
    await settle();
    expect(olderGrants).toEqual([3, 1]);
    expect(older.stats().credits).toBe(0);
    expect(ingest.stats().framesReceived).toBe(2);

    newerSession.close();
    expect(olderGrants).toEqual([3, 1, 3]);
    older.offer(videoHeader, fillGray);
    await settle();
    expect(ingest.stats().framesReceived).toBe(3);
    olderSession.close();
  });
});
