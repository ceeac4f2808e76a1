import { describe, expect, it } from 'vitest';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { describeGain, describeLevel, meterStep, METER_FLOOR_DB, peakToDb } from './levels.std';

const en = createStudioTranslator('en');

describe('peakToDb', () => {
  it('maps full scale to 0 dB, halves to −6 dB, and clamps to the floor', () => {
    expect(peakToDb(1)).toBe(0);
    expect(peakToDb(2)).toBe(0);
    expect(peakToDb(0.5)).toBeCloseTo(-6.02, 2);
    expect(peakToDb(0.001)).toBe(METER_FLOOR_DB);
    expect(peakToDb(0)).toBe(METER_FLOOR_DB);
    expect(peakToDb(Number.NaN)).toBe(METER_FLOOR_DB);
  });
});

describe('meterStep', () => {
  it('rises at once and falls at a steady rate', () => {
    expect(meterStep(-40, -10, 100)).toBe(-10);
    expect(meterStep(-10, -60, 100)).toBe(-13);
    expect(meterStep(-10, -12, 100)).toBe(-12);
    expect(meterStep(-58, -60, 1000)).toBe(METER_FLOOR_DB);
  });
});

describe('describeLevel and describeGain', () => {
  it('reads naturally', () => {
    expect(describeLevel(-12.4, en)).toBe('-12 dB');
    expect(describeLevel(METER_FLOOR_DB, en)).toBe('silent');
    expect(describeGain(1, en)).toBe('100 %');
    expect(describeGain(1.555, en)).toBe('156 %');
  });
});
