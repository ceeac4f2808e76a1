import { describe, expect, it } from 'vitest';
import { chromaUOf, chromaVOf, deinterleaveChroma, i420Planes, lumaOf, rgbaToI420, rgbaToI420A, alphaRuns } from './i420.std';
import { convert, expectAll, planesFor, solidRgba, within, type Rgba } from '../../../testing/i420Frames';

describe('i420Planes', () => {
  it('views Y, then U, then V, packed one after another in the buffer', () => {
    const buffer = new Uint8Array((8 * 6 * 3) / 2);
    const planes = i420Planes(buffer, 8, 6);
    expect(planes.width).toBe(8);
    expect(planes.height).toBe(6);
    expect(planes.y.length).toBe(48);
    expect(planes.u.length).toBe(12);
    expect(planes.v.length).toBe(12);
    expect(planes.y.byteOffset).toBe(0);
    expect(planes.u.byteOffset).toBe(48);
    expect(planes.v.byteOffset).toBe(60);
    expect(planes.y.buffer).toBe(buffer.buffer);
  });

  it('shares memory with the buffer (views, not copies)', () => {
    const buffer = new Uint8Array((4 * 4 * 3) / 2);
    const planes = i420Planes(buffer, 4, 4);
    planes.y[15] = 1;
    planes.u[0] = 2;
    planes.v[3] = 3;
    expect(buffer[15]).toBe(1);
    expect(buffer[16]).toBe(2);
    expect(buffer[23]).toBe(3);
  });

  it('respects the byte offset of a buffer that is itself a view', () => {
    const backing = new Uint8Array(100);
    const planes = i420Planes(backing.subarray(10, 10 + 24), 4, 4);
    expect(planes.y.byteOffset).toBe(10);
    expect(planes.u.byteOffset).toBe(26);
    expect(planes.v.byteOffset).toBe(30);
  });
});

describe('rgbaToI420 (BT.601 limited range)', () => {
  it.each<[string, Rgba, number, number, number]>([
    ['white', [255, 255, 255, 255], 235, 128, 128],
    ['black', [0, 0, 0, 255], 16, 128, 128],
    ['red', [255, 0, 0, 255], 82, 90, 240],
    ['green', [0, 255, 0, 255], 145, 54, 34],
    ['blue', [0, 0, 255, 255], 41, 240, 110],
  ])('converts pure %s', (_name, colour, y, u, v) => {
    const planes = convert(4, 4, solidRgba(4, 4, colour));
    for (const sample of planes.y) within(sample, y);
    for (const sample of planes.u) within(sample, u);
    for (const sample of planes.v) within(sample, v);
  });

  it('gives white, black and red exactly the FFmpeg values', () => {
    const white = convert(2, 2, solidRgba(2, 2, [255, 255, 255, 255]));
    expect([white.y[0], white.u[0], white.v[0]]).toEqual([235, 128, 128]);
    const black = convert(2, 2, solidRgba(2, 2, [0, 0, 0, 255]));
    expect([black.y[0], black.u[0], black.v[0]]).toEqual([16, 128, 128]);
    const red = convert(2, 2, solidRgba(2, 2, [255, 0, 0, 255]));
    expect([red.y[0], red.u[0], red.v[0]]).toEqual([82, 90, 240]);
  });

  it('ignores alpha', () => {
    const planes = convert(2, 2, solidRgba(2, 2, [255, 0, 0, 0]));
    expect([planes.y[0], planes.u[0], planes.v[0]]).toEqual([82, 90, 240]);
  });

  it("takes each pixel's own luma and each 2×2 block's average colour for chroma", () => {
    // Four 2×2 blocks, each of four different colours.
    const blocks: Rgba[][] = [
      [
        [255, 255, 255, 255],
        [255, 255, 255, 255],
        [0, 0, 0, 255],
        [0, 0, 0, 255],
      ],
      [
        [255, 0, 0, 255],
        [0, 255, 0, 255],
        [255, 0, 0, 255],
        [0, 255, 0, 255],
      ],
      [
        [0, 0, 255, 255],
        [0, 0, 255, 255],
        [0, 0, 255, 255],
        [255, 255, 0, 255],
      ],
      [
        [10, 20, 30, 255],
        [40, 50, 60, 255],
        [70, 80, 90, 255],
        [100, 110, 121, 255],
      ],
    ];
    const width = 4;
    const rgba = new Uint8ClampedArray(4 * 4 * 4);
    blocks.forEach((block, blockIndex) => {
      const bx = (blockIndex % 2) * 2;
      const by = Math.floor(blockIndex / 2) * 2;
      block.forEach((colour, pixel) => rgba.set(colour, ((by + (pixel >> 1)) * width + bx + (pixel & 1)) * 4));
    });
    const planes = convert(4, 4, rgba);

    blocks.forEach((block, blockIndex) => {
      const bx = (blockIndex % 2) * 2;
      const by = Math.floor(blockIndex / 2) * 2;
      block.forEach(([r, g, b], pixel) => expect(planes.y[(by + (pixel >> 1)) * width + bx + (pixel & 1)]).toBe(lumaOf(r, g, b)));
      const average = (channel: 0 | 1 | 2) => block.reduce((sum, colour) => sum + colour[channel], 0) / 4;
      const [r, g, b] = [average(0), average(1), average(2)];
      within(planes.u[blockIndex] as number, chromaUOf(r, g, b));
      within(planes.v[blockIndex] as number, chromaVOf(r, g, b));
    });
    // Half white, half black averages to grey: no colour.
    expect([planes.u[0], planes.v[0]]).toEqual([128, 128]);
    // Red and green averaged: (128, 128, 0), a dark yellow.
    within(planes.u[1] as number, 72);
    within(planes.v[1] as number, 137);
    expect([planes.y[0], planes.y[1], planes.y[4], planes.y[5]]).toEqual([235, 235, 16, 16]);
  });

  it('writes only its planes when they sit in one buffer', () => {
    const buffer = new Uint8Array(((4 * 4 * 3) / 2) + 8).fill(7);
    const planes = i420Planes(buffer.subarray(4, 4 + 24), 4, 4);
    rgbaToI420(solidRgba(4, 4, [255, 255, 255, 255]), planes);
    expect([...buffer.subarray(0, 4), ...buffer.subarray(28)]).toEqual(new Array(8).fill(7));
    expectAll(planes.y, 235);
  });
});

