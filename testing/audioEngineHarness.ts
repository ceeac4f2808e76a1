import { afterEach, beforeEach, vi } from 'vitest';
import { decodeMediaFrame, type MediaFrameHeader } from '../contract/media.std';
import { createMediaSender } from '../contract/mediaSender.std';
import { defaultAudioSettings, type AudioSettings } from '../contract/schemas/settings.std';
import type { MediaConnection } from '../renderer/media/mediaTransport.dom';
import { startAudioEngine, type AudioEngine, type AudioEngineDeps } from '../renderer/features/audio/audioEngine.dom';
import type { AudioLevels, AudioSnapshot } from '../renderer/features/audio/audioSnapshot.std';
import type { PcmTapChunk } from '../renderer/features/audio/pcmTapMessages.std';

// The audio engine with the browser replaced by small fakes (a context, its nodes, the tracks and
// streams getUserMedia and getDisplayMedia give, the PCM tap), for the engine's tests.

export const TIME_ORIGIN = 1_700_000_000_000;

export class FakeTrack {
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

export class FakeStream {
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

export class FakeTap extends FakeNode {
  readonly posted: unknown[] = [];
  port = {
    onmessage: null as ((event: MessageEvent<PcmTapChunk>) => void) | null,
    postMessage: (message: unknown) => this.posted.push(message),
  };
}

export class FakeContext {
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

export const domError = (name: string, message = name) => new DOMException(message, name);

export type MicBehaviour = (constraints: MediaTrackConstraints) => FakeStream | DOMException;

export interface Harness {
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

export async function start(
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

/** Fake timers for each test, and the engine the test started stopped after it. */
export function stopAfterEachTest(current: () => Harness | undefined): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    await current()?.engine.stop();
    vi.useRealTimers();
  });
}
