import { formatPrice } from '../../../contract/schemas/product.std';
import type { Money, ShowResults } from '../../../contract/schemas/showResults.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

// The show's results in the merchant's words.

/** "1 h 05 min", "12 min 30 s", "40 s". */
export function showLength(ms: number, { t }: StudioTranslator): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return t('results.hours', { hours, minutes: String(minutes).padStart(2, '0') });
  if (minutes > 0) return t('results.minutes', { minutes, seconds: String(rest).padStart(2, '0') });
  return t('results.seconds', { seconds: rest });
}

/** "¥167.00", "¥167.00 + $8.00", or "None" (a figure in a box: short). */
export function salesText(gmv: readonly Money[], { t }: StudioTranslator): string {
  return gmv.length === 0 ? t('results.noSales') : gmv.map((money) => formatPrice(money.amountMinor, money.currency)).join(' + ');
}

/** What happens to the clips of the products shown. */
export function clipsText(clips: ShowResults['clips'], { t, all }: StudioTranslator): string {
  if (clips.length === 0) return t('results.noClips');
  return t('results.clips', { count: clips.length, names: all(clips.map((clip) => clip.name)) });
}

/** What viewers' Buy does now; `formatTime` turns a room-clock time into the merchant's clock time. */
export function buyText(buyUntil: number | null, formatTime: (ms: number) => string, { t }: StudioTranslator): string {
  return buyUntil === null ? t('results.buyClosed') : t('results.buyUntil', { time: formatTime(buyUntil) });
}
