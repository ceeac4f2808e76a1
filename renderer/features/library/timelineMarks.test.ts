import { describe, expect, it } from 'vitest';
import type { ReplayMark } from '../../../contract/schemas/replay.std';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { markLabel as labelIn, percentAlong, promotionWidthPercent, timelineLengthMs } from './timelineMarks.std';

const markLabel = (mark: ReplayMark) => labelIn(mark, createStudioTranslator('en'));

const promotion = (atMs: number, endMs: number | null): Extract<ReplayMark, { kind: 'promotion' }> => ({ kind: 'promotion', atMs, endMs, productId: 'p1', productName: 'Silk scarf' });

describe('percentAlong', () => {
  it('is the share of the show before the moment', () => {
    expect(percentAlong(0, 200_000)).toBe(0);
    expect(percentAlong(50_000, 200_000)).toBe(25);
    expect(percentAlong(200_000, 200_000)).toBe(100);
  });

  it('keeps marks on the bar and survives an unknown length', () => {
    expect(percentAlong(300_000, 200_000)).toBe(100);
    expect(percentAlong(-5, 200_000)).toBe(0);
    expect(percentAlong(5_000, 0)).toBe(0);
    expect(percentAlong(5_000, Number.NaN)).toBe(0);
  });
});

describe('promotionWidthPercent', () => {
  it('spans the promotion, or to the end of the show when it ran to the end', () => {
    expect(promotionWidthPercent(promotion(50_000, 100_000), 200_000)).toBe(25);
    expect(promotionWidthPercent(promotion(150_000, null), 200_000)).toBe(25);
    expect(promotionWidthPercent(promotion(150_000, 900_000), 200_000)).toBe(25);
  });
});

describe('timelineLengthMs', () => {
  const marks: ReplayMark[] = [promotion(10_000, 70_000), { kind: 'orders', atMs: 90_000, orders: 12 }];

  it('prefers the show length, then the video length, then the marks', () => {
    expect(timelineLengthMs(120, 119_500, marks)).toBe(120_000);
    expect(timelineLengthMs(null, 119_500, marks)).toBe(119_500);
    expect(timelineLengthMs(null, Infinity, marks)).toBe(90_000);
    expect(timelineLengthMs(null, null, [])).toBe(0);
  });
});

describe('markLabel', () => {
  it('names each kind of mark with its time', () => {
    expect(markLabel(promotion(65_000, null))).toBe('Promotion: Silk scarf at 1:05');
    expect(markLabel({ kind: 'pin', atMs: 130_000, name: 'Ana', text: 'Is it silk?' })).toBe('Pin: Ana at 2:10');
    expect(markLabel({ kind: 'orders', atMs: 180_000, orders: 12 })).toBe('12 orders at 3:00');
    expect(markLabel({ kind: 'orders', atMs: 3_780_000, orders: 1 })).toBe('1 order at 1:03:00');
  });
});
