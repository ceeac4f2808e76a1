import { graphemes, sanitizeViewerText } from '../../../../contract/text/viewerText.std';

// Viewer text is hostile: it reaches the stream through these functions only, so every one of
// them bounds its work by grapheme counts before it measures anything.

export const ELLIPSIS = '…';

/** How many graphemes an overlay keeps; more can never fit a box on a 720-line picture. */
export const MAX_OVERLAY_GRAPHEMES = 400;

/** fitText and wrapText look at no more than this many graphemes of their input. */
const MAX_FIT_GRAPHEMES = 1000;

/**
 * Plain, single-line, bounded overlay text: no control or bidi-override characters, whitespace
 * runs as one space, at most two combining marks per character, at most `maxGraphemes` graphemes.
 */
export function sanitizeOverlayText(text: string, maxGraphemes = MAX_OVERLAY_GRAPHEMES): string {
  return sanitizeViewerText(text, maxGraphemes);
}

/** The longest prefix of `parts` (whole graphemes) followed by '…' that is at most maxWidth wide. */
function prefixWithEllipsis(parts: readonly string[], maxWidth: number, measure: (s: string) => number): string {
  if (!(measure(ELLIPSIS) <= maxWidth)) return '';
  const candidate = (count: number) => parts.slice(0, count).join('').trimEnd() + ELLIPSIS;
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(candidate(mid)) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return candidate(lo);
}

/** `text` if it fits maxWidth, else its longest grapheme prefix + '…' that does ('' if not even '…'). */
export function fitText(text: string, maxWidth: number, measure: (s: string) => number): string {
  if (text === '') return '';
  const parts = graphemes(text, MAX_FIT_GRAPHEMES + 1);
  if (parts.length <= MAX_FIT_GRAPHEMES && measure(text) <= maxWidth) return text;
  return prefixWithEllipsis(parts.slice(0, MAX_FIT_GRAPHEMES), maxWidth, measure);
}

interface Token {
  text: string;
  spaceBefore: boolean;
}

interface Spill {
  joiner: string;
  text: string;
}

// Han, kana, Hangul and emoji may break on either side (UAX #14 class ID); Latin words may not.
const breaksAnywhere = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Extended_Pictographic}]/u;
// Closing punctuation must not start a line, opening punctuation must not end one.
const noBreakBefore = /^[\p{Pe}\p{Pf}\p{Po}ー々〜]/u;
const noBreakAfter = /[\p{Ps}\p{Pi}]$/u;
const space = /^\s+$/u;

function tokenize(parts: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let spaceBefore = false;
  let open: Token | null = null;
  let openBreaksAfter = false;
  for (const part of parts) {
    if (space.test(part)) {
      spaceBefore = true;
      open = null;
      continue;
    }
    const anywhere = breaksAnywhere.test(part);
    const glue = open !== null && !spaceBefore && (noBreakBefore.test(part) || noBreakAfter.test(open.text) || (!anywhere && !openBreaksAfter));
    if (open !== null && glue) {
      open.text += part;
    } else {
      open = { text: part, spaceBefore };
      tokens.push(open);
    }
    openBreaksAfter = anywhere;
    spaceBefore = false;
  }
  return tokens;
}

/** Largest count of leading graphemes of `parts` whose text is at most maxWidth wide. */
function fittingPrefix(parts: readonly string[], maxWidth: number, measure: (s: string) => number): number {
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(parts.slice(0, mid).join('')) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Word-wraps `text` into at most maxLines lines of at most maxWidth; breaks between words, or
 * between graphemes in CJK and in words wider than a line. When text remains, the last line
 * ends with '…'.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: (s: string) => number): string[] {
  if (maxLines < 1) return [];
  const parts = graphemes(text, MAX_FIT_GRAPHEMES + 1);
  const truncated = parts.length > MAX_FIT_GRAPHEMES;
  const tokens = tokenize(parts.slice(0, MAX_FIT_GRAPHEMES));
  const lines: string[] = [];
  let line = '';

  // Places one token; returns what would have started line maxLines + 1, if it came to that.
  const place = (token: Token): Spill | null => {
    const joiner = token.spaceBefore ? ' ' : '';
    if (line !== '') {
      const candidate = line + joiner + token.text;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        return null;
      }
      if (lines.length + 1 >= maxLines) return { joiner, text: token.text };
      lines.push(line);
      line = '';
    }
    if (measure(token.text) <= maxWidth) {
      line = token.text;
      return null;
    }
    let rest = graphemes(token.text);
    for (;;) {
      const count = fittingPrefix(rest, maxWidth, measure);
      if (count === 0) return { joiner: '', text: rest.join('') };
      line = rest.slice(0, count).join('');
      rest = rest.slice(count);
      if (rest.length === 0) return null;
      if (lines.length + 1 >= maxLines) return { joiner: '', text: rest.join('') };
      lines.push(line);
      line = '';
    }
  };

  let spill: Spill | null = null;
  for (const token of tokens) {
    spill = place(token);
    if (spill) break;
  }
  if (spill) lines.push(prefixWithEllipsis(graphemes(line + spill.joiner + spill.text, MAX_FIT_GRAPHEMES), maxWidth, measure));
  else if (truncated) lines.push(prefixWithEllipsis(graphemes(line), maxWidth, measure));
  else lines.push(line);
  return lines.filter((l) => l !== '');
}
