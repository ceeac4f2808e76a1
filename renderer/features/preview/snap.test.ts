import { describe, expect, it } from 'vitest';
import { rectSchema, type Rect } from '../../../contract/schemas/scene.std';
import { clampPosition, moveRect, nudgeRect, resizeRect, snapLines, topmostAt, withinBounds } from './snap.std';

const rect = (x: number, y: number, width: number, height: number): Rect => ({ x, y, width, height });
const outputOnly = snapLines([]);

describe('snapLines', () => {
  it('has the output edges and centre lines, and each other source’s edges and centre', () => {
    expect(snapLines([rect(0.2, 0.1, 0.4, 0.2)])).toEqual({ x: [0, 0.5, 1, 0.2, 0.4, 0.6000000000000001], y: [0, 0.5, 1, 0.1, 0.2, 0.30000000000000004] });
  });
});

describe('moveRect', () => {
  it('moves by the pointer’s delta when nothing is near', () => {
    expect(moveRect(rect(0.2, 0.2, 0.2, 0.2), 0.12, 0.05, outputOnly)).toEqual({ rect: rect(0.32, 0.25, 0.2, 0.2), guides: [] });
  });

  it('snaps the left edge to the output edge within 1 %', () => {
    const { rect: moved, guides } = moveRect(rect(0.2, 0.2, 0.2, 0.2), -0.195, 0.05, outputOnly);
    expect(moved).toEqual(rect(0, 0.25, 0.2, 0.2));
    expect(guides).toEqual([{ axis: 'x', at: 0 }]);
  });

  it('snaps the right edge and the bottom edge', () => {
    expect(moveRect(rect(0.5, 0.5, 0.3, 0.3), 0.195, 0.208, outputOnly).rect).toEqual(rect(0.7, 0.7, 0.3, 0.3));
  });

  it('snaps the centre to the output’s centre lines', () => {
    const { rect: moved, guides } = moveRect(rect(0, 0, 0.2, 0.2), 0.405, 0.393, outputOnly);
    expect(moved).toEqual(rect(0.4, 0.4, 0.2, 0.2));
    expect(guides).toEqual([
      { axis: 'x', at: 0.5 },
      { axis: 'y', at: 0.5 },
    ]);
  });

  it('snaps to another source’s edges and centre, taking the nearest line', () => {
    const lines = snapLines([rect(0.6, 0.1, 0.2, 0.2)]);
    // Right edge at 0.595: 0.005 from the other's left edge (0.6).
    expect(moveRect(rect(0.3, 0.5, 0.2, 0.1), 0.095, 0.004, lines).rect).toEqual(rect(0.4, 0.5, 0.2, 0.1));
    // Top at 0.195 aligns to the other's centre (0.2).
    expect(moveRect(rect(0.1, 0.5, 0.2, 0.1), 0, -0.305, lines).rect.y).toBe(0.2);
  });

  it('does not snap beyond the threshold, nor without lines (Alt held)', () => {
    expect(moveRect(rect(0.2, 0.2, 0.2, 0.2), -0.185, 0, outputOnly).rect.x).toBe(0.015);
    expect(moveRect(rect(0.2, 0.2, 0.2, 0.2), -0.195, 0, null).rect.x).toBe(0.005);
  });

  it('keeps a sliver on the output and stays within the contract’s bounds', () => {
    const far = moveRect(rect(0.5, 0.5, 0.4, 0.4), 5, -5, null).rect;
    expect(far).toEqual(rect(0.98, -0.38, 0.4, 0.4));
    expect(rectSchema.safeParse(far).success).toBe(true);
    expect(clampPosition(rect(-3, 0, 2.5, 0.5)).x).toBe(-1);
  });
});

