import { describe, expect, it, vi } from 'vitest';
import { startAudioEngine, type AudioEngineDeps } from './audioEngine.dom';
import { defaultAudioSettings } from '../../../contract/schemas/settings.std';
import { FakeTrack, FakeStream, FakeTap, FakeContext, domError, type MicBehaviour, type Harness, start, stopAfterEachTest } from '../../../testing/audioEngineHarness';

// The engine's devices and shares with the browser replaced by small fakes (testing/audioEngineHarness):
// what it says when the browser refuses or a device comes and goes. The real graph runs in e2e/audio.spec.ts.

let harness: Harness;
stopAfterEachTest(() => harness);

describe('startAudioEngine: devices, shares and stopping', () => {
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
