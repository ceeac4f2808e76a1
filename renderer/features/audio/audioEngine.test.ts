import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeMediaFrame, type MediaFrameHeader } from '../../../contract/media.std';
import { createMediaSender } from '../../../contract/mediaSender.std';
import { defaultAudioSettings, type AudioSettings } from '../../../contract/schemas/settings.std';
import type { MediaConnection } from '../../media/mediaTransport.dom';
import { startAudioEngine, type AudioEngine, type AudioEngineDeps } from './audioEngine.dom';
import type { AudioLevels, AudioSnapshot } from './audioSnapshot.std';
import type { PcmTapChunk } from './pcmTapMessages.std';

// The engine's behaviour with the browser replaced by small fakes: what it asks the browser for,
// what it says when the browser refuses, and what it sends. The real graph runs in e2e/audio.spec.ts.

const TIME_ORIGIN = 1_700_000_000_000;

class FakeTrack {
  stopped = false;
  private readonly ended: (() => void)[] = [];
  constructor(
    readonly kind: 'audio' | 'video',
    readonly label: string,
    private readonly settings: Record<string, unknown> = {},
  ) {}
  stop() {
    this.stopped = true;
  }
  getSettings() {
    return this.settings;
  }
  addEventListener(type: string, listener: () => void) {
    if (type === 'ended') this.ended.push(listener);
  }
  /** The device went away. */
  end() {
    this.ended.forEach((listener) => listener());
  }
}

class FakeStream {
  constructor(readonly tracks: FakeTrack[]) {}
  getTracks = () => this.tracks;
  getAudioTracks = () => this.tracks.filter((track) => track.kind === 'audio');
  getVideoTracks = () => this.tracks.filter((track) => track.kind === 'video');
}

class FakeNode {
  connections: { target: unknown; input: number }[] = [];
  disconnected = false;
  constructor(readonly stream?: FakeStream) {}
  connect(target: unknown, _output = 0, input = 0) {
    this.connections.push({ target, input });
  }
  disconnect() {
    this.disconnected = true;
  }
}

class FakeGain extends FakeNode {
  readonly targets: number[] = [];
  gain = {
    value: 1,
    setTargetAtTime: (value: number) => {
      this.targets.push(value);
    },
  };
}

class FakeTap extends FakeNode {
  readonly posted: unknown[] = [];
  port = {
    onmessage: null as ((event: MessageEvent<PcmTapChunk>) => void) | null,
    postMessage: (message: unknown) => this.posted.push(message),
  };
}

class FakeContext {
  sampleRate = 48_000;
  state: 'running' | 'suspended' | 'closed' = 'running';
  currentTime = 0;
  baseLatency = 0.01;
  outputLatency = 0.03;
  readonly gains: FakeGain[] = [];
  readonly sources: FakeNode[] = [];
  private readonly stateListeners = new Set<() => void>();
  outputTimestamp = { contextTime: 0, performanceTime: 0 };
  audioWorklet = { addModule: vi.fn(async (_url: string) => undefined) };
  createGain() {
    const gain = new FakeGain();
    this.gains.push(gain);
    return gain;
  }
  createMediaStreamSource(stream: FakeStream) {
    const source = new FakeNode(stream);
    this.sources.push(source);
    return source;
  }
  getOutputTimestamp() {
    return this.outputTimestamp;
  }
  addEventListener(_type: string, listener: () => void) {
    this.stateListeners.add(listener);
  }
  removeEventListener(_type: string, listener: () => void) {
    this.stateListeners.delete(listener);
  }
  async resume() {
    this.state = 'running';
    this.stateListeners.forEach((listener) => listener());
  }
  async close() {
    this.state = 'closed';
  }
}

const domError = (name: string, message = name) => new DOMException(message, name);

type MicBehaviour = (constraints: MediaTrackConstraints) => FakeStream | DOMException;

