import type { DeviceProblem } from '../../media/deviceProblem.std';
import type { DeviceLike } from './audioDevices.std';
// What the audio engine reports to the mixer: each part's state, the devices, and the levels.

export type EngineState =
  | { status: 'starting' }
  | { status: 'running' }
  /** The browser's autoplay policy holds the context until the merchant clicks. */
  | { status: 'suspended' }
  | { status: 'failed'; message: string }
  | { status: 'stopped' };

export type MicrophoneState =
  | { status: 'starting' }
  /** `note`: live, but not quite as chosen (the chosen microphone is missing: the default is used). */
  | { status: 'live'; label: string; note: string | null }
  | { status: 'failed'; message: string; problem?: DeviceProblem };

export type SystemAudioState =
  | { status: 'off' }
  | { status: 'unsupported'; reason: string }
  /** On in the settings, but browsers ask for the screen's sound only from a click. */
  | { status: 'needs-click' }
  | { status: 'starting' }
  | { status: 'live'; label: string }
  | { status: 'failed'; message: string };

export type SendingState =
  | { status: 'connecting' }
  | { status: 'sending'; sentSeconds: number; droppedChunks: number }
  /** Connected, but the core has taken nothing for a second: it takes sound from one window at a time. */
  | { status: 'held'; sentSeconds: number; droppedChunks: number }
  | { status: 'not-sending'; message: string };

export interface AudioSnapshot {
  engine: EngineState;
  microphone: MicrophoneState;
  systemAudio: SystemAudioState;
  sending: SendingState;
  devices: readonly DeviceLike[];
}

export interface AudioLevels {
  /** dBFS after gain and mute, METER_FLOOR_DB..0. */
  microphoneDb: number;
  systemAudioDb: number;
}

export const initialAudioSnapshot: AudioSnapshot = {
  engine: { status: 'starting' },
  microphone: { status: 'starting' },
  systemAudio: { status: 'off' },
  sending: { status: 'connecting' },
  devices: [],
};
