import { describe, expect, it } from 'vitest';
import { CHUNK_FRAMES, createPcmChunker, floatToS16, peakOf, type PcmChunk } from './pcmChunker.std';

const QUANTUM = 128;
const plane = (values: (index: number) => number) => Float32Array.from({ length: QUANTUM }, (_, index) => values(index));

describe('createPcmChunker', () => {
  it('cuts render quanta into 960-frame interleaved chunks stamped with their first frame', () => {
    const chunker = createPcmChunker(0);
    const chunks: PcmChunk[] = [];
    const start = 1024;
    // 15 quanta = 1920 frames = exactly two chunks; the sample value encodes its frame number.
    for (let quantum = 0; quantum < 15; quantum += 1) {
      const frame0 = quantum * QUANTUM;
      const left = plane((index) => ((frame0 + index) % 1000) / 1000);
      const right = plane((index) => -((frame0 + index) % 1000) / 1000);
      chunker.write([left, right], start + frame0, [], (chunk) => chunks.push(chunk));
    }
    expect(chunks.map((chunk) => chunk.firstFrame)).toEqual([start, start + CHUNK_FRAMES]);
    const second = chunks[1]?.pcm ?? new Int16Array();
    expect(second).toHaveLength(CHUNK_FRAMES * 2);
    // Frame 960 of the stream (the second chunk's first): left then right.
    expect([second[0], second[1]]).toEqual([floatToS16(960 / 1000), floatToS16(-960 / 1000)]);
    expect([second[2 * 39], second[2 * 39 + 1]]).toEqual([floatToS16(999 / 1000), floatToS16(-999 / 1000)]);
    expect([second[2 * 40], second[2 * 40 + 1]]).toEqual([0, 0]);
    // Each chunk has its own buffer (the previous one was transferred away).
    expect(chunks[0]?.pcm.buffer).not.toBe(chunks[1]?.pcm.buffer);
  });

  it('sends mono to both sides and an unconnected input as silence', () => {
    const chunker = createPcmChunker(0, 128);
    const chunks: PcmChunk[] = [];
    chunker.write([plane(() => 0.5)], 0, [], (chunk) => chunks.push(chunk));
    chunker.write([], 128, [], (chunk) => chunks.push(chunk));
    expect(Array.from(chunks[0]?.pcm.subarray(0, 4) ?? [])).toEqual([16384, 16384, 16384, 16384]);
    expect(chunks[0]?.programPeak).toBe(0.5);
    expect(chunks[1]).toMatchObject({ firstFrame: 128, programPeak: 0 });
    expect(chunks[1]?.pcm.every((sample) => sample === 0)).toBe(true);
  });

  it('keeps the peak of each metered input per chunk, then starts again', () => {
    const chunker = createPcmChunker(2, 256);
    const chunks: PcmChunk[] = [];
    const silence = plane(() => 0);
    chunker.write([silence, silence], 0, [[plane((index) => (index === 5 ? -0.8 : 0.1))], []], (chunk) => chunks.push(chunk));
    chunker.write([silence, silence], 128, [[plane(() => 0.2)], [plane(() => 0.3), plane(() => 0.4)]], (chunk) => chunks.push(chunk));
    chunker.write([silence, silence], 256, [[plane(() => 0.05)], []], (chunk) => chunks.push(chunk));
    chunker.write([silence, silence], 384, [[plane(() => 0.05)], []], (chunk) => chunks.push(chunk));
    expect(chunks.map((chunk) => chunk.meterPeaks.map((peak) => Math.round(peak * 100) / 100))).toEqual([
      [0.8, 0.4],
      [0.05, 0],
    ]);
  });
});

describe('floatToS16 and peakOf', () => {
  it('clips, rounds and silences NaN', () => {
    expect([1, -1, 1.5, -7, 0, 0.5, Number.NaN].map(floatToS16)).toEqual([32767, -32767, 32767, -32767, 0, 16384, 0]);
  });

  it('finds the largest magnitude in any channel', () => {
    expect(peakOf([])).toBe(0);
    expect(peakOf([Float32Array.of(0.1, -0.9), Float32Array.of(0.5)])).toBeCloseTo(0.9, 6);
  });
});
