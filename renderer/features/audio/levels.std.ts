import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

// Level meter arithmetic: peaks in dBFS, with a meter's usual ballistics (instant rise, steady
// fall), so a 10-per-second display reads like a hardware meter rather than flickering.

export const METER_FLOOR_DB = -60;

/** A linear peak (0..1+) in dBFS, clamped to [METER_FLOOR_DB, 0]. */
export function peakToDb(peak: number): number {
  if (!(peak > 0)) return METER_FLOOR_DB;
  return Math.min(0, Math.max(METER_FLOOR_DB, 20 * Math.log10(peak)));
}

/** The meter's next reading: it jumps up to a new peak and falls at most `fallDbPerSecond`. */
export function meterStep(previousDb: number, peakDb: number, elapsedMs: number, fallDbPerSecond = 30): number {
  const fallen = previousDb - (fallDbPerSecond * Math.max(0, elapsedMs)) / 1000;
  return Math.max(METER_FLOOR_DB, peakDb, fallen);
}

/** Words for assistive technology: "−12 dB", "silent". */
export function describeLevel(db: number, { t }: StudioTranslator): string {
  return db <= METER_FLOOR_DB ? t('audio.meter.silent') : t('audio.meter.db', { db: Math.round(db) });
}

/** A gain factor as the slider says it: 1 → "100 %". */
export function describeGain(gain: number, { t }: StudioTranslator): string {
  return t('audio.gain', { percent: Math.round(gain * 100) });
}