interface Harness {
  engine: AudioEngine;
  context: FakeContext;
  tap: FakeTap;
  snapshot: () => AudioSnapshot;
  levels: AudioLevels[];
  sent: MediaFrameHeader[];
  sender: ReturnType<typeof createMediaSender>;
  media: { closed: boolean };
  micCalls: MediaTrackConstraints[];
  displayCalls: unknown[];
  devices: { deviceId: string; kind: string; label: string }[];
  deviceChange: () => void;
  gestureCancelled: () => boolean;
  gesture: () => void;
  /** Delivers chunk `index` from the tap, with the context clock reading for it. */
  chunk: (index: number, peaks?: Partial<Pick<PcmTapChunk, 'microphonePeak' | 'systemAudioPeak'>>) => void;
  settle: () => Promise<void>;
}

let harness: Harness;

async function start(
  settings: AudioSettings = defaultAudioSettings,
  options: { mic?: MicBehaviour; display?: () => FakeStream | DOMException; systemAudio?: AudioEngineDeps['systemAudio']; suspended?: boolean } = {},
): Promise<Harness> {
  const context = new FakeContext();
  if (options.suspended) context.state = 'suspended';
  const tap = new FakeTap();
  const micCalls: MediaTrackConstraints[] = [];
  const displayCalls: unknown[] = [];
  const devices = [
    { deviceId: 'default', kind: 'audioinput', label: 'Default - Built-in Microphone' },
    { deviceId: 'builtin', kind: 'audioinput', label: 'Built-in Microphone' },
  ];
  const deviceListeners = new Set<() => void>();
  const mic: MicBehaviour = options.mic ?? (() => new FakeStream([new FakeTrack('audio', 'Built-in Microphone', { deviceId: 'default', latency: 0.01 })]));
  const sent: MediaFrameHeader[] = [];
  const sender = createMediaSender((message) => {
    const decoded = decodeMediaFrame(new Uint8Array(message));
    if (!decoded.ok) throw new Error(decoded.reason);
    sent.push(decoded.header);
  });
  sender.grant(3);
  const media = { closed: false };
  let closeMedia = () => {};
  const connection: MediaConnection = {
    sender,
    opened: Promise.resolve(),
    closed: new Promise((resolve) => (closeMedia = resolve)),
    close: () => {
      media.closed = true;
      closeMedia();
    },
  };
  let gestureAct: (() => void) | null = null;
  let gestureCancelled = false;
  let snapshot: AudioSnapshot | null = null;
  const levels: AudioLevels[] = [];
  const deps: AudioEngineDeps = {
    mediaDevices: {
      getUserMedia: async (constraints?: MediaStreamConstraints) => {
        const audio = (constraints?.audio ?? {}) as MediaTrackConstraints;
        micCalls.push(audio);
        const outcome = mic(audio);
        if (outcome instanceof DOMException) throw outcome;
        return outcome as unknown as MediaStream;
      },
      getDisplayMedia: async (displayOptions?: DisplayMediaStreamOptions) => {
        displayCalls.push(displayOptions);
        const outcome = options.display?.() ?? domError('NotAllowedError');
        if (outcome instanceof DOMException) throw outcome;
        return outcome as unknown as MediaStream;
      },
      enumerateDevices: async () => devices.map((device) => ({ ...device, groupId: '', toJSON: () => device }) as MediaDeviceInfo),
      addEventListener: (_type: string, listener: () => void) => deviceListeners.add(listener),
      removeEventListener: (_type: string, listener: () => void) => deviceListeners.delete(listener),
    } as unknown as AudioEngineDeps['mediaDevices'],
    createContext: () => context as unknown as AudioContext,
    workletUrl: './pcmTap.worklet.js',
    createTap: () => tap as unknown as AudioWorkletNode,
    openMedia: async () => connection,
    systemAudio: options.systemAudio ?? { supported: true },
    timeOrigin: TIME_ORIGIN,
    onNextGesture: (act) => {
      gestureAct = act;
      gestureCancelled = false;
      return () => {
        gestureCancelled = true;
      };
    },
    log: { info: () => undefined, warn: () => undefined },
  };
  const engine = startAudioEngine(deps, settings, {
    onChange: (next) => (snapshot = next),
    onLevels: (next) => levels.push(next),
  });
  const settle = () => vi.advanceTimersByTimeAsync(0).then(() => undefined);
  await settle();
  return {
    engine,
    context,
    tap,
    snapshot: () => {
      if (!snapshot) throw new Error('no snapshot yet');
      return snapshot;
    },
    levels,
    sent,
    sender,
    media,
    micCalls,
    displayCalls,
    devices,
    deviceChange: () => deviceListeners.forEach((listener) => listener()),
    gestureCancelled: () => gestureCancelled,
    gesture: () => gestureAct?.(),
    chunk: (index, peaks = {}) => {
      const firstFrame = 1024 + index * 960;
      // The context clock: frame f leaves the speakers at performance time 1000 ms + f / 48.
      const contextTime = (firstFrame + 960) / 48_000;
      context.outputTimestamp = { contextTime, performanceTime: 1000 + contextTime * 1000 };
      tap.port.onmessage?.({
        data: { type: 'chunk', firstFrame, pcm: new ArrayBuffer(3840), programPeak: 0, microphonePeak: 0, systemAudioPeak: 0, ...peaks },
      } as MessageEvent<PcmTapChunk>);
    },
    settle,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  await harness?.engine.stop();
  vi.useRealTimers();
});

