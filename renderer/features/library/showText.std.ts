import type { ShowSummary } from '../../../contract/schemas/replay.std';
import { formatClock } from './replayTime.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

/** "1.2 GB", "350 MB", "12 KB": decimal units, as the file managers the merchant compares with write them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** When the show went live, in the merchant's language and zone; the zone is an argument for the tests. */
export function formatShowDate(startedAt: number | null, { t, locale }: StudioTranslator, timeZone?: string): string {
  if (startedAt === null) return t('library.dateUnknown');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(startedAt);
}

export function formatShowLength(durationSec: number | null, { t }: StudioTranslator): string {
  return durationSec === null ? t('library.lengthUnknown') : formatClock(durationSec * 1000);
}

/** The products a show promoted, the first few by name: a row stays one line however long the show ran. */
export function productsLine(products: ShowSummary['productsPromoted'], { t, all }: StudioTranslator, shown = 3): string {
  if (products.length === 0) return t('library.noProducts');
  const names = products.slice(0, shown).map((product) => product.productName);
  const more = products.length - names.length;
  // "Scarf, Teapot, Cup, and 2 more" / "围巾、茶壶、茶杯和另外 2 个": the rest is the list's last item.
  return all(more > 0 ? [...names, t('library.nMore', { count: more })] : names);
}
