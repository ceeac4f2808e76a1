import { describe, expect, it } from 'vitest';
import { textSource } from './scenePresets.std';
import { aspectOf, portraitFromLandscape, rectIn, withRectIn } from './sceneLayout.std';
import { FULL_FRAME, rectSchema, type Rect } from './schemas/scene.std';

/** Width over height in pixels of a rect in an output of that size. */
const pixelShape = (rect: Rect, width: number, height: number) => (rect.width * width) / (rect.height * height);

describe('aspectOf', () => {
  it('says portrait only for a picture taller than wide', () => {
    expect(aspectOf({ width: 1280, height: 720 })).toBe('landscape');
    expect(aspectOf({ width: 1920, height: 1080 })).toBe('landscape');
    expect(aspectOf({ width: 720, height: 1280 })).toBe('portrait');
  });
});

describe('rectIn and withRectIn', () => {
  it('read and write the layout of one aspect, leaving the other as it was', () => {
    const source = textSource('t', 'Hi', { x: 0.1, y: 0.1, width: 0.3, height: 0.1 }, { x: 0.05, y: 0.03, width: 0.9, height: 0.06 });
    expect(rectIn(source, 'landscape')).toBe(source.rect);
    expect(rectIn(source, 'portrait')).toBe(source.portraitRect);
    const moved = { x: 0.2, y: 0.5, width: 0.6, height: 0.1 };
    expect(withRectIn(source, 'portrait', moved)).toEqual({ ...source, portraitRect: moved });
    expect(withRectIn(source, 'landscape', moved)).toEqual({ ...source, rect: moved });
  });
});

describe('portraitFromLandscape', () => {
  it('keeps a full-frame source full frame', () => {
    expect(portraitFromLandscape(FULL_FRAME)).toEqual(FULL_FRAME);
    expect(portraitFromLandscape({ x: -0.1, y: -0.1, width: 1.2, height: 1.2 })).toEqual(FULL_FRAME);
  });

  it('keeps a product card’s pixel shape and size, on the picture', () => {
    const card = { x: 0.6, y: 0.52, width: 0.36, height: 0.4 };
    const portrait = portraitFromLandscape(card);
    expect(pixelShape(portrait, 720, 1280)).toBeCloseTo(pixelShape(card, 1280, 720), 2);
    expect(portrait.width * 720).toBeCloseTo(card.width * 1280, 0);
    expect(portrait.x + portrait.width).toBeLessThanOrEqual(1.0001);
    expect(portrait.y + portrait.height).toBeLessThanOrEqual(1.0001);
    expect(rectSchema.safeParse(portrait).success).toBe(true);
  });

  it('shrinks a source wider than a phone’s picture to its width, keeping its shape', () => {
    const caption = { x: 20 / 1280, y: 20 / 720, width: 900 / 1280, height: 50 / 720 };
    const portrait = portraitFromLandscape(caption);
    expect(portrait.width).toBeCloseTo(1, 3);
    expect(pixelShape(portrait, 720, 1280)).toBeCloseTo(18, 1);
    expect(portrait.y).toBeLessThan(0.1);
  });
});
