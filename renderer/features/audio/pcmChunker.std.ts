// Turns the audio graph's render quanta (128 frames of planar float32) into the media channel's
// audio chunks: interleaved s16le stereo, 960 frames (20 ms at 48 kHz), each with the context
// frame of its first sample. Runs in the AudioWorklet, so it allocates only one buffer per chunk
// (which is then transferred to the page, not copied).

export const AUDIO_SAMPLE_RATE = 48_000;
export const AUDIO_CHANNELS = 2;
export const CHUNK_FRAMES = 960;
export const CHUNK_BYTES = CHUNK_FRAMES * AUDIO_CHANNELS * 2;

export interface PcmChunk {
  /** The context frame (AudioWorkletGlobalScope.currentFrame timeline) of the first sample. */
  firstFrame: number;
  /** Interleaved s16, `frames × channels` samples. */
  pcm: Int16Array;
  /** Peak absolute sample of the program in this chunk, 0..1 (before s16 clipping). */
  programPeak: number;
  /** Peak of each metered input over the quanta that started in this chunk, 0..1. */
  meterPeaks: number[];
}

/** The largest absolute sample across channels; 0 for no channels (an unconnected input). */
export function peakOf(planes: readonly Float32Array[]): number {
  let peak = 0;
  for (const plane of planes) {
    for (let index = 0; index < plane.length; index += 1) {
      const value = Math.abs(plane[index] ?? 0);
      if (value > peak) peak = value;
    }
  }
  return peak;
}

/** float [-1, 1] → s16, clipped; NaN (a broken node upstream) becomes silence. */
export function floatToS16(value: number): number {
  if (Number.isNaN(value)) return 0;
  const clipped = value > 1 ? 1 : value < -1 ? -1 : value;
  return Math.round(clipped * 32767);
}

export interface PcmChunker {
  /**
   * Takes one quantum: `program` is the mixed signal (0 channels = silence, 1 = mono, sent to both
   * sides, 2+ = the first two), `startFrame` the context frame of its first sample, `meters` the
   * quantum's planes of each metered input. Calls `emit` for every chunk it completes.
   */
  write(program: readonly Float32Array[], startFrame: number, meters: readonly (readonly Float32Array[])[], emit: (chunk: PcmChunk) => void): void;
}

export function createPcmChunker(meterCount: number, framesPerChunk = CHUNK_FRAMES): PcmChunker {
  let pcm = new Int16Array(framesPerChunk * AUDIO_CHANNELS);
  let filled = 0;
  let firstFrame = 0;
  let programPeak = 0;
  let meterPeaks = new Array<number>(meterCount).fill(0);

  return {
    write(program, startFrame, meters, emit) {
      const left = program[0];
      const right = program[1] ?? left;
      const frames = left?.length ?? meters.find((planes) => planes[0])?.[0]?.length ?? 128;
      for (let meter = 0; meter < meterCount; meter += 1) {
        const peak = peakOf(meters[meter] ?? []);
        if (peak > (meterPeaks[meter] ?? 0)) meterPeaks[meter] = peak;
      }
      for (let frame = 0; frame < frames; frame += 1) {
        if (filled === 0) firstFrame = startFrame + frame;
        const l = left ? (left[frame] ?? 0) : 0;
        const r = right ? (right[frame] ?? 0) : 0;
        const magnitude = Math.max(Math.abs(l), Math.abs(r));
        if (magnitude > programPeak) programPeak = magnitude;
        pcm[filled * 2] = floatToS16(l);
        pcm[filled * 2 + 1] = floatToS16(r);
        filled += 1;
        if (filled === framesPerChunk) {
          emit({ firstFrame, pcm, programPeak, meterPeaks });
          pcm = new Int16Array(framesPerChunk * AUDIO_CHANNELS);
          filled = 0;
          programPeak = 0;
          meterPeaks = new Array<number>(meterCount).fill(0);
        }
      }
    },
  };
}
