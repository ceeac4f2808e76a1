import { describe, expect, it } from 'vitest';
import {
  blendI420A,
  chromaUOf,
  chromaVOf,
  deinterleaveChroma,
  i420Planes,
  lumaOf,
  rgbaToI420,
  rgbaToI420A,
  type I420A,
  type I420Planes,
  alphaRuns,
} from './i420.std';

type Rgba = readonly [number, number, number, number];

function solidRgba(width: number, height: number, [r, g, b, a]: Rgba): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let index = 0; index < width * height; index += 1) data.set([r, g, b, a], index * 4);
  return data;
}

function planesFor(width: number, height: number): I420Planes {
  return i420Planes(new Uint8Array((width * height * 3) / 2), width, height);
}

function convert(width: number, height: number, rgba: Uint8ClampedArray): I420Planes {
  const planes = planesFor(width, height);
  rgbaToI420(rgba, planes);
  return planes;
}

/** A frame filled with one Y, U, V. */
function flatFrame(width: number, height: number, y: number, u = 128, v = 128): I420Planes {
  const planes = planesFor(width, height);
  planes.y.fill(y);
  planes.u.fill(u);
  planes.v.fill(v);
  return planes;
}

const expectAll = (plane: Uint8Array, value: number) => expect([...new Set(plane)]).toEqual([value]);
const within = (actual: number, expected: number, tolerance = 1) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);

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

/** An overlay built by hand: Y per pixel from `luma`, flat chroma, one alpha. */
function overlayOf(width: number, height: number, luma: (x: number, y: number) => number, alpha: number, u = 128, v = 128): I420A {
  const y = new Uint8Array(width * height);
  for (let row = 0; row < height; row += 1) for (let column = 0; column < width; column += 1) y[row * width + column] = luma(column, row);
  const chroma = (width >> 1) * (height >> 1);
  const lumaAlpha = new Uint8Array(width * height).fill(alpha);
  const chromaAlpha = new Uint8Array(chroma).fill(alpha);
  return {
    width,
    height,
    y,
    u: new Uint8Array(chroma).fill(u),
    v: new Uint8Array(chroma).fill(v),
    alpha: lumaAlpha,
    chromaAlpha,
    opaque: alpha === 255,
    lumaRuns: alphaRuns(lumaAlpha, width, height),
    chromaRuns: alphaRuns(chromaAlpha, width >> 1, height >> 1),
  };
}

/** Checks every sample of a plane: inside [x0, x1) × [y0, y1) against `inside`, elsewhere unchanged. */
function expectRegion(
  plane: Uint8Array,
  width: number,
  height: number,
  [x0, y0, x1, y1]: readonly [number, number, number, number],
  inside: (x: number, y: number) => number,
  outside: number,
) {
  const actual: number[][] = [];
  const expected: number[][] = [];
  for (let row = 0; row < height; row += 1) {
    actual.push([...plane.subarray(row * width, (row + 1) * width)]);
    const line: number[] = [];
    for (let column = 0; column < width; column += 1) {
      line.push(column >= x0 && column < x1 && row >= y0 && row < y1 ? inside(column, row) : outside);
    }
    expected.push(line);
  }
  expect(actual).toEqual(expected);
}

