import { describe, expect, it } from 'vitest';
import { coversWholeOutput, fitInto, toPixels, type PixelRect } from './layout.std';

describe('toPixels', () => {
  it('maps the full frame to the whole output', () => {
    expect(toPixels({ x: 0, y: 0, width: 1, height: 1 }, 1280, 720)).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });

  it('snaps every edge to an even pixel', () => {
    // 0.72 × 1280 = 921.6 → 922; 0.7 × 720 = 504; 0.26 × 1280 = 332.8 → 332; 0.26 × 720 = 187.2 → 188.
    const rect = toPixels({ x: 0.72, y: 0.7, width: 0.26, height: 0.26 }, 1280, 720);
    expect(rect).toEqual({ x: 922, y: 504, width: 332, height: 188 });
    for (const value of Object.values(rect)) expect(value % 2).toBe(0);
  });

  it('rounds to the nearest even pixel, not down', () => {
    // 0.1 × 1270 = 127 → 128 (63.5 pairs round up); 0.1 × 1220 = 122 stays; 0.1 × 1210 = 121 → 122.
    expect(toPixels({ x: 0.1, y: 0, width: 0.5, height: 0.5 }, 1270, 720).x).toBe(128);
    expect(toPixels({ x: 0.1, y: 0, width: 0.5, height: 0.5 }, 1220, 720).x).toBe(122);
    expect(toPixels({ x: 0.1, y: 0, width: 0.5, height: 0.5 }, 1210, 720).x).toBe(122);
  });

  it('never makes a rect smaller than 2×2', () => {
    const rect = toPixels({ x: 0.5, y: 0.5, width: 0.0001, height: 0.0001 }, 1280, 720);
    expect(rect.width).toBe(2);
    expect(rect.height).toBe(2);
  });

  it('keeps rects hanging over the edge (negative or past the output)', () => {
    expect(toPixels({ x: -0.5, y: 0.5, width: 1, height: 1 }, 1280, 720)).toEqual({ x: -640, y: 360, width: 1280, height: 720 });
  });

  it('scales with the output: portrait outputs too', () => {
    expect(toPixels({ x: 0.25, y: 0.25, width: 0.5, height: 0.5 }, 720, 1280)).toEqual({ x: 180, y: 320, width: 360, height: 640 });
  });
});

const box: PixelRect = { x: 100, y: 50, width: 400, height: 300 };

describe('fitInto cover', () => {
  it('fills the box and crops the sides of a wider picture, centred', () => {
    const plan = fitInto(1600, 900, box, 'cover');
    expect(plan.destination).toEqual(box);
    // Scale 300 / 900 = 1/3: the source shown is 1200 × 900 out of 1600 × 900.
    expect(plan.source.width).toBeCloseTo(1200, 9);
    expect(plan.source.height).toBeCloseTo(900, 9);
    expect(plan.source.x).toBeCloseTo(200, 9);
    expect(plan.source.y).toBeCloseTo(0, 9);
  });

  it('crops the top and bottom of a taller picture, centred', () => {
    const plan = fitInto(720, 1280, box, 'cover');
    expect(plan.destination).toEqual(box);
    // Scale 400 / 720: the source shown is 720 × 540.
    expect(plan.source.width).toBeCloseTo(720, 9);
    expect(plan.source.height).toBeCloseTo(540, 9);
    expect(plan.source.x).toBeCloseTo(0, 9);
    expect(plan.source.y).toBeCloseTo(370, 9);
  });

  it("keeps the source crop in the box's aspect ratio, inside the picture", () => {
    for (const [width, height] of [
      [1280, 720],
      [640, 480],
      [1080, 1920],
      [333, 777],
    ] as const) {
      const { source } = fitInto(width, height, box, 'cover');
      expect(source.width / source.height).toBeCloseTo(box.width / box.height, 9);
      expect(source.x).toBeGreaterThanOrEqual(-1e-9);
      expect(source.y).toBeGreaterThanOrEqual(-1e-9);
      expect(source.x + source.width).toBeLessThanOrEqual(width + 1e-9);
      expect(source.y + source.height).toBeLessThanOrEqual(height + 1e-9);
      // Centred: the same amount cropped on each side.
      expect(source.x).toBeCloseTo(width - (source.x + source.width), 9);
      expect(source.y).toBeCloseTo(height - (source.y + source.height), 9);
    }
  });

  it('shows the whole picture when it already has the aspect ratio of the box', () => {
    const plan = fitInto(800, 600, box, 'cover');
    expect(plan.source).toEqual({ x: 0, y: 0, width: 800, height: 600 });
    expect(plan.destination).toEqual(box);
  });
});