describe('rgbaToI420A', () => {
  it('converts colour like rgbaToI420 and keeps alpha at full and chroma resolution', () => {
    const width = 4;
    const rgba = solidRgba(4, 2, [255, 0, 0, 255]);
    // Block 0: alphas 0, 255, 255, 255 → average 191; block 1: 10, 20, 30, 41 → 25.
    const alphas = [0, 255, 10, 20, 255, 255, 30, 41];
    alphas.forEach((alpha, index) => {
      rgba[index * 4 + 3] = alpha;
    });
    const overlay = rgbaToI420A(rgba, width, 2);
    expect(overlay.width).toBe(4);
    expect(overlay.height).toBe(2);
    expectAll(overlay.y, 82);
    expectAll(overlay.u, 90);
    expectAll(overlay.v, 240);
    expect([...overlay.alpha]).toEqual(alphas);
    expect([...overlay.chromaAlpha]).toEqual([191, 25]);
    expect(overlay.opaque).toBe(false);
  });

  it('is opaque only when every pixel has alpha 255', () => {
    expect(rgbaToI420A(solidRgba(4, 4, [1, 2, 3, 255]), 4, 4).opaque).toBe(true);
    const almost = solidRgba(4, 4, [1, 2, 3, 255]);
    almost[15 * 4 + 3] = 254;
    expect(rgbaToI420A(almost, 4, 4).opaque).toBe(false);
    expect(rgbaToI420A(solidRgba(4, 4, [1, 2, 3, 0]), 4, 4).opaque).toBe(false);
  });
});
describe('deinterleaveChroma', () => {
  it('splits UVUV… into U and V', () => {
    const uv = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const u = new Uint8Array(4);
    const v = new Uint8Array(4);
    deinterleaveChroma(uv, u, v);
    expect([...u]).toEqual([1, 3, 5, 7]);
    expect([...v]).toEqual([2, 4, 6, 8]);
  });

  it('fills I420 chroma planes from an NV12 frame', () => {
    const width = 4;
    const height = 4;
    const nv12 = new Uint8Array(width * height * 1.5);
    nv12.fill(16, 0, 16);
    for (let index = 16; index < nv12.length; index += 2) {
      nv12[index] = 90;
      nv12[index + 1] = 240;
    }
    const planes = planesFor(width, height);
    planes.y.set(nv12.subarray(0, 16));
    deinterleaveChroma(nv12.subarray(16), planes.u, planes.v);
    expectAll(planes.u, 90);
    expectAll(planes.v, 240);
  });
});

describe('alphaRuns', () => {
  it('lists the opaque and partly transparent runs of each row, leaving transparent pixels out', () => {
    const alpha = Uint8Array.from([0, 255, 255, 128, 0, 255, /* row 2 */ 0, 0, 0, 0, 0, 0]);
    const runs = alphaRuns(alpha, 6, 2);
    expect(Array.from(runs[0] ?? [])).toEqual([1, 3, 1, 3, 4, 2, 5, 6, 1]);
    expect(Array.from(runs[1] ?? [])).toEqual([]);
  });
});