describe('resizeRect', () => {
  const start = rect(0.2, 0.2, 0.4, 0.3);

  it('moves only the dragged edges', () => {
    expect(resizeRect(start, 'e', 0.1, 0.3).rect).toEqual(rect(0.2, 0.2, 0.5, 0.3));
    expect(resizeRect(start, 'n', 0.3, -0.1).rect).toEqual(rect(0.2, 0.1, 0.4, 0.4));
    expect(resizeRect(start, 'sw', 0.1, 0.1).rect).toEqual(rect(0.3, 0.2, 0.3, 0.4));
    expect(resizeRect(start, 'nw', -0.1, -0.1).rect).toEqual(rect(0.1, 0.1, 0.5, 0.4));
  });

  it('never lets edges cross: a rect keeps its minimum size', () => {
    expect(resizeRect(start, 'w', 0.9, 0).rect).toEqual(rect(0.58, 0.2, 0.02, 0.3));
    expect(resizeRect(start, 's', 0, -1).rect).toEqual(rect(0.2, 0.2, 0.4, 0.02));
  });

  it('snaps the moving edges to lines', () => {
    const { rect: resized, guides } = resizeRect(start, 'se', 0.395, 0.005, { lines: outputOnly });
    expect(resized).toEqual(rect(0.2, 0.2, 0.8, 0.3));
    expect(guides).toEqual([{ axis: 'x', at: 1 }, { axis: 'y', at: 0.5 }]);
  });

  it('keeps the aspect with Shift, anchored at the opposite corner', () => {
    const { rect: resized } = resizeRect(start, 'se', 0.2, 0.05, { keepAspect: true });
    expect(resized).toEqual(rect(0.2, 0.2, 0.6, 0.45));
    const fromNorthWest = resizeRect(start, 'nw', -0.2, 0, { keepAspect: true }).rect;
    expect(fromNorthWest).toEqual(rect(0, 0.05, 0.6, 0.45));
    expect(fromNorthWest.width / fromNorthWest.height).toBeCloseTo(start.width / start.height);
  });

  it('grows the other dimension about the centre for an edge handle with Shift', () => {
    expect(resizeRect(start, 'e', 0.2, 0, { keepAspect: true }).rect).toEqual(rect(0.2, 0.125, 0.6, 0.45));
  });

  it('snaps the leading edge with Shift and keeps the aspect', () => {
    const { rect: resized, guides } = resizeRect(start, 'se', 0.395, 0, { keepAspect: true, lines: outputOnly });
    expect(resized).toEqual(rect(0.2, 0.2, 0.8, 0.6));
    expect(guides).toEqual([{ axis: 'x', at: 1 }]);
  });

  it('refuses a size outside the contract’s bounds', () => {
    const big = rect(-0.5, -0.5, 2.4, 2.4);
    // Snapping the right edge to a line at 3.5 would make it 4 wide (the contract allows 3).
    expect(resizeRect(big, 'e', 0, 0, { lines: { x: [3.5], y: [] }, threshold: 2 }).rect).toEqual(big);
    expect(withinBounds(rect(0, 0, 3.1, 1))).toBe(false);
  });
});

describe('nudgeRect', () => {
  it('moves 1 % per arrow key, 5 % with Shift, and ignores other keys', () => {
    expect(nudgeRect(rect(0.2, 0.2, 0.1, 0.1), 'ArrowRight', false)).toEqual(rect(0.21, 0.2, 0.1, 0.1));
    expect(nudgeRect(rect(0.2, 0.2, 0.1, 0.1), 'ArrowUp', true)).toEqual(rect(0.2, 0.15, 0.1, 0.1));
    expect(nudgeRect(rect(0.2, 0.2, 0.1, 0.1), 'Enter', false)).toBeNull();
  });
});

describe('topmostAt', () => {
  it('picks the last-drawn rect under the point', () => {
    const items = [
      { id: 'back', rect: rect(0, 0, 1, 1) },
      { id: 'front', rect: rect(0.5, 0.5, 0.3, 0.3) },
    ];
    expect(topmostAt(items, 0.6, 0.6)?.id).toBe('front');
    expect(topmostAt(items, 0.1, 0.1)?.id).toBe('back');
    expect(topmostAt(items, 1.5, 0.1)).toBeUndefined();
  });
});
