import type { ReplayMark } from '../../../contract/schemas/replay.std';
import { formatClock } from './replayTime.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

/** Where a moment sits along the timeline, in percent, kept on the bar (marks past the recording's end sit at its end). */
export function percentAlong(atMs: number, lengthMs: number): number {
  if (!(lengthMs > 0)) return 0;
  return Math.min(100, Math.max(0, (atMs / lengthMs) * 100));
}

/** How much of the bar a promotion covers: to its end, or to the end of the show when it ran to the end. */
export function promotionWidthPercent(mark: Extract<ReplayMark, { kind: 'promotion' }>, lengthMs: number): number {
  return percentAlong(mark.endMs ?? lengthMs, lengthMs) - percentAlong(mark.atMs, lengthMs);
}

/**
 * The length the timeline spans: the show's own length when the library knows it, else the
 * video's (a show whose length was not read yet), else as far as its marks go.
 */
export function timelineLengthMs(durationSec: number | null, mediaMs: number | null, marks: readonly ReplayMark[]): number {
  if (durationSec !== null) return durationSec * 1000;
  if (mediaMs !== null && Number.isFinite(mediaMs)) return mediaMs;
  return marks.reduce((longest, mark) => Math.max(longest, mark.atMs, mark.kind === 'promotion' ? (mark.endMs ?? 0) : 0), 0);
}

/** A mark's accessible name and tooltip: "Promotion: Silk scarf at 1:05", "Pin: Ana at 2:10", "12 orders at 3:00". */
export function markLabel(mark: ReplayMark, { t }: StudioTranslator): string {
  const at = formatClock(mark.atMs);
  switch (mark.kind) {
    case 'promotion':
      return t('library.mark.promotion', { name: mark.productName, at });
    case 'pin':
      return t('library.mark.pin', { name: mark.name, at });
    case 'orders':
      return t('library.mark.orders', { count: mark.orders, at });
  }
}