describe('startAudioEngine', () => {
  it('opens the default microphone as set, wires the graph and connects to the studio', async () => {
    harness = await start();
    expect(harness.micCalls).toEqual([{ echoCancellation: true, noiseSuppression: true, autoGainControl: false, channelCount: 2 }]);
    expect(harness.snapshot()).toMatchObject({
      engine: { status: 'running' },
      microphone: { status: 'live', label: 'Built-in Microphone', note: null },
      systemAudio: { status: 'off' },
      sending: { status: 'sending', sentSeconds: 0 },
    });
    const [bus, microphoneGain, systemAudioGain] = harness.context.gains;
    expect(harness.context.audioWorklet.addModule).toHaveBeenCalledWith('./pcmTap.worklet.js');
    expect(bus?.connections).toEqual([{ target: harness.tap, input: 0 }]);
    expect(microphoneGain?.connections).toEqual([
      { target: bus, input: 0 },
      { target: harness.tap, input: 1 },
    ]);
    expect(systemAudioGain?.connections.at(-1)).toEqual({ target: harness.tap, input: 2 });
    expect(harness.context.sources[0]?.connections).toEqual([{ target: microphoneGain, input: 0 }]);
    expect(microphoneGain?.targets.at(-1)).toBe(1);
    expect(systemAudioGain?.targets.at(-1)).toBe(0);
  });

  it('sends 20 ms s16 stereo chunks stamped with their capture time, once the clock has settled', async () => {
    harness = await start();
    for (let index = 0; index < 5; index += 1) harness.chunk(index);
    // The first reading has no neighbour to agree with: the first chunk waits for the clock.
    expect(harness.sent.map(({ sequence }) => sequence)).toEqual([0, 1, 2]);
    const header = harness.sent[0];
    expect(header).toMatchObject({ kind: 'audio-s16', width: 2, height: 0, sampleRate: 48_000, payloadBytes: 3840 });
    // Frame f left the speakers at 1000 + f/48 ms; minus base (10), output (30) and input (10) latency.
    const firstFrame = 1024 + 960;
    expect(header?.captureTimeMs).toBeCloseTo(TIME_ORIGIN + 1000 + firstFrame / 48 - 50, 6);
    expect((harness.sent[2]?.captureTimeMs ?? 0) - (header?.captureTimeMs ?? 0)).toBeCloseTo(40, 9);
  });

  it('holds chunks for credits instead of dropping them, and drops (counted) only past a second', async () => {
    harness = await start();
    for (let index = 0; index < 10; index += 1) harness.chunk(index);
    expect(harness.sent).toHaveLength(3);
    harness.sender.grant(100);
    harness.chunk(10);
    expect(harness.sent.map(({ sequence }) => sequence)).toEqual(Array.from({ length: 10 }, (_, index) => index));
    expect(harness.sender.stats().dropped).toBe(0);

    // No credit for 1.2 s: 60 chunks, of which the oldest 10 no longer fit.
    harness.sender.grant(-harness.sender.stats().credits);
    for (let index = 11; index < 71; index += 1) harness.chunk(index);
    expect(harness.sender.stats().dropped).toBe(10);
    harness.sender.grant(1000);
    await vi.advanceTimersByTimeAsync(100);
    const sequences = harness.sent.map(({ sequence }) => sequence);
    // The dropped ones took their sequence numbers, so the core counts the gap.
    expect(sequences.slice(10)).toEqual(Array.from({ length: 50 }, (_, index) => 20 + index));
    await vi.advanceTimersByTimeAsync(1000);
    expect(harness.snapshot().sending).toMatchObject({ status: 'sending', droppedChunks: 10 });
  });

  it('says so when the core takes no audio from this window (another one is sending it)', async () => {
    harness = await start();
    for (let index = 0; index < 5; index += 1) harness.chunk(index);
    await vi.advanceTimersByTimeAsync(1000);
    expect(harness.snapshot().sending.status).toBe('sending');
    harness.sender.grant(-harness.sender.stats().credits);
    for (let index = 5; index < 65; index += 1) harness.chunk(index);
    await vi.advanceTimersByTimeAsync(1000);
    expect(harness.snapshot().sending).toMatchObject({ status: 'held', sentSeconds: 0.06 });
    // The other window left: the core grants credits again.
    harness.sender.grant(3);
    harness.chunk(65);
    await vi.advanceTimersByTimeAsync(1000);
    expect(harness.snapshot().sending.status).toBe('sending');
  });

  it('meters the microphone after gain and mute, ten times a second', async () => {
    harness = await start();
    harness.chunk(0, { microphonePeak: 0.5 });
    await vi.advanceTimersByTimeAsync(100);
    expect(harness.levels.at(-1)?.microphoneDb).toBeCloseTo(-6.02, 2);
    harness.engine.apply({ ...defaultAudioSettings, microphoneMuted: true });
    harness.chunk(1, { microphonePeak: 0.5 });
    await vi.advanceTimersByTimeAsync(100);
    expect(harness.levels.at(-1)?.microphoneDb).toBe(-60);
    expect(harness.context.gains[1]?.targets.at(-1)).toBe(0);
    harness.engine.apply({ ...defaultAudioSettings, microphoneGain: 1.5 });
    expect(harness.context.gains[1]?.targets.at(-1)).toBe(1.5);
    // Gain and mute never reopen the microphone.
    expect(harness.micCalls).toHaveLength(1);
  });

  it('reopens the microphone with new constraints when echo cancellation or the device changes', async () => {
    harness = await start();
    const first = harness.context.sources[0]?.stream?.tracks[0];
    harness.engine.apply({ ...defaultAudioSettings, echoCancellation: false });
    await harness.settle();
    expect(first?.stopped).toBe(true);
    expect(harness.context.sources[0]?.disconnected).toBe(true);
    expect(harness.micCalls[1]).toMatchObject({ echoCancellation: false, noiseSuppression: true });
    harness.engine.apply({ ...defaultAudioSettings, echoCancellation: false, microphoneId: 'builtin' });
    await harness.settle();
    expect(harness.micCalls[2]).toMatchObject({ deviceId: { exact: 'builtin' } });
    expect(harness.snapshot().microphone).toMatchObject({ status: 'live' });
  });

  it.each([
    ['NotAllowedError', /may not use the microphone/, 'denied'],
    ['NotFoundError', /No microphone found/, 'missing'],
    ['NotReadableError', /another app may be using it/, 'busy'],
  ])('says what to do when the microphone fails with %s, and keeps sending', async (name, message, problem) => {
    harness = await start(defaultAudioSettings, { mic: () => domError(name) });
    expect(harness.snapshot().microphone).toEqual({ status: 'failed', message: expect.stringMatching(message), problem });
    expect(harness.snapshot().engine).toEqual({ status: 'running' });
    for (let index = 0; index < 3; index += 1) harness.chunk(index);
    expect(harness.sent.length).toBeGreaterThan(0);
  });

  it('tries again on request, and by itself when a device is plugged in', async () => {
    let busy = true;
    harness = await start(defaultAudioSettings, {
      mic: () => (busy ? domError('NotReadableError') : new FakeStream([new FakeTrack('audio', 'Built-in Microphone', { deviceId: 'builtin' })])),
    });
    expect(harness.snapshot().microphone.status).toBe('failed');
    harness.engine.retryMicrophone();
    await harness.settle();
    expect(harness.snapshot().microphone.status).toBe('failed');
    busy = false;
    harness.deviceChange();
    await harness.settle();
    expect(harness.snapshot().microphone).toMatchObject({ status: 'live', label: 'Built-in Microphone' });
  });

  it('says so when the microphone is unplugged, and picks it up again when it is back', async () => {
    harness = await start();
    const track = harness.context.sources[0]?.stream?.tracks[0];
    track?.end();
    expect(harness.snapshot().microphone).toEqual({ status: 'failed', message: expect.stringMatching(/was disconnected/), problem: 'disconnected' });
    expect(harness.context.sources[0]?.disconnected).toBe(true);
    harness.deviceChange();
    await harness.settle();
    expect(harness.snapshot().microphone.status).toBe('live');
    expect(harness.micCalls).toHaveLength(2);
  });

  it('uses the default microphone, saying so, while the chosen one is missing, and switches back when it returns', async () => {
    let usbPresent = false;
    const mic: MicBehaviour = (constraints) => {
      const wanted = (constraints.deviceId as { exact?: string } | undefined)?.exact;
      if (wanted === 'usb' && !usbPresent) return domError('OverconstrainedError');
      return new FakeStream([new FakeTrack('audio', wanted === 'usb' ? 'USB Mic' : 'Built-in Microphone', { deviceId: wanted ?? 'default' })]);
    };
    harness = await start({ ...defaultAudioSettings, microphoneId: 'usb' }, { mic });
    expect(harness.snapshot().microphone).toMatchObject({ status: 'live', label: 'Built-in Microphone', note: expect.stringMatching(/not connected/) });
    usbPresent = true;
    harness.devices.push({ deviceId: 'usb', kind: 'audioinput', label: 'USB Mic' });
    harness.deviceChange();
    await harness.settle();
    expect(harness.snapshot().microphone).toMatchObject({ status: 'live', label: 'USB Mic', note: null });
  });

  it('shares only the sound of a display capture, and mixes it in', async () => {
    const video = new FakeTrack('video', 'screen:0');
    harness = await start(defaultAudioSettings, { display: () => new FakeStream([video, new FakeTrack('audio', 'System audio')]) });
    harness.engine.apply({ ...defaultAudioSettings, systemAudio: true });
    expect(harness.snapshot().systemAudio).toEqual({ status: 'needs-click' });
    await harness.engine.startSystemAudio();
    expect(harness.displayCalls[0]).toMatchObject({ video: true, audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    expect(video.stopped).toBe(true);
    expect(harness.snapshot().systemAudio).toEqual({ status: 'live', label: 'System audio' });
    const systemAudioGain = harness.context.gains[2];
    expect(harness.context.sources[1]?.connections).toEqual([{ target: systemAudioGain, input: 0 }]);
    expect(systemAudioGain?.targets.at(-1)).toBe(1);
    harness.engine.apply(defaultAudioSettings);
    expect(harness.snapshot().systemAudio).toEqual({ status: 'off' });
    expect(harness.context.sources[1]?.stream?.tracks.every((track) => track.stopped)).toBe(true);
    expect(systemAudioGain?.targets.at(-1)).toBe(0);
  });

  it('explains a refused share, a share without sound, and where system audio is not available', async () => {
    harness = await start({ ...defaultAudioSettings, systemAudio: true });
    await harness.engine.startSystemAudio();
    expect(harness.snapshot().systemAudio).toEqual({ status: 'failed', message: expect.stringMatching(/cancelled or not allowed/) });
    expect(harness.snapshot().microphone.status).toBe('live');
    await harness.engine.stop();

    harness = await start({ ...defaultAudioSettings, systemAudio: true }, { display: () => new FakeStream([new FakeTrack('video', 'window')]) });
    await harness.engine.startSystemAudio();
    expect(harness.snapshot().systemAudio).toEqual({ status: 'failed', message: expect.stringMatching(/has no sound/) });
    await harness.engine.stop();

    harness = await start({ ...defaultAudioSettings, systemAudio: true }, { systemAudio: { supported: false, reason: 'Not available in the desktop app yet.' } });
    await harness.engine.startSystemAudio();
    expect(harness.snapshot().systemAudio).toEqual({ status: 'unsupported', reason: 'Not available in the desktop app yet.' });
    expect(harness.displayCalls).toEqual([]);
  });

  it('waits for a click when the autoplay policy holds the context', async () => {
    harness = await start(defaultAudioSettings, { suspended: true });
    expect(harness.snapshot().engine).toEqual({ status: 'suspended' });
    harness.gesture();
    await harness.settle();
    expect(harness.snapshot().engine).toEqual({ status: 'running' });
    expect(harness.gestureCancelled()).toBe(true);
  });

  it('stops everything it started', async () => {
    harness = await start();
    const track = harness.context.sources[0]?.stream?.tracks[0];
    await harness.engine.stop();
    expect(track?.stopped).toBe(true);
    expect(harness.context.state).toBe('closed');
    expect(harness.media.closed).toBe(true);
    expect(harness.tap.posted).toEqual([{ type: 'stop' }]);
    expect(harness.snapshot().engine).toEqual({ status: 'stopped' });
    const levelsSoFar = harness.levels.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(harness.levels).toHaveLength(levelsSoFar);
  });

  it('drops a microphone that arrives after the engine stopped', async () => {
    let grant: (stream: FakeStream) => void = () => {};
    const late = new FakeStream([new FakeTrack('audio', 'Late')]);
    const context = new FakeContext();
    const engine = startAudioEngine(
      {
        mediaDevices: {
          getUserMedia: () => new Promise((resolve) => (grant = (stream) => resolve(stream as unknown as MediaStream))),
          getDisplayMedia: async () => Promise.reject(domError('NotAllowedError')),
          enumerateDevices: async () => [],
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
        } as unknown as AudioEngineDeps['mediaDevices'],
        createContext: () => context as unknown as AudioContext,
        workletUrl: '',
        createTap: () => new FakeTap() as unknown as AudioWorkletNode,
        openMedia: () => new Promise(() => undefined),
        systemAudio: { supported: true },
        timeOrigin: 0,
        onNextGesture: () => () => undefined,
        log: { info: () => undefined, warn: () => undefined },
      },
      defaultAudioSettings,
      { onChange: () => undefined, onLevels: () => undefined },
    );
    await engine.stop();
    grant(late);
    await vi.advanceTimersByTimeAsync(0);
    expect(late.tracks[0]?.stopped).toBe(true);
    expect(context.sources).toEqual([]);
  });
});
