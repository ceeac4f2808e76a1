import { describe, expect, it } from 'vitest';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { countUpTo, formatClock, formatRange as rangeIn, inTimeOrder } from './replayTime.std';

const formatRange = (startMs: number, endMs: number | null) => rangeIn(startMs, endMs, createStudioTranslator('en'));

describe('formatClock', () => {
  it('writes m:ss under an hour and h:mm:ss from an hour on', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(59 * 60_000 + 59_999)).toBe('59:59');
    expect(formatClock(3_600_000)).toBe('1:00:00');
    expect(formatClock(3_725_000)).toBe('1:02:05');
    expect(formatClock(36_000_000 + 61_000)).toBe('10:01:01');
  });

  it('rounds down and never goes negative', () => {
    expect(formatClock(1_999)).toBe('0:01');
    expect(formatClock(-500)).toBe('0:00');
  });
});

describe('formatRange', () => {
  it('joins a chapter start and end, or says from when it has no end', () => {
    expect(formatRange(65_000, 130_000)).toBe('1:05–2:10');
    expect(formatRange(65_000, null)).toBe('from 1:05');
  });
});

describe('countUpTo', () => {
  const items = [0, 1_000, 1_000, 2_500, 9_000].map((atMs) => ({ atMs }));

  it('counts the items at or before the playhead', () => {
    expect(countUpTo(items, -1)).toBe(0);
    expect(countUpTo(items, 0)).toBe(1);
    expect(countUpTo(items, 999)).toBe(1);
    expect(countUpTo(items, 1_000)).toBe(3);
    expect(countUpTo(items, 8_999)).toBe(4);
    expect(countUpTo(items, 9_000)).toBe(5);
    expect(countUpTo(items, Infinity)).toBe(5);
    expect(countUpTo([], 5)).toBe(0);
  });

  it('agrees with a linear count over 5,000 items', () => {
    const many = Array.from({ length: 5_000 }, (_, index) => ({ atMs: Math.floor(index * 7.3) }));
    for (const playhead of [0, 100, 12_345, 36_492, 36_500, 99_999]) {
      expect(countUpTo(many, playhead)).toBe(many.filter((item) => item.atMs <= playhead).length);
    }
  });
});

describe('inTimeOrder', () => {
  it('keeps an ordered array as it is', () => {
    const ordered = [{ atMs: 1 }, { atMs: 1 }, { atMs: 2 }];
    expect(inTimeOrder(ordered)).toBe(ordered);
  });

  it('sorts a copy of an unordered one', () => {
    const unordered = [{ atMs: 3 }, { atMs: 1 }, { atMs: 2 }];
    expect(inTimeOrder(unordered).map((item) => item.atMs)).toEqual([1, 2, 3]);
    expect(unordered.map((item) => item.atMs)).toEqual([3, 1, 2]);
  });
});
