import { describe, expect, it } from 'vitest';
import { textSource } from '../../../../contract/scenePresets.std';
import { ELLIPSIS } from './text.std';
import { drawTextSource } from './textOverlay.std';
import type { Ctx2D } from './types.std';

/** A 2D context that lays text out in a monospace face (0.5 em a character) and records what is drawn. */
function fakeContext() {
  const drawn: { text: string; px: number }[] = [];
  let px = 10;
  const ctx = {
    drawn,
    save() {},
    restore() {},
    beginPath() {},
    roundRect() {},
    fill() {},
    set font(value: string) {
      px = Number(/([\d.]+)px/.exec(value)?.[1] ?? '10');
    },
    get font() {
      return `${px}px mono`;
    },
    measureText: (text: string) => ({ width: [...text].length * px * 0.5, actualBoundingBoxAscent: px * 0.7 }),
    fillText: (text: string) => drawn.push({ text, px }),
  };
  return ctx;
}

const caption = (text: string) => ({ ...textSource('t', text, { x: 0, y: 0, width: 0.5, height: 0.1 }), fontSize: 36 });

describe('drawTextSource', () => {
  it('draws a text that fits at its set size', () => {
    const ctx = fakeContext();
    drawTextSource(ctx as unknown as Ctx2D, caption('Hello'), 640, 72, 1);
    expect(ctx.drawn).toEqual([{ text: 'Hello', px: 36 }]);
  });

  it('shrinks a text a little too long for its box, whole', () => {
    const ctx = fakeContext();
    // 40 characters at 36 px are 720 px wide; the box is 640.
    const text = 'Free shipping on every order today only!';
    drawTextSource(ctx as unknown as Ctx2D, caption(text), 640, 72, 1);
    const [line] = ctx.drawn;
    expect(line?.text).toBe(text);
    expect(line?.px).toBeLessThan(36);
    expect(line?.px).toBeGreaterThanOrEqual(21.6);
  });

  it('shrinks a text to fit a low box, by its height', () => {
    const ctx = fakeContext();
    drawTextSource(ctx as unknown as Ctx2D, caption('Hi'), 640, 36, 1);
    expect(ctx.drawn[0]?.px).toBeCloseTo(30, 0);
  });

  it('cuts a text with an ellipsis only at the readable floor', () => {
    const ctx = fakeContext();
    drawTextSource(ctx as unknown as Ctx2D, caption('Big summer sale: every silk scarf 30% off until midnight tonight only'), 640, 72, 1);
    const [line] = ctx.drawn;
    expect(line?.px).toBeCloseTo(21.6, 5);
    expect(line?.text.endsWith(ELLIPSIS)).toBe(true);
  });
});
