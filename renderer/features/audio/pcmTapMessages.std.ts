// Between the page and the PCM tap worklet (pcmTap.worklet.ts).

export const PCM_TAP_PROCESSOR = 'shopcast-pcm-tap';

/** The tap's inputs: the program bus (sent), then the inputs it only meters. */
export const pcmTapInputs = { program: 0, microphone: 1, systemAudio: 2 } as const;
export const PCM_TAP_INPUT_COUNT = 3;

/** One 20 ms chunk: interleaved s16 stereo in `pcm` (transferred, not copied). */
export interface PcmTapChunk {
  type: 'chunk';
  firstFrame: number;
  pcm: ArrayBuffer;
  programPeak: number;
  microphonePeak: number;
  systemAudioPeak: number;
}

export type ToPcmTap = { type: 'stop' };
