import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

// The replay's clock: times are milliseconds from the moment the show went live, where its
// recording starts (contract/schemas/replay.std.ts).

/** "1:05" under an hour, "1:02:05" from an hour on; whole seconds, rounded down like the video's own controls. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "1:05–2:10", or "from 1:05" for a chapter that ran to the end of a show of unknown length. */
export function formatRange(startMs: number, endMs: number | null, { t }: StudioTranslator): string {
  return endMs === null ? t('library.from', { start: formatClock(startMs) }) : `${formatClock(startMs)}–${formatClock(endMs)}`;
}

interface Timed {
  atMs: number;
}

/**
 * How many of the items (in time order) happened at or before the playhead: a binary search, so
 * following the playhead through 5,000 comments costs a dozen comparisons per `timeupdate`.
 */
export function countUpTo(items: readonly Timed[], playheadMs: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle]?.atMs ?? Infinity) <= playheadMs) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The items in time order: the same array when they already are (the core sends them so), a sorted copy otherwise. */
export function inTimeOrder<T extends Timed>(items: readonly T[]): readonly T[] {
  for (let index = 1; index < items.length; index += 1) {
    if ((items[index]?.atMs ?? 0) < (items[index - 1]?.atMs ?? 0)) return [...items].sort((a, b) => a.atMs - b.atMs);
  }
  return items;
}