describe('fitInto contain', () => {
  it('letterboxes a wider picture: full width, bars above and below, centred', () => {
    const plan = fitInto(1600, 900, box, 'contain');
    expect(plan.source).toEqual({ x: 0, y: 0, width: 1600, height: 900 });
    expect(plan.destination.x).toBeCloseTo(100, 9);
    expect(plan.destination.width).toBeCloseTo(400, 9);
    expect(plan.destination.height).toBeCloseTo(225, 9);
    expect(plan.destination.y).toBeCloseTo(50 + 37.5, 9);
  });

  it('pillarboxes a taller picture: full height, bars left and right, centred', () => {
    const plan = fitInto(720, 1280, box, 'contain');
    expect(plan.source).toEqual({ x: 0, y: 0, width: 720, height: 1280 });
    expect(plan.destination.height).toBeCloseTo(300, 9);
    expect(plan.destination.width).toBeCloseTo(168.75, 9);
    expect(plan.destination.y).toBeCloseTo(50, 9);
    expect(plan.destination.x).toBeCloseTo(100 + (400 - 168.75) / 2, 9);
  });

  it("keeps the picture's aspect ratio and stays inside the box", () => {
    for (const [width, height] of [
      [1280, 720],
      [640, 480],
      [1080, 1920],
      [333, 777],
    ] as const) {
      const { destination } = fitInto(width, height, box, 'contain');
      expect(destination.width / destination.height).toBeCloseTo(width / height, 9);
      expect(destination.x).toBeGreaterThanOrEqual(box.x - 1e-9);
      expect(destination.y).toBeGreaterThanOrEqual(box.y - 1e-9);
      expect(destination.x + destination.width).toBeLessThanOrEqual(box.x + box.width + 1e-9);
      expect(destination.y + destination.height).toBeLessThanOrEqual(box.y + box.height + 1e-9);
      // One dimension fills the box.
      expect(Math.max(destination.width / box.width, destination.height / box.height)).toBeCloseTo(1, 9);
      // Centred.
      expect(destination.x - box.x).toBeCloseTo(box.x + box.width - (destination.x + destination.width), 9);
      expect(destination.y - box.y).toBeCloseTo(box.y + box.height - (destination.y + destination.height), 9);
    }
  });
});

describe('coversWholeOutput', () => {
  it('is true only for a planned place that is the whole output', () => {
    expect(coversWholeOutput({ x: 0, y: 0, width: 1280, height: 720 }, 1280, 720)).toBe(true);
    expect(coversWholeOutput({ x: 0, y: 0, width: 720, height: 1280 }, 720, 1280)).toBe(true);
    expect(coversWholeOutput({ x: 2, y: 0, width: 1280, height: 720 }, 1280, 720)).toBe(false);
    expect(coversWholeOutput({ x: 0, y: 2, width: 1280, height: 720 }, 1280, 720)).toBe(false);
    expect(coversWholeOutput({ x: 0, y: 0, width: 1278, height: 720 }, 1280, 720)).toBe(false);
    expect(coversWholeOutput({ x: 0, y: 0, width: 1280, height: 720 }, 720, 1280)).toBe(false);
  });
});
