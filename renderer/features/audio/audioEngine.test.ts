import { describe, expect, it, vi } from 'vitest';
import { defaultAudioSettings } from '../../../contract/schemas/settings.std';
import { TIME_ORIGIN, type Harness, start, stopAfterEachTest } from '../../../testing/audioEngineHarness';

// The engine's microphone path with the browser replaced by small fakes (testing/audioEngineHarness):
// what it asks for, what it sends and meters. The real graph runs in e2e/audio.spec.ts.

let harness: Harness;
stopAfterEachTest(() => harness);

describe('startAudioEngine: the microphone, its chunks and levels', () => {
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
});
