import type { AudioSettings } from '../../../contract/schemas/settings.std';
import type { MediaConnection } from '../../media/mediaTransport.dom';
import { deviceLabel } from './audioDevices.std';
import { describeMicrophoneProblem, describeSystemAudioProblem, failureOf } from './audioErrors.std';
import { deviceProblemOf } from '../../media/deviceProblem.std';
import { createCaptureClock, createReadingFilter } from './captureClock.std';
import { meterStep, METER_FLOOR_DB, peakToDb } from './levels.std';
import { AUDIO_CHANNELS, AUDIO_SAMPLE_RATE, CHUNK_BYTES, CHUNK_FRAMES } from './pcmChunker.std';
import { pcmTapInputs, type PcmTapChunk, type ToPcmTap } from './pcmTapMessages.std';
import { createSendQueue } from './sendQueue.std';
import { initialAudioSnapshot, type AudioLevels, type AudioSnapshot } from './audioSnapshot.std';

// The audio graph: one AudioContext at 48 kHz.
//
//   microphone ─► mic gain (gain, mute) ─┬─► bus ─► PCM tap (input 0: sent) ─► chunks to the page
//                                        └────────► PCM tap (input 1: metered)
//   system audio ─► system gain ─────────┬─► bus
//                                        └────────► PCM tap (input 2: metered)
//
// The tap (pcmTap.worklet.ts) has no outputs, so nothing is played back (no echo of the merchant's
// own voice); Chromium still runs it every quantum. Its chunks go to the core on their own media
// connection, each stamped with its capture time by the capture clock.

export type SystemAudioSupport = { supported: true } | { supported: false; reason: string };

export interface AudioEngineDeps {
  mediaDevices: Pick<MediaDevices, 'getUserMedia' | 'getDisplayMedia' | 'enumerateDevices' | 'addEventListener' | 'removeEventListener'>;
  createContext: () => AudioContext;
  /** The PCM tap module (pcmTap.worklet.ts, built as its own file) … */
  workletUrl: string;
  /** … and its node, once the module is loaded. */
  createTap: (context: AudioContext) => AudioWorkletNode;
  /** One media connection for audio (the page's own, apart from video's). */
  openMedia: () => Promise<MediaConnection>;
  systemAudio: SystemAudioSupport;
  /** performance.timeOrigin: capture times are epoch ms, like video frames'. */
  timeOrigin: number;
  /** Calls `act` at the merchant's next click or key press (autoplay policy); returns a cancel. */
  onNextGesture: (act: () => void) => () => void;
  log: Pick<Console, 'info' | 'warn'>;
}

export interface AudioEngineEvents {
  onChange(snapshot: AudioSnapshot): void;
  /** About ten times a second, meter ballistics applied. */
  onLevels(levels: AudioLevels): void;
}

