import { describe, expect, it } from 'vitest';
import { createCaptureClock, createReadingFilter, type CaptureClockEvent } from './captureClock.std';
import { seededRandom as random } from '../../../testing/seededRandom';

const SAMPLE_RATE = 48_000;
const CHUNK_FRAMES = 960;
const START_MS = 1_764_000_000_000; // an epoch time, as performance.timeOrigin + now() gives


interface Run {
  maxErrorMs: number;
  /** The error of counting from the first reading without ever re-anchoring. */
  naiveErrorMs: number;
  events: CaptureClockEvent[];
  stamps: number[];
  skewPpm: number;
}

/**
 * An audio device whose clock runs `skew` fast (frames per real second = 48 000 × (1 + skew)),
 * 20 ms chunks, and one noisy reading of the mapping a second, like the engine takes from
 * getOutputTimestamp(): ±`jitterMs` uniform, and one reading in 50 late by 15 ms.
 */
function simulate({ skew, minutes, jitterMs = 4, seed = 1, firstReadingOffMs = 0 }: { skew: number; minutes: number; jitterMs?: number; seed?: number; firstReadingOffMs?: number }): Run {
  const next = random(seed);
  const clock = createCaptureClock({ sampleRate: SAMPLE_RATE });
  const trueMs = (frame: number) => START_MS + (frame / (SAMPLE_RATE * (1 + skew))) * 1000;
  const events: CaptureClockEvent[] = [];
  const stamps: number[] = [];
  const chunks = (minutes * 60 * SAMPLE_RATE) / CHUNK_FRAMES;
  let maxErrorMs = 0;
  let naiveErrorMs = 0;
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    const frame = 1024 + chunk * CHUNK_FRAMES;
    if (chunk % 50 === 0) {
      const late = next() < 0.02 ? 15 : 0;
      const noise = (next() * 2 - 1) * jitterMs + late + (chunk === 0 ? firstReadingOffMs : 0);
      const event = clock.observe(frame, trueMs(frame) + noise);
      if (event) events.push(event);
    }
    const stamp = clock.timeOf(frame);
    if (stamp === null) throw new Error('no timestamp after the first reading');
    stamps.push(stamp);
    maxErrorMs = Math.max(maxErrorMs, Math.abs(stamp - trueMs(frame)));
    naiveErrorMs = Math.abs(trueMs(1024) + ((frame - 1024) * 1000) / SAMPLE_RATE - trueMs(frame));
  }
  return { maxErrorMs, naiveErrorMs, events, stamps, skewPpm: clock.stats().skewPpm };
}

