import { connectMedia, requestMediaTransport } from '../../media/mediaTransport.dom';
import type { AudioEngineDeps } from './audioEngine.dom';
import { AUDIO_CHANNELS, AUDIO_SAMPLE_RATE } from './pcmChunker.std';
import { PCM_TAP_INPUT_COUNT, PCM_TAP_PROCESSOR } from './pcmTapMessages.std';
import workletUrl from './pcmTap.worklet.ts?worker&url';

/** The browser's real objects for the engine. */
export function browserAudioDeps(): AudioEngineDeps {
  const inElectron = window.shopcast !== undefined;
  const canShare = typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  return {
    mediaDevices: navigator.mediaDevices,
    createContext: () => new AudioContext({ sampleRate: AUDIO_SAMPLE_RATE, latencyHint: 'interactive' }),
    workletUrl,
    createTap: (context) =>
      new AudioWorkletNode(context, PCM_TAP_PROCESSOR, {
        numberOfInputs: PCM_TAP_INPUT_COUNT,
        // No outputs: nothing is played back (no echo of the merchant's own voice); Chromium
        // still runs a node without outputs every quantum.
        numberOfOutputs: 0,
        channelCount: AUDIO_CHANNELS,
        channelCountMode: 'explicit',
        channelInterpretation: 'speakers',
      }),
    openMedia: async () => connectMedia(await requestMediaTransport()),
    // The Electron edge does not answer getDisplayMedia yet (it needs a display-media request handler in main).
    systemAudio: inElectron
      ? { supported: false, reason: 'Not available in the desktop app yet.' }
      : canShare
        ? { supported: true }
        : { supported: false, reason: "This browser cannot share the computer's sound." },
    timeOrigin: performance.timeOrigin,
    onNextGesture: (act) => {
      // Already clicked on (before the engine started): resume() is allowed now.
      if (navigator.userActivation?.hasBeenActive) queueMicrotask(act);
      const events = ['pointerdown', 'keydown'] as const;
      const once = () => {
        events.forEach((type) => window.removeEventListener(type, once, true));
        act();
      };
      events.forEach((type) => window.addEventListener(type, once, true));
      return () => events.forEach((type) => window.removeEventListener(type, once, true));
    },
    log: console,
  };
}
