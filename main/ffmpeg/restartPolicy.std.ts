// When a process that should keep running dies, how long to wait before starting it again:
// at once the first time (an encoder crash must be back within 3 s), then doubling, capped; a
// run that lasted long enough counts as recovered and resets the count.

export interface RestartPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A run at least this long resets the backoff. */
  stableAfterMs: number;
}

export const encoderRestartPolicy: RestartPolicy = { firstDelayMs: 0, maxDelayMs: 2000, stableAfterMs: 10_000 };
export const destinationRestartPolicy: RestartPolicy = { firstDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 15_000 };
/**
 * An RTMP push: a short pause between attempts (issue 13: back within 2 s of the server). While
 * its server is down an attempt does not end: it tries a TCP connection every 100 ms with its
 * FFmpeg started but idle (live/rtmpReach.node.ts, remuxer.node.ts `beforeJoin`); this paces
 * the failures that come after the server answered (a refused key, a dropped connection).
 */
export const rtmpRestartPolicy: RestartPolicy = { firstDelayMs: 250, maxDelayMs: 500, stableAfterMs: 15_000 };

/** The delay before restart number `failures` (1 = the first restart in a row). */
export function restartDelayMs(policy: RestartPolicy, failures: number): number {
  if (failures <= 1) return policy.firstDelayMs;
  const base = Math.max(policy.firstDelayMs, 250);
  return Math.min(policy.maxDelayMs, base * 2 ** (failures - 1));
}
