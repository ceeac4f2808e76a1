import { describe, expect, it } from 'vitest';
import { fitFontSize, readableFloor } from './fitFont.std';
import { ELLIPSIS, fitText } from './text.std';

/** A monospace face: each character is 0.5 em wide. */
const widthAt = (text: string, px: number) => text.length * px * 0.5;

describe('readableFloor', () => {
  it('is 60 % of the set size, never below 14 px at 720 lines, never above the set size', () => {
    expect(readableFloor(40, 1)).toBe(24);
    expect(readableFloor(20, 1)).toBe(14);
    expect(readableFloor(12, 1)).toBe(12);
    expect(readableFloor(20, 1.5)).toBe(20);
    expect(readableFloor(72, 1.5)).toBeCloseTo(43.2);
  });
});

describe('fitFontSize', () => {
  it('keeps the set size when the text fits', () => {
    expect(fitFontSize(36, 21.6, (px) => widthAt('Hello', px) <= 500)).toBe(36);
  });

  it('shrinks to the largest size that fits, within half a pixel', () => {
    const text = 'Free shipping today'; // 19 characters: 9.5 em
    const px = fitFontSize(36, 21.6, (size) => widthAt(text, size) <= 300);
    expect(widthAt(text, px)).toBeLessThanOrEqual(300);
    expect(px).toBeGreaterThan(300 / 9.5 - 0.5);
  });

  it('stops at the floor when even that does not fit, and the text is then cut with an ellipsis', () => {
    const text = 'A very long caption that will never fit this box';
    const px = fitFontSize(36, 21.6, (size) => widthAt(text, size) <= 300);
    expect(px).toBe(21.6);
    const shown = fitText(text, 300, (s) => widthAt(s, px));
    expect(shown.endsWith(ELLIPSIS)).toBe(true);
    expect(widthAt(shown, px)).toBeLessThanOrEqual(300);
  });

  it('never grows text and never goes below a floor at or above the set size', () => {
    expect(fitFontSize(12, 14, () => false)).toBe(12);
    expect(fitFontSize(20, 12, () => true)).toBe(20);
  });
});
