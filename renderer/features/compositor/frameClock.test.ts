import { describe, expect, it } from 'vitest';
import { createFrameClock } from './frameClock.std';

const start = 1_000_000;

describe('createFrameClock', () => {
  it('has an interval of 1000 / fps', () => {
    expect(createFrameClock(30, start).intervalMs).toBeCloseTo(1000 / 30, 12);
    expect(createFrameClock(25, start).intervalMs).toBe(40);
  });

  it('makes frame 0 due at the start and each next frame one interval later', () => {
    const clock = createFrameClock(30, start);
    expect(clock.next(start)).toEqual({ frame: 0, dueMs: start, skipped: 0 });
    clock.advance();
    const second = clock.next(start + 1000 / 30);
    expect(second.frame).toBe(1);
    expect(second.skipped).toBe(0);
    expect(second.dueMs).toBeCloseTo(start + 1000 / 30, 9);
  });

  it('keeps frame n due at start + n / fps with no drift over an hour at 30 fps', () => {
    const clock = createFrameClock(30, start);
    let last = { frame: 0, dueMs: 0, skipped: 0 };
    let skippedTotal = 0;
    for (let n = 0; n <= 108_000; n += 1) {
      // Each frame is produced exactly when it is due.
      last = clock.next(start + (n * 1000) / 30);
      skippedTotal += last.skipped;
      if (n < 108_000) clock.advance();
    }
    expect(skippedTotal).toBe(0);
    expect(last.frame).toBe(108_000);
    expect(Math.abs(last.dueMs - (start + 3_600_000))).toBeLessThan(1e-6);
  });

  it('still puts frame 108000 at exactly one hour when every frame runs a little late', () => {
    const clock = createFrameClock(30, start);
    let skippedTotal = 0;
    for (let n = 0; n < 108_000; n += 1) {
      // 10 ms late every frame: never a whole interval, so nothing is skipped.
      skippedTotal += clock.next(start + (n * 1000) / 30 + 10).skipped;
      clock.advance();
    }
    expect(skippedTotal).toBe(0);
    const last = clock.next(start + 3_600_000);
    expect(last.frame).toBe(108_000);
    expect(Math.abs(last.dueMs - (start + 3_600_000))).toBeLessThan(1e-6);
  });

  it('waits until the next frame is due', () => {
    const clock = createFrameClock(25, start);
    expect(clock.waitMs(start - 15)).toBe(15);
    expect(clock.waitMs(start)).toBe(0);
    clock.next(start);
    clock.advance();
    expect(clock.waitMs(start + 10)).toBe(30);
    expect(clock.waitMs(start + 40)).toBe(0);
  });

  it('never asks for a negative wait when late', () => {
    const clock = createFrameClock(30, start);
    expect(clock.waitMs(start + 5)).toBe(0);
    expect(clock.waitMs(start + 10_000)).toBe(0);
    clock.advance();
    expect(clock.waitMs(start + 1_000_000)).toBe(0);
  });

  it('skips the frames it is a whole interval or more behind (3.5 intervals late → 3 skipped)', () => {
    const clock = createFrameClock(25, start);
    expect(clock.next(start).frame).toBe(0);
    clock.advance();
    // Frame 1 was due at start + 40; now is 3.5 intervals after that.
    const late = clock.next(start + 40 + 3.5 * 40);
    expect(late).toEqual({ frame: 4, dueMs: start + 160, skipped: 3 });
    clock.advance();
    // Back on schedule: the next frame is frame 5, due one interval later.
    expect(clock.waitMs(start + 180)).toBe(20);
    expect(clock.next(start + 200)).toEqual({ frame: 5, dueMs: start + 200, skipped: 0 });
  });

  it('skips 3 frames from the first frame at 30 fps', () => {
    const clock = createFrameClock(30, start);
    const late = clock.next(start + 3.5 * (1000 / 30));
    expect(late.skipped).toBe(3);
    expect(late.frame).toBe(3);
    expect(late.dueMs).toBeCloseTo(start + 100, 9);
  });

  it('skips nothing when less than an interval late, or early', () => {
    const clock = createFrameClock(25, start);
    expect(clock.next(start + 39.9)).toEqual({ frame: 0, dueMs: start, skipped: 0 });
    clock.advance();
    expect(clock.next(start + 1)).toEqual({ frame: 1, dueMs: start + 40, skipped: 0 });
  });
});
