import { describe, expect, it } from 'vitest';
import { cardLayout, type Box } from './productCard.std';

const inside = (inner: Box, width: number, height: number) =>
  inner.x >= 0 && inner.y >= 0 && inner.x + inner.width <= width + 1e-9 && inner.y + inner.height <= height + 1e-9;
const apart = (a: Box, b: Box) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

describe('cardLayout', () => {
  it('puts a square photo left of the text on a landscape card', () => {
    const layout = cardLayout(400, 200);
    expect(layout.scale).toBe(1);
    expect(layout.photo.width).toBe(layout.photo.height);
    expect(layout.text.x).toBeGreaterThan(layout.photo.x + layout.photo.width);
  });

  it('puts the photo above the text on a portrait card', () => {
    const layout = cardLayout(300, 400);
    expect(layout.scale).toBe(1);
    expect(layout.text.y).toBeGreaterThan(layout.photo.y + layout.photo.height);
  });

  it('scales with the card', () => {
    expect(cardLayout(600, 300).scale).toBe(1.5);
    expect(cardLayout(450, 600).scale).toBe(1.5);
  });

  it('keeps photo and text inside the card and apart at any size', () => {
    for (const [width, height] of [[400, 200], [300, 400], [662, 218], [220, 110], [1000, 120], [200, 199], [120, 900], [600, 601]] as const) {
      const { photo, text } = cardLayout(width, height);
      expect(inside(photo, width, height)).toBe(true);
      expect(inside(text, width, height)).toBe(true);
      expect(apart(photo, text)).toBe(true);
      expect(text.width).toBeGreaterThan(0);
      expect(text.height).toBeGreaterThan(0);
    }
  });
});
