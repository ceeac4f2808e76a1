import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rateLimiter.std';

describe('createRateLimiter', () => {
  it('allows a burst, then the rate, per key', () => {
    const limiter = createRateLimiter({ rate: 1, burst: 5 });
    const taken = Array.from({ length: 8 }, () => limiter.take('a', 0));
    expect(taken).toEqual([true, true, true, true, true, false, false, false]);
    expect(limiter.take('b', 0)).toBe(true);
    expect(limiter.take('a', 999)).toBe(false);
    expect(limiter.take('a', 1000)).toBe(true);
    expect(limiter.take('a', 1000)).toBe(false);
  });

  it('never saves up more than the burst', () => {
    const limiter = createRateLimiter({ rate: 10, burst: 3 });
    limiter.take('a', 0);
    const later = Array.from({ length: 5 }, () => limiter.take('a', 60_000));
    expect(later.filter(Boolean)).toHaveLength(3);
  });

  it('forgets buckets that have refilled', () => {
    const limiter = createRateLimiter({ rate: 1, burst: 2 });
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('b', 0);
    limiter.sweep(1000);
    expect(limiter.size).toBe(1);
    limiter.sweep(2000);
    expect(limiter.size).toBe(0);
  });
});
