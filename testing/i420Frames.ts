import { expect } from 'vitest';
import { i420Planes, rgbaToI420, type I420Planes } from '../renderer/features/compositor/i420.std';

// Frames and checks shared by the I420 conversion and blending tests.

export type Rgba = readonly [number, number, number, number];

export function solidRgba(width: number, height: number, [r, g, b, a]: Rgba): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let index = 0; index < width * height; index += 1) data.set([r, g, b, a], index * 4);
  return data;
}

export function planesFor(width: number, height: number): I420Planes {
  return i420Planes(new Uint8Array((width * height * 3) / 2), width, height);
}

export function convert(width: number, height: number, rgba: Uint8ClampedArray): I420Planes {
  const planes = planesFor(width, height);
  rgbaToI420(rgba, planes);
  return planes;
}

/** A frame filled with one Y, U, V. */
export function flatFrame(width: number, height: number, y: number, u = 128, v = 128): I420Planes {
  const planes = planesFor(width, height);
  planes.y.fill(y);
  planes.u.fill(u);
  planes.v.fill(v);
  return planes;
}

export const expectAll = (plane: Uint8Array, value: number) => expect([...new Set(plane)]).toEqual([value]);
export const within = (actual: number, expected: number, tolerance = 1) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);

