// Token buckets keyed by viewer or address: `rate` tokens a second, at most `burst` saved up.
// Buckets that have refilled completely are forgotten, so a million passing viewers cost nothing.

export interface RateLimit {
  rate: number;
  burst: number;
}

export interface RateLimiter {
  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string, nowMs: number): boolean;
  /** Forgets full buckets; call now and then. */
  sweep(nowMs: number): void;
  readonly size: number;
}

export function createRateLimiter(limit: RateLimit): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refilled = (bucket: { tokens: number; at: number }, nowMs: number) =>
    Math.min(limit.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * limit.rate);
  return {
    take(key, nowMs) {
      const bucket = buckets.get(key);
      if (!bucket) {
        buckets.set(key, { tokens: limit.burst - 1, at: nowMs });
        return limit.burst >= 1;
      }
      bucket.tokens = refilled(bucket, nowMs);
      bucket.at = nowMs;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    sweep(nowMs) {
      for (const [key, bucket] of buckets) if (refilled(bucket, nowMs) >= limit.burst) buckets.delete(key);
    },
    get size() {
      return buckets.size;
    },
  };
}
