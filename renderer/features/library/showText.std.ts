import type { ShowState, ShowSummary } from '../../../contract/schemas/replay.std';
import { formatClock } from './replayTime.std';

export const showStateLabels: Record<ShowState, string> = {
  ready: 'Ready',
  recording: 'Recording now',
  'needs-repair': 'Needs repair',
  repairing: 'Repairing…',
  broken: 'Broken',
};

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
export function formatShowDate(startedAt: number | null, locale?: string, timeZone?: string): string {
  if (startedAt === null) return 'Date unknown';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(startedAt);
}

export function formatShowLength(durationSec: number | null): string {
  return durationSec === null ? 'Length unknown' : formatClock(durationSec * 1000);
}

/** The products a show promoted, the first few by name: a row stays one line however long the show ran. */
export function productsLine(products: ShowSummary['productsPromoted'], shown = 3): string {
  if (products.length === 0) return 'No products promoted';
  const names = products.slice(0, shown).map((product) => product.productName);
  const more = products.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}
