import { describe, expect, it } from 'vitest';
import { median } from './stats.std';

describe('median', () => {
  it('takes the middle value, the mean of the two middle ones, and NaN for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(JSON.stringify({ figure: median([]) })).toBe('{"figure":null}');
  });
});