export interface AudioEngine {
  apply(settings: AudioSettings): void;
  /** Call from a click handler: browsers share the screen's sound only on a user gesture. */
  startSystemAudio(): Promise<void>;
  retryMicrophone(): void;
  /** Call from a click handler when the engine is 'suspended'. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}


const LEVEL_INTERVAL_MS = 100;
/** Chunks that may wait for credits: one second, enough to ride out a busy page or core. */
const MAX_QUEUED_CHUNKS = 50;
const SENDING_EVERY_TICKS = 10;
/** Gain changes glide over ~15 ms: a step would click. */
const GAIN_TIME_CONSTANT_S = 0.015;

function microphoneConstraints(settings: AudioSettings, deviceId: string | null): MediaStreamConstraints {
  return {
    audio: {
      ...(deviceId !== null ? { deviceId: { exact: deviceId } } : {}),
      echoCancellation: settings.echoCancellation,
      noiseSuppression: settings.noiseSuppression,
      // The merchant sets the level; AGC pumping under music or a product demo sounds worse.
      autoGainControl: false,
      channelCount: 2,
    },
    video: false,
  };
}

const microphoneKey = (settings: AudioSettings) => JSON.stringify([settings.microphoneId, settings.echoCancellation, settings.noiseSuppression]);

interface Capture {
  stream: MediaStream;
  track: MediaStreamTrack;
  source: MediaStreamAudioSourceNode;
  /** Input latency in seconds, as the browser reports it (Chromium does; the DOM lib lacks it). */
  latency: number;
}

const latencyOf = (track: MediaStreamTrack): number => (track.getSettings() as MediaTrackSettings & { latency?: number }).latency ?? 0;

function release(capture: Capture | null): void {
  if (!capture) return;
  capture.source.disconnect();
  capture.stream.getTracks().forEach((track) => track.stop());
}

/** Builds the graph, opens the microphone and the media connection, and runs until stop(). */
export function startAudioEngine(deps: AudioEngineDeps, initial: AudioSettings, events: AudioEngineEvents): AudioEngine {
  let settings = initial;
  let snapshot: AudioSnapshot = { ...initialAudioSnapshot, systemAudio: deps.systemAudio.supported ? { status: 'off' } : { status: 'unsupported', reason: deps.systemAudio.reason } };
  let stopped = false;
  const update = (change: Partial<AudioSnapshot>) => {
    snapshot = { ...snapshot, ...change };
    events.onChange(snapshot);
  };
  const fail = (message: string, error: unknown): AudioEngine => {
    deps.log.warn(message, error);
    update({ engine: { status: 'failed', message: `${message} (${failureOf(error).name}: ${failureOf(error).detail})` }, microphone: { status: 'failed', message: 'Audio is off.' } });
    const nothing = async () => undefined;
    return { apply: () => undefined, startSystemAudio: nothing, retryMicrophone: () => undefined, resume: nothing, stop: nothing };
  };

  let context: AudioContext;
  try {
    context = deps.createContext();
  } catch (error) {
    return fail('Audio could not start', error);
  }
  const sampleRate = context.sampleRate;
  const bus = context.createGain();
  const microphoneGain = context.createGain();
  const systemAudioGain = context.createGain();
  microphoneGain.gain.value = 0;
  systemAudioGain.gain.value = 0;
  microphoneGain.connect(bus);
  systemAudioGain.connect(bus);

  // --- The context's state: the autoplay policy may hold it until a click. ---
  let cancelGesture: (() => void) | null = null;
  const onStateChange = () => {
    if (stopped || snapshot.engine.status === 'failed') return;
    cancelGesture?.();
    cancelGesture = null;
    if (context.state === 'running') {
      update({ engine: { status: 'running' } });
    } else if (context.state === 'suspended') {
      // A context made before any click starts suspended (autoplay policy): the next click anywhere starts it.
      cancelGesture = deps.onNextGesture(() => void context.resume());
      update({ engine: { status: 'suspended' } });
    }
  };
  context.addEventListener('statechange', onStateChange);
  let tap: AudioWorkletNode | null = null;
  let media: MediaConnection | null = null;
  let mediaOpen = false;
  let microphone: Capture | null = null;
  let microphoneGeneration = 0;
  let microphoneRetryOnDeviceChange = false;
  let systemAudio: Capture | null = null;
  let systemAudioGeneration = 0;

  // --- Capture times: count samples, checked against the context's clock once a second. ---
  const clock = createCaptureClock({ sampleRate });
  const settled = createReadingFilter(sampleRate);
  let lastReadingFrame = Number.NEGATIVE_INFINITY;
  /**
   * Called for every chunk. The mapping is sampled for the last few chunks before a reading is
   * due (once a second), so the filter has a neighbour to compare with, and fed to the clock once.
   */
  const readClock = (chunkFrame: number) => {
    if (clock.timeOf(0) !== null && chunkFrame - lastReadingFrame < sampleRate - 3 * CHUNK_FRAMES) return;
    const { contextTime, performanceTime } = context.getOutputTimestamp();
    // Both are 0 until the first audio callback.
    if (!contextTime || !performanceTime) return;
    // performanceTime is when the frame at contextTime leaves the speakers; it was rendered
    // base + output latency before that, and captured the microphone's own latency earlier still.
    const latencyMs = ((context.baseLatency || 0) + (context.outputLatency || 0) + (microphone?.latency ?? 0)) * 1000;
    const frame = contextTime * sampleRate;
    const ms = deps.timeOrigin + performanceTime - latencyMs;
    if (!settled(frame, ms) || chunkFrame - lastReadingFrame < sampleRate) return;
    lastReadingFrame = chunkFrame;
    const event = clock.observe(frame, ms);
    if (event) deps.log.info(`audio capture clock ${event.type}`, event);
  };

  // --- Sending: chunks wait briefly for credits (sendQueue.std.ts). ---
  interface QueuedChunk {
    pcm: Uint8Array;
    captureTimeMs: number;
  }
  const queue = createSendQueue<QueuedChunk>(MAX_QUEUED_CHUNKS);
  const sendQueued = () => {
    if (!media || !mediaOpen) return;
    const { sender } = media;
    queue.drain(
      () => sender.stats().credits > 0,
      ({ pcm, captureTimeMs }) =>
        sender.offer(
          { kind: 'audio-s16', width: AUDIO_CHANNELS, height: 0, sampleRate: AUDIO_SAMPLE_RATE, payloadBytes: CHUNK_BYTES, captureTimeMs },
          (payload) => payload.set(pcm),
        ),
    );
  };

  // --- Levels and sending figures, on a timer so a meter falls even when chunks stop. ---
  let microphonePeak = 0;
  let systemAudioPeak = 0;
  let levels: AudioLevels = { microphoneDb: METER_FLOOR_DB, systemAudioDb: METER_FLOOR_DB };
  let ticks = 0;
  let sentAtLastTick = 0;
  const levelTimer = setInterval(() => {
    const microphoneDb = settings.microphoneMuted ? METER_FLOOR_DB : meterStep(levels.microphoneDb, peakToDb(microphonePeak), LEVEL_INTERVAL_MS);
    const systemAudioDb = settings.systemAudio ? meterStep(levels.systemAudioDb, peakToDb(systemAudioPeak), LEVEL_INTERVAL_MS) : METER_FLOOR_DB;
    microphonePeak = 0;
    systemAudioPeak = 0;
    levels = { microphoneDb, systemAudioDb };
    events.onLevels(levels);
    sendQueued();
    ticks += 1;
    if (media && mediaOpen && ticks % SENDING_EVERY_TICKS === 0) {
      const stats = media.sender.stats();
      const figures = { sentSeconds: (stats.sent * CHUNK_FRAMES) / AUDIO_SAMPLE_RATE, droppedChunks: stats.dropped };
      const held = stats.sent === sentAtLastTick && queue.length >= MAX_QUEUED_CHUNKS;
      sentAtLastTick = stats.sent;
      update({ sending: { status: held ? 'held' : 'sending', ...figures } });
    }
  }, LEVEL_INTERVAL_MS);

  const onChunk = (event: MessageEvent<PcmTapChunk>) => {
    const chunk = event.data;
    if (chunk.microphonePeak > microphonePeak) microphonePeak = chunk.microphonePeak;
    if (chunk.systemAudioPeak > systemAudioPeak) systemAudioPeak = chunk.systemAudioPeak;
    readClock(chunk.firstFrame);
    const captureTimeMs = clock.timeOf(chunk.firstFrame);
    if (!media || !mediaOpen || captureTimeMs === null) return;
    const { sender } = media;
    // A chunk that waited too long is dropped as a skip: it keeps its sequence number, so the core counts it.
    queue.push({ pcm: new Uint8Array(chunk.pcm), captureTimeMs }, () => sender.skip('audio-s16'));
    sendQueued();
  };

  // --- Gains: applied at once, gliding. ---
  const applyGains = () => {
    const now = context.currentTime;
    microphoneGain.gain.setTargetAtTime(settings.microphoneMuted ? 0 : settings.microphoneGain, now, GAIN_TIME_CONSTANT_S);
    systemAudioGain.gain.setTargetAtTime(settings.systemAudio ? settings.systemAudioGain : 0, now, GAIN_TIME_CONSTANT_S);
  };

  // --- Devices ---
  const refreshDevices = async () => {
    try {
      const devices = (await deps.mediaDevices.enumerateDevices()).map(({ deviceId, kind, label }) => ({ deviceId, kind, label }));
      if (!stopped && JSON.stringify(devices) !== JSON.stringify(snapshot.devices)) update({ devices });
    } catch (error) {
      deps.log.warn('could not list audio devices', error);
    }
  };
  const onDeviceChange = () => {
    void refreshDevices().then(() => {
      if (stopped) return;
      const chosenIsBack = settings.microphoneId !== null && snapshot.microphone.status === 'live' && snapshot.microphone.note !== null && snapshot.devices.some((device) => device.deviceId === settings.microphoneId);
      if (microphoneRetryOnDeviceChange || chosenIsBack) void openMicrophone();
    });
  };
  deps.mediaDevices.addEventListener('devicechange', onDeviceChange);

  // --- Microphone ---
  async function openMicrophone(): Promise<void> {
    const generation = (microphoneGeneration += 1);
    release(microphone);
    microphone = null;
    microphoneRetryOnDeviceChange = false;
    update({ microphone: { status: 'starting' } });
    const wanted = settings;
    let stream: MediaStream;
    let note: string | null = null;
    try {
      try {
        stream = await deps.mediaDevices.getUserMedia(microphoneConstraints(wanted, wanted.microphoneId));
      } catch (error) {
        const { name } = failureOf(error);
        if (wanted.microphoneId === null || (name !== 'OverconstrainedError' && name !== 'NotFoundError')) throw error;
        // Device ids are per origin (and the browser studio's port changes between runs), and a
        // show should not go silent because a USB microphone is missing: use the default, say so.
        stream = await deps.mediaDevices.getUserMedia(microphoneConstraints(wanted, null));
        note = 'Your chosen microphone is not connected: using the system default until it is.';
      }
    } catch (error) {
      if (generation !== microphoneGeneration || stopped) return;
      const problem = describeMicrophoneProblem(failureOf(error));
      microphoneRetryOnDeviceChange = problem.retryOnDeviceChange;
      deps.log.warn('microphone failed', failureOf(error));
      update({ microphone: { status: 'failed', message: problem.message, problem: deviceProblemOf(failureOf(error).name) } });
      return;
    }
    const track = stream.getAudioTracks()[0];
    if (generation !== microphoneGeneration || stopped || !track) {
      stream.getTracks().forEach((each) => each.stop());
      return;
    }
    const source = context.createMediaStreamSource(stream);
    source.connect(microphoneGain);
    microphone = { stream, track, source, latency: latencyOf(track) };
    track.addEventListener('ended', () => {
      if (microphone?.track !== track || stopped) return;
      release(microphone);
      microphone = null;
      microphoneRetryOnDeviceChange = true;
      deps.log.warn('microphone ended', { label: track.label });
      update({ microphone: { status: 'failed', message: describeMicrophoneProblem({ kind: 'ended' }).message, problem: 'disconnected' } });
    });
    // Labels appear once the microphone is allowed.
    await refreshDevices();
    if (generation !== microphoneGeneration || stopped) return;
    const label = deviceLabel(snapshot.devices, track.getSettings().deviceId) ?? (track.label || 'Microphone');
    update({ microphone: { status: 'live', label, note } });
  }

  // --- System audio ---
  function syncSystemAudio(): void {
    if (!deps.systemAudio.supported) return;
    if (!settings.systemAudio) {
      systemAudioGeneration += 1;
      release(systemAudio);
      systemAudio = null;
      if (snapshot.systemAudio.status !== 'off') update({ systemAudio: { status: 'off' } });
      return;
    }
    // On, but nothing captured and nothing to say yet (at start): it needs the merchant's click.
    if (!systemAudio && snapshot.systemAudio.status === 'off') update({ systemAudio: { status: 'needs-click' } });
  }

  async function startSystemAudio(): Promise<void> {
    if (!deps.systemAudio.supported || stopped || systemAudio) return;
    const generation = (systemAudioGeneration += 1);
    update({ systemAudio: { status: 'starting' } });
    let stream: MediaStream;
    try {
      // Chromium shares sound only along with a picture: ask for both, keep only the sound.
      const options: DisplayMediaStreamOptions & Record<string, unknown> = {
        video: true,
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
        systemAudio: 'include',
        selfBrowserSurface: 'exclude',
      };
      stream = await deps.mediaDevices.getDisplayMedia(options);
    } catch (error) {
      if (generation !== systemAudioGeneration || stopped) return;
      deps.log.warn('system audio refused', failureOf(error));
      update({ systemAudio: { status: 'failed', message: describeSystemAudioProblem(failureOf(error)) } });
      return;
    }
    stream.getVideoTracks().forEach((track) => track.stop());
    const track = stream.getAudioTracks()[0];
    if (generation !== systemAudioGeneration || stopped) {
      stream.getTracks().forEach((each) => each.stop());
      return;
    }
    if (!track) {
      update({ systemAudio: { status: 'failed', message: describeSystemAudioProblem({ kind: 'no-audio-track' }) } });
      return;
    }
    const source = context.createMediaStreamSource(stream);
    source.connect(systemAudioGain);
    systemAudio = { stream, track, source, latency: latencyOf(track) };
    track.addEventListener('ended', () => {
      if (systemAudio?.track !== track || stopped) return;
      release(systemAudio);
      systemAudio = null;
      update({ systemAudio: { status: 'failed', message: describeSystemAudioProblem({ kind: 'ended' }) } });
    });
    update({ systemAudio: { status: 'live', label: track.label || 'Shared sound' } });
  }

  // --- The context, the tap and the media connection ---

  async function boot(): Promise<void> {
    try {
      await context.audioWorklet.addModule(deps.workletUrl);
    } catch (error) {
      if (stopped) return;
      deps.log.warn('the audio worklet did not load', error);
      update({ engine: { status: 'failed', message: `The audio engine did not load (${failureOf(error).detail || failureOf(error).name}).` } });
      return;
    }
    if (stopped) return;
    tap = deps.createTap(context);
    tap.port.onmessage = onChunk;
    bus.connect(tap, 0, pcmTapInputs.program);
    microphoneGain.connect(tap, 0, pcmTapInputs.microphone);
    systemAudioGain.connect(tap, 0, pcmTapInputs.systemAudio);
  }

  async function connect(): Promise<void> {
    let connection: MediaConnection;
    try {
      connection = await deps.openMedia();
      if (stopped) {
        connection.close();
        return;
      }
      media = connection;
      await connection.opened;
    } catch (error) {
      if (stopped) return;
      deps.log.warn('audio media connection failed', error);
      update({ sending: { status: 'not-sending', message: 'The studio refused the audio connection: reload the page.' } });
      return;
    }
    if (stopped) return;
    mediaOpen = true;
    update({ sending: { status: 'sending', sentSeconds: 0, droppedChunks: 0 } });
    void connection.closed.then(() => {
      mediaOpen = false;
      if (!stopped) update({ sending: { status: 'not-sending', message: 'The audio connection to the studio closed.' } });
    });
  }

  applyGains();
  syncSystemAudio();
  onStateChange();
  void boot();
  void connect();
  void openMicrophone();

  return {
    apply(next) {
      if (stopped) return;
      const previous = settings;
      settings = next;
      applyGains();
      if (microphoneKey(previous) !== microphoneKey(next)) void openMicrophone();
      if (previous.systemAudio !== next.systemAudio) syncSystemAudio();
    },
    startSystemAudio,
    retryMicrophone: () => void openMicrophone(),
    async resume() {
      if (!stopped) await context.resume();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(levelTimer);
      cancelGesture?.();
      queue.clear();
      deps.mediaDevices.removeEventListener('devicechange', onDeviceChange);
      context.removeEventListener('statechange', onStateChange);
      microphoneGeneration += 1;
      systemAudioGeneration += 1;
      release(microphone);
      release(systemAudio);
      microphone = null;
      systemAudio = null;
      if (tap) {
        tap.port.onmessage = null;
        tap.port.postMessage({ type: 'stop' } satisfies ToPcmTap);
        tap.disconnect();
      }
      bus.disconnect();
      media?.close();
      mediaOpen = false;
      update({ engine: { status: 'stopped' } });
      await context.close().catch(() => undefined);
    },
  };
}
