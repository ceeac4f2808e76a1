import { describe, expect, it } from 'vitest';
import { countdownLabel, formatCountdown } from './countdown.std';

describe('formatCountdown', () => {
  it('shows minutes and seconds under an hour, rounding up', () => {
    expect(formatCountdown(299_000)).toBe('04:59');
    expect(formatCountdown(298_001)).toBe('04:59');
    expect(formatCountdown(300_000)).toBe('05:00');
    expect(formatCountdown(1)).toBe('00:01');
    expect(formatCountdown(3_599_000)).toBe('59:59');
  });

  it('shows hours from an hour up', () => {
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(36_000_000 + 59_000)).toBe('10:00:59');
  });

  it('shows zero when time is up or the input is nonsense', () => {
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(-5_000)).toBe('00:00');
    expect(formatCountdown(Number.NaN)).toBe('00:00');
    expect(formatCountdown(Number.POSITIVE_INFINITY)).toBe('00:00');
  });
});

describe('countdownLabel', () => {
  it('counts down, then says it ended', () => {
    expect(countdownLabel(1_000_000 + 299_000, 1_000_000)).toBe('Ends in 04:59');
    expect(countdownLabel(1_000_000, 1_000_000)).toBe('Ended');
    expect(countdownLabel(1_000_000, 2_000_000)).toBe('Ended');
  });
});
