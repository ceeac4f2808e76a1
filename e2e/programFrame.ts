import type { Page } from '@playwright/test';

export interface ProgramFrame {
  width: number;
  height: number;
  sequence: number;
  captureTime: number;
  bytes: Buffer;
  luma(x: number, y: number): number;
  chroma(x: number, y: number): { u: number; v: number };
  /** Mean luma over a rectangle of output pixels. */
  meanLuma(x: number, y: number, width: number, height: number): number;
  /** Share of pixels in a rectangle brighter than `threshold`. */
  brightShare(x: number, y: number, width: number, height: number, threshold: number): number;
  /** Mean absolute luma difference from `other` over a rectangle: 0 where the two show the same picture. */
  differenceFrom(other: ProgramFrame, x: number, y: number, width: number, height: number): number;
}

/** The newest program frame as the core received it (raw I420 from /program/frame.i420). */
export async function programFrame(page: Page, origin: string): Promise<ProgramFrame | null> {
  const response = await page.request.get(`${origin}/program/frame.i420`);
  if (response.status() !== 200) return null;
  const headers = response.headers();
  const width = Number(headers['x-frame-width']);
  const height = Number(headers['x-frame-height']);
  const bytes = await response.body();
  const luma = (x: number, y: number) => bytes[y * width + x] ?? -1;
  const chromaAt = (plane: number, x: number, y: number) => bytes[width * height + plane * (width >> 1) * (height >> 1) + (y >> 1) * (width >> 1) + (x >> 1)] ?? -1;
  const region = (x: number, y: number, w: number, h: number, visit: (value: number) => void) => {
    for (let row = y; row < y + h; row += 1) for (let column = x; column < x + w; column += 1) visit(luma(column, row));
  };
  return {
    width,
    height,
    sequence: Number(headers['x-frame-sequence']),
    captureTime: Number(headers['x-frame-capture-time']),
    bytes,
    luma,
    chroma: (x, y) => ({ u: chromaAt(0, x, y), v: chromaAt(1, x, y) }),
    meanLuma(x, y, w, h) {
      let sum = 0;
      region(x, y, w, h, (value) => (sum += value));
      return sum / (w * h);
    },
    differenceFrom(other, x, y, w, h) {
      let sum = 0;
      let index = 0;
      region(x, y, w, h, (value) => {
        sum += Math.abs(value - other.luma(x + (index % w), y + Math.floor(index / w)));
        index += 1;
      });
      return sum / (w * h);
    },
    brightShare(x, y, w, h, threshold) {
      let bright = 0;
      region(x, y, w, h, (value) => (bright += value > threshold ? 1 : 0));
      return bright / (w * h);
    },
  };
}
