import { describe, expect, it } from 'vitest';
import { alphaRuns, blendI420A, i420Planes, rgbaToI420A, type I420A } from './i420.std';
import { expectAll, flatFrame, solidRgba, within } from '../../../testing/i420Frames';


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