describe('blendI420A', () => {
  it('copies an opaque overlay exactly, luma and chroma, and nothing outside it', () => {
    const frame = flatFrame(8, 8, 16);
    const red = rgbaToI420A(solidRgba(4, 4, [255, 0, 0, 255]), 4, 4);
    blendI420A(frame, red, 2, 4);
    expectRegion(frame.y, 8, 8, [2, 4, 6, 8], () => 82, 16);
    expectRegion(frame.u, 4, 4, [1, 2, 3, 4], () => 90, 128);
    expectRegion(frame.v, 4, 4, [1, 2, 3, 4], () => 240, 128);
  });

  it('copies a patterned opaque overlay pixel for pixel', () => {
    const frame = flatFrame(8, 4, 0);
    const overlay = overlayOf(4, 2, (x, y) => 100 + y * 10 + x, 255);
    blendI420A(frame, overlay, 4, 2);
    expectRegion(frame.y, 8, 4, [4, 2, 8, 4], (x, y) => 100 + (y - 2) * 10 + (x - 4), 0);
  });

  it('mixes a 50 % alpha overlay halfway', () => {
    const frame = flatFrame(4, 4, 16, 128, 128);
    const white = rgbaToI420A(solidRgba(4, 4, [255, 255, 255, 128]), 4, 4);
    blendI420A(frame, white, 0, 0);
    for (const sample of frame.y) within(sample, (16 + 235) / 2);

    const grey = flatFrame(4, 4, 100, 128, 128);
    const red = rgbaToI420A(solidRgba(4, 4, [255, 0, 0, 128]), 4, 4);
    blendI420A(grey, red, 0, 0);
    for (const sample of grey.y) within(sample, (100 + 82) / 2);
    for (const sample of grey.u) within(sample, (128 + 90) / 2);
    for (const sample of grey.v) within(sample, (128 + 240) / 2);
  });

  it('scales by the opacity parameter', () => {
    const white = rgbaToI420A(solidRgba(4, 4, [255, 255, 255, 255]), 4, 4);
    for (const opacity of [0.25, 0.5, 0.75]) {
      const frame = flatFrame(4, 4, 16);
      blendI420A(frame, white, 0, 0, opacity);
      for (const sample of frame.y) within(sample, 16 + opacity * (235 - 16));
    }
    // Opacity multiplies the overlay's own alpha: 50 % × 50 % = 25 %.
    const halfWhite = rgbaToI420A(solidRgba(4, 4, [255, 255, 255, 128]), 4, 4);
    const frame = flatFrame(4, 4, 16);
    blendI420A(frame, halfWhite, 0, 0, 0.5);
    for (const sample of frame.y) within(sample, 16 + 0.25 * (235 - 16));
  });

  it('changes nothing at zero opacity or with a fully transparent overlay', () => {
    const white = rgbaToI420A(solidRgba(4, 4, [255, 255, 255, 255]), 4, 4);
    const frame = flatFrame(4, 4, 16, 100, 150);
    blendI420A(frame, white, 0, 0, 0);
    expectAll(frame.y, 16);
    expectAll(frame.u, 100);
    expectAll(frame.v, 150);

    blendI420A(frame, rgbaToI420A(solidRgba(4, 4, [255, 0, 0, 0]), 4, 4), 0, 0);
    expectAll(frame.y, 16);
    expectAll(frame.u, 100);
    expectAll(frame.v, 150);
  });

  it('blends per pixel: only where the overlay has alpha', () => {
    const rgba = solidRgba(4, 2, [255, 255, 255, 0]);
    rgba[(0 * 4 + 1) * 4 + 3] = 255; // (1, 0)
    rgba[(1 * 4 + 2) * 4 + 3] = 255; // (2, 1)
    const frame = flatFrame(4, 2, 16);
    blendI420A(frame, rgbaToI420A(rgba, 4, 2), 0, 0);
    expect([...frame.y]).toEqual([16, 235, 16, 16, 16, 16, 235, 16]);
  });

  describe('clips an overlay partly off the frame', () => {
    // Overlays whose luma says where each pixel came from: 10 × row + column + 1.
    const pattern = (x: number, y: number) => 10 * y + x + 1;

    for (const alpha of [255, 200]) {
      const mix = (under: number, over: number) => Math.trunc((under * (255 - alpha) + over * alpha + 127) / 255);
      const label = alpha === 255 ? 'opaque' : 'translucent';

      it.each([
        ['negative left and top', -2, -2, 4],
        ['negative left only', -2, 2, 4],
        ['past the right edge', 6, 0, 4],
        ['past the bottom edge', 2, 6, 4],
        ['past the right and bottom edges', 6, 6, 4],
        ['larger than the frame, past every edge', -2, -4, 12],
      ])(`${label}: %s`, (_name, left, top, size) => {
        const frame = flatFrame(8, 8, 50, 60, 70);
        const overlay = overlayOf(size, size, pattern, alpha, 200, 210);
        expect(() => blendI420A(frame, overlay, left, top)).not.toThrow();
        const region = [Math.max(0, left), Math.max(0, top), Math.min(8, left + size), Math.min(8, top + size)] as const;
        expectRegion(frame.y, 8, 8, region, (x, y) => mix(50, pattern(x - left, y - top)), 50);
        const chromaRegion = region.map((edge) => edge >> 1) as unknown as typeof region;
        expectRegion(frame.u, 4, 4, chromaRegion, () => mix(60, 200), 60);
        expectRegion(frame.v, 4, 4, chromaRegion, () => mix(70, 210), 70);
      });
    }

    it('does nothing, without throwing, when the overlay is wholly outside', () => {
      const frame = flatFrame(8, 8, 50);
      const overlay = overlayOf(4, 4, pattern, 255);
      for (const [left, top] of [
        [-4, 0],
        [8, 0],
        [0, -4],
        [0, 8],
        [-100, -100],
        [100, 100],
      ] as const) {
        expect(() => blendI420A(frame, overlay, left, top)).not.toThrow();
      }
      expectAll(frame.y, 50);
      expectAll(frame.u, 128);
      expectAll(frame.v, 128);
    });

    it('writes nothing outside the planes when they share one buffer', () => {
      const width = 8;
      const height = 8;
      const size = (width * height * 3) / 2;
      const buffer = new Uint8Array(size + 32).fill(9);
      const frame = i420Planes(buffer.subarray(16, 16 + size), width, height);
      frame.y.fill(50);
      frame.u.fill(60);
      frame.v.fill(70);
      for (const [left, top] of [
        [-2, -2],
        [6, 6],
        [-2, 6],
        [6, -2],
      ] as const) {
        blendI420A(frame, overlayOf(4, 4, pattern, 255, 1, 2), left, top);
        blendI420A(frame, overlayOf(4, 4, pattern, 128, 1, 2), left, top);
      }
      expect([...buffer.subarray(0, 16), ...buffer.subarray(16 + size)]).toEqual(new Array(32).fill(9));
      // The centre of each plane was never covered.
      expect(frame.y[3 * width + 3]).toBe(50);
      expect(frame.u[1 * 4 + 1]).toBe(60);
      expect(frame.v[2 * 4 + 2]).toBe(70);
    });
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
