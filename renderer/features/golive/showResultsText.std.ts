import { formatPrice } from '../../../contract/schemas/product.std';
import type { Money, ShowResults } from '../../../contract/schemas/showResults.std';

// The show's results in the merchant's words.

/** "1 h 05 min", "12 min 30 s", "40 s". */
export function showLength(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(rest).padStart(2, '0')} s`;
  return `${rest} s`;
}

/** "¥167.00", "¥167.00 + $8.00", or "None" (a figure in a box: short). */
export function salesText(gmv: readonly Money[]): string {
  return gmv.length === 0 ? 'None' : gmv.map((money) => formatPrice(money.amountMinor, money.currency)).join(' + ');
}

/** What happens to the clips of the products shown. */
export function clipsText(clips: ShowResults['clips']): string {
  if (clips.length === 0) return 'No product was shown, so there are no product clips to cut.';
  const names = clips.map((clip) => clip.name).join(', ');
  return clips.length === 1 ? `Cutting a clip of ${names}: it appears in the Library when ready.` : `Cutting ${clips.length} clips (${names}): they appear in the Library when ready.`;
}

/** What viewers' Buy does now; `formatTime` turns a room-clock time into the merchant's clock time. */
export function buyText(buyUntil: number | null, formatTime: (ms: number) => string): string {
  return buyUntil === null ? 'Buying closed for viewers when the show ended.' : `Viewers can still buy until ${formatTime(buyUntil)}.`;
}

/** The choices End Live offers: "Close Buy now", "Keep Buy open 10 minutes". */
export function graceLabel(minutes: number): string {
  return minutes === 0 ? 'Close Buy now' : `Keep Buy open ${minutes} minutes`;
}
