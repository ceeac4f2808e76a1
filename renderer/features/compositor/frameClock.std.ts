/**
 * The output's frame clock: frame n is due at start + n / fps, computed from the start rather
 * than by adding intervals, so the rate never drifts however late a single frame runs.
 */
export interface FrameClock {
  readonly intervalMs: number;
  /** The next frame to produce: its number and when it was due. */
  next(nowMs: number): { frame: number; dueMs: number; skipped: number };
  /** How long to wait before the next frame is due. */
  waitMs(nowMs: number): number;
  /** After producing the frame returned by next(). */
  advance(): void;
}

export function createFrameClock(fps: number, startMs: number): FrameClock {
  const intervalMs = 1000 / fps;
  let frame = 0;
  return {
    intervalMs,
    waitMs: (nowMs) => Math.max(0, startMs + frame * intervalMs - nowMs),
    next(nowMs) {
      // A whole interval late: those frames are gone. Skip them (they are counted as dropped)
      // and produce the current one, rather than bursting to catch up.
      const behind = Math.floor((nowMs - (startMs + frame * intervalMs)) / intervalMs);
      const skipped = Math.max(0, behind);
      frame += skipped;
      return { frame, dueMs: startMs + frame * intervalMs, skipped };
    },
    advance() {
      frame += 1;
    },
  };
}
