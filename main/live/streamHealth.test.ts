import { describe, expect, it } from 'vitest';
import type { FfmpegProgress } from '../ffmpeg/ffmpegProgress.std';
import { healthOf } from './streamHealth.std';

const block = (frame: number, totalSizeBytes: number, speed: number, dupFrames = 0): FfmpegProgress => ({
  frame,
  fps: 29.9,
  bitrateKbps: 2400,
  totalSizeBytes,
  outTimeUs: frame * 33_333,
  dupFrames,
  dropFrames: 0,
  speed,
  ended: false,
});

describe('healthOf', () => {
  it('reports rates over the last second', () => {
    const health = healthOf([block(30, 300_000, 1), block(60, 612_500, 1)], 'libx264', false, 30);
    expect(health).toEqual({ fps: 30, bitrateKbps: 2500, speed: 1, droppedFrames: 0, duplicatedFrames: 0, encoder: 'libx264', warning: null });
  });

  it('warns with the fix when the encoder falls behind', () => {
    const recent = [block(30, 1, 0.8), block(54, 2, 0.8), block(78, 3, 0.8)];
    expect(healthOf(recent, 'libx264', true, 30).warning).toBe(
      'The encoder cannot keep up (0.80× real time): close other programs, or lower the output to 720p; a computer with a hardware H.264 encoder does this for far less.',
    );
    // Already at 720p: no advice to lower it.
    expect(healthOf(recent, 'h264_nvenc', false, 30).warning).toBe('The encoder cannot keep up (0.80× real time): close other programs.');
  });

  it('warns when the program arrives late', () => {
    const health = healthOf([block(30, 1, 1, 0), block(60, 2, 1, 9)], 'libx264', false, 30);
    expect(health.warning).toBe('9 of 30 frames came late from the compositor in the last second: close other programs.');
    // 21 new pictures in the second's 30 frames.
    expect(health.fps).toBe(21);
    expect(health.duplicatedFrames).toBe(9);
  });
});
