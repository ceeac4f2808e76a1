// When a failed delivery is tried again: exponential backoff with a cap, and jitter so that
// many studios behind one shop system do not all come back in the same second after its outage.

export interface BackoffPolicy {
  firstMs: number;
  capMs: number;
}

/** 1 s, 2 s, 4 s … up to 5 minutes between attempts: an endpoint back from an outage gets its orders within minutes. */
export const webhookBackoff: BackoffPolicy = { firstMs: 1000, capMs: 5 * 60_000 };

/** The wait after the `failures`-th failure in a row (1 = the first), with ±20 % jitter from `random` (0 ≤ random < 1), never past the cap. */
export function retryDelayMs(failures: number, random: number, policy: BackoffPolicy = webhookBackoff): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const base = Math.min(policy.firstMs * 2 ** exponent, policy.capMs);
  return Math.round(Math.min(base * (0.8 + 0.4 * random), policy.capMs));
}
