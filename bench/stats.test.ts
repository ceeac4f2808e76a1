import { describe, expect, it } from 'vitest';
import { median, percentile } from './stats.std';

describe('median', () => {
  it('takes the middle value, the mean of the two middle ones, and NaN for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(JSON.stringify({ figure: median([]) })).toBe('{"figure":null}');
  });
});

describe('percentile', () => {
  it('takes the nearest rank, and null for none', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 0)).toBe(7);
    expect(percentile([], 99)).toBeNull();
  });
});
