import { describe, expect, it } from 'vitest';
import type { Rect } from '../../../contract/schemas/scene.std';
import { liveLayerOrder, liveLayerRect, type LiveLayerId } from './liveLayout.std';

const layers: readonly LiveLayerId[] = ['pinnedComment', 'purchaseToast', 'nowExplaining', 'flashSale'];
const outputs = {
  landscape: [
    [1280, 720],
    [1920, 1080],
  ],
  portrait: [
    [720, 1280],
    [1080, 1920],
  ],
} as const;

const EPSILON = 1e-9;
/** True when the rects share area (touching edges do not count). */
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width - EPSILON && b.x < a.x + a.width - EPSILON && a.y < b.y + b.height - EPSILON && b.y < a.y + a.height - EPSILON;

describe('liveLayerRect', () => {
  for (const [orientation, sizes] of Object.entries(outputs)) {
    for (const [width, height] of sizes) {
      describe(`${orientation} ${width}×${height}`, () => {
        it('puts every layer inside the output', () => {
          for (const layer of layers) {
            const rect = liveLayerRect(layer, width, height);
            expect(rect.width, layer).toBeGreaterThan(0);
            expect(rect.height, layer).toBeGreaterThan(0);
            expect(rect.x, layer).toBeGreaterThanOrEqual(0);
            expect(rect.y, layer).toBeGreaterThanOrEqual(0);
            expect(rect.x + rect.width, layer).toBeLessThanOrEqual(1);
            expect(rect.y + rect.height, layer).toBeLessThanOrEqual(1);
          }
        });

        it('keeps the layers from overlapping one another', () => {
          // Touching is allowed (the flash sale banner may sit right on the now-explaining card).
          for (const a of layers) {
            for (const b of layers) {
              if (a === b) continue;
              expect(overlaps(liveLayerRect(a, width, height), liveLayerRect(b, width, height)), `${a} / ${b}`).toBe(false);
            }
          }
        });
      });
    }
  }

  it('uses a different layout for portrait outputs than for landscape ones', () => {
    for (const layer of layers) expect(liveLayerRect(layer, 720, 1280)).not.toEqual(liveLayerRect(layer, 1280, 720));
  });

  it('uses the same layout at every size of one orientation', () => {
    for (const layer of layers) {
      expect(liveLayerRect(layer, 1920, 1080)).toEqual(liveLayerRect(layer, 1280, 720));
      expect(liveLayerRect(layer, 1080, 1920)).toEqual(liveLayerRect(layer, 720, 1280));
    }
  });

  it('keeps clear of the top-left text line in landscape', () => {
    const textLine: Rect = { x: 0, y: 0, width: 0.5, height: 0.1 };
    for (const layer of layers) expect(overlaps(liveLayerRect(layer, 1280, 720), textLine), layer).toBe(false);
  });

  it('keeps clear of the corner camera of "Screen + camera corner" in landscape', () => {
    const cornerCamera: Rect = { x: 0.72, y: 0.7, width: 0.26, height: 0.26 };
    for (const layer of layers) expect(overlaps(liveLayerRect(layer, 1280, 720), cornerCamera), layer).toBe(false);
  });

  it('checks overlap correctly (a sanity check of the helper)', () => {
    expect(overlaps({ x: 0, y: 0, width: 0.5, height: 0.5 }, { x: 0.4, y: 0.4, width: 0.5, height: 0.5 })).toBe(true);
    expect(overlaps({ x: 0, y: 0, width: 0.5, height: 0.5 }, { x: 0.5, y: 0, width: 0.5, height: 0.5 })).toBe(false);
    expect(overlaps({ x: 0.66, y: 0.3, width: 0.32, height: 0.07 }, { x: 0.66, y: 0.37, width: 0.32, height: 0.28 })).toBe(false);
  });
});

describe('liveLayerOrder', () => {
  it('lists every layer once, with the purchase toast on top', () => {
    expect([...liveLayerOrder].sort()).toEqual([...layers].sort());
    expect(liveLayerOrder.at(-1)).toBe('purchaseToast');
  });
});