describe('createCaptureClock', () => {
  it.each([
    ['fast', 1e-4],
    ['slow', -1e-4],
  ])('keeps every chunk within 40 ms of its true capture time over 60 minutes with a 0.01 %% %s audio clock', (_name, skew) => {
    const run = simulate({ skew, minutes: 60 });
    // Counting alone would have drifted by 360 ms: the test has teeth.
    expect(run.naiveErrorMs).toBeGreaterThan(350);
    expect(run.maxErrorMs).toBeLessThan(40);
    // The first re-anchor measures the skew, so the rest of the hour needs few more.
    expect(run.events.filter((event) => event.type === 're-anchored').length).toBeLessThanOrEqual(3);
    expect(run.skewPpm).toBeGreaterThan(skew * 1e6 - 30);
    expect(run.skewPpm).toBeLessThan(skew * 1e6 + 30);
  });

  it('holds over many seeds and a noisier mapping', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      for (const skew of [2e-4, 1e-4, 3e-5, 0, -1e-4]) {
        expect(simulate({ skew, minutes: 60, seed, jitterMs: 8 }).maxErrorMs).toBeLessThan(40);
      }
    }
  });

  it('never re-anchors when the clocks agree, whatever the jitter', () => {
    const run = simulate({ skew: 0, minutes: 60, jitterMs: 8 });
    expect(run.events).toEqual([expect.objectContaining({ type: 'anchored' })]);
    expect(run.maxErrorMs).toBeLessThan(10);
  });

  it('is sample-accurate between re-anchors: chunks are exactly one chunk apart', () => {
    const run = simulate({ skew: 1e-4, minutes: 20 });
    const gaps = run.stamps.slice(1).map((stamp, index) => stamp - (run.stamps[index] ?? 0));
    const reanchors = run.events.filter((event) => event.type === 're-anchored').length;
    const nominal = (CHUNK_FRAMES * 1000) / SAMPLE_RATE;
    // Float64 epoch milliseconds resolve ~0.25 µs; a sample is 20.8 µs.
    const steps = gaps.filter((gap, index) => index > 0 && Math.abs(gap - (gaps[index - 1] ?? 0)) > 0.005);
    // The spacing changes only where the clock re-anchored (a step, then a new rate).
    expect(reanchors).toBeGreaterThan(0);
    expect(steps.length).toBeLessThanOrEqual(2 * reanchors);
    for (const gap of gaps) expect(Math.abs(gap - nominal)).toBeLessThan(21);
  });

  it('corrects a wrong first reading within seconds', () => {
    const run = simulate({ skew: 0, minutes: 1, firstReadingOffMs: 30 });
    expect(run.events[1]).toMatchObject({ type: 're-anchored', reason: 'drift' });
    expect(run.events[1]?.frame).toBeLessThanOrEqual(1024 + 8 * SAMPLE_RATE);
    const settled = run.stamps.at(-1) ?? 0;
    expect(Math.abs(settled - (START_MS + ((1024 + (run.stamps.length - 1) * CHUNK_FRAMES) * 1000) / SAMPLE_RATE))).toBeLessThan(12);
  });

  it('re-anchors at once when the clock jumps (the context was suspended for 5 s)', () => {
    const clock = createCaptureClock({ sampleRate: SAMPLE_RATE });
    const msOf = (frame: number, pausedMs: number) => START_MS + (frame * 1000) / SAMPLE_RATE + pausedMs;
    expect(clock.observe(0, msOf(0, 0))).toEqual({ type: 'anchored', frame: 0, ms: START_MS });
    expect(clock.observe(SAMPLE_RATE, msOf(SAMPLE_RATE, 0))).toBeNull();
    // The frame counter stood still for 5 s of real time.
    const event = clock.observe(2 * SAMPLE_RATE, msOf(2 * SAMPLE_RATE, 5000));
    expect(event).toMatchObject({ type: 're-anchored', reason: 'jump' });
    expect(event?.type === 're-anchored' ? event.correctionMs : 0).toBeCloseTo(5000, 6);
    expect(clock.timeOf(3 * SAMPLE_RATE)).toBeCloseTo(msOf(3 * SAMPLE_RATE, 5000), 6);
    expect(clock.stats()).toMatchObject({ reanchors: 1, skewPpm: 0 });
  });

  it('has no time before the first reading and ignores readings that are not numbers', () => {
    const clock = createCaptureClock({ sampleRate: SAMPLE_RATE });
    expect(clock.timeOf(960)).toBeNull();
    expect(clock.observe(Number.NaN, START_MS)).toBeNull();
    expect(clock.observe(0, Number.POSITIVE_INFINITY)).toBeNull();
    expect(clock.timeOf(960)).toBeNull();
    clock.observe(0, START_MS);
    expect(clock.timeOf(960)).toBe(START_MS + 20);
  });

  it('never learns an implausible skew from a bad stretch of readings', () => {
    const clock = createCaptureClock({ sampleRate: SAMPLE_RATE, maxSkew: 1e-3 });
    // The mapping says time runs 0.2 % faster than counting (a broken device, not a crystal).
    for (let second = 0; second <= 600; second += 1) {
      clock.observe(second * SAMPLE_RATE, START_MS + second * 1000 * 1.002);
    }
    expect(clock.stats().skewPpm).toBeCloseTo((1 / 1.001 - 1) * 1e6, 3);
  });
});

describe('createReadingFilter', () => {
  it('passes a reading only when it agrees with the one before', () => {
    const accept = createReadingFilter(SAMPLE_RATE);
    const at = (frame: number, offsetMs: number) => START_MS + offsetMs + (frame * 1000) / SAMPLE_RATE;
    // Just after a resume the mapping moves by 17 ms, then settles.
    expect(accept(0, at(0, 17))).toBe(false);
    expect(accept(960, at(960, 0))).toBe(false);
    expect(accept(1920, at(1920, 0.3))).toBe(true);
    expect(accept(2880, at(2880, -0.2))).toBe(true);
    expect(accept(3840, at(3840, 120))).toBe(false);
    expect(accept(4800, at(4800, Number.NaN))).toBe(false);
    expect(accept(5760, at(5760, 120))).toBe(false);
    expect(accept(6720, at(6720, 120.5))).toBe(true);
  });
});
