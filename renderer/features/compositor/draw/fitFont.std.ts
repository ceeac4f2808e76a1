// Text on the picture shrinks before it is cut: a caption that is a little long for its box
// (a 9:16 layout, a longer product name) is still read whole, down to a size a viewer on a phone
// can read; only past that is it cut with '…' (fitText, wrapText).

/** The smallest share of its set size a text shrinks to. */
export const SHRINK_FLOOR = 0.6;
/** Nothing shrinks below this many pixels of a 720-line picture. */
export const MIN_READABLE_PX = 14;

/** How far text set at `size` may shrink: 60 % of it, never below 14 px at 720 lines, never above `size`. */
export function readableFloor(size: number, unit: number): number {
  return Math.min(size, Math.max(size * SHRINK_FLOOR, MIN_READABLE_PX * unit));
}

/** Steps of the search: the size found is within (size − floor) / 2^8 of the largest that fits. */
const SEARCH_STEPS = 8;

/**
 * The largest font size in [floor, size] at which `fits` holds, or `floor` when none does (the
 * caller then cuts the text). `fits` must hold for every size below one it holds for, as text
 * width and height do.
 */
export function fitFontSize(size: number, floor: number, fits: (px: number) => boolean): number {
  if (floor >= size || fits(size)) return size;
  if (!fits(floor)) return floor;
  let lo = floor;
  let hi = size;
  for (let step = 0; step < SEARCH_STEPS; step += 1) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
