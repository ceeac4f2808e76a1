// Viewer text is hostile: names and comments are cleaned once where they enter (the live room)
// and again wherever they are drawn, by these functions, which bound their work by grapheme
// counts before they look at anything.

/** Zalgo stacks marks upward until they cover the line above; real scripts need at most two. */
const MAX_MARKS_PER_BASE = 2;

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Bidi embeddings, overrides and isolates ("\u202Egnp.exe" shows as "exe.png"), marks, the BOM.
const invisibleControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// eslint-disable-next-line no-control-regex -- stripping control characters is the point.
const nonSpaceControls = /(?![\t\n\v\f\r\u0085])[\u0000-\u001F\u007F-\u009F]/g;
const whitespaceRun = /[\s\u0085]+/g;
const mark = /\p{M}/u;
const printableAscii = /^[\x20-\x7E]*$/;
const spaceRun = / {2,}/g;
const formatChar = /\p{Cf}/u;
// Zero-width spaces and joiners, word joiners, the Hangul fillers (U+3164, U+115F, U+1160, U+FFA0),
// variation selectors, tags, the Braille blank: each draws nothing, so text made only of them is
// empty (docs/ROOM-PROTOCOL.md) — a blank name or comment. Kept inside visible text (emoji need ZWJ).
const onlyInvisible = /^[\p{Default_Ignorable_Code_Point}\p{White_Space}\u2800]*$/u;

/** The first `max` graphemes of `text`, segmenting no further than that. */
export function graphemes(text: string, max = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  if (max <= 0) return out;
  for (const { segment } of graphemeSegmenter.segment(text)) {
    out.push(segment);
    if (out.length >= max) break;
  }
  return out;
}

function capMarks(grapheme: string): string {
  let out = '';
  let marks = 0;
  for (const codePoint of grapheme) {
    if (mark.test(codePoint)) {
      if (marks >= MAX_MARKS_PER_BASE) continue;
      marks += 1;
    } else if (!formatChar.test(codePoint)) {
      // Counted per base character (not per grapheme) so emoji ZWJ sequences and Indic
      // conjuncts keep every variation selector and vowel sign; a ZWJ does not reset the count.
      marks = 0;
    }
    out += codePoint;
  }
  return out;
}

/**
 * Plain, single-line, bounded text: no control or bidi-override characters, whitespace runs as
 * one space, at most two combining marks per character, at most `maxGraphemes` graphemes; ''
 * when nothing visible is left.
 */
export function sanitizeViewerText(text: string, maxGraphemes: number): string {
  // Most comments are plain printable ASCII, where every character is a grapheme and nothing
  // needs removing: the segmenter (most of a busy room's CPU per comment) is skipped.
  if (printableAscii.test(text)) return text.replace(spaceRun, ' ').trim().slice(0, maxGraphemes).trimEnd();
  // A grapheme with its capped marks is rarely over 16 UTF-16 units; cutting the raw string
  // first keeps a megabyte of input from costing more than a few kilobytes of work.
  const raw = text.slice(0, maxGraphemes * 16 + 16);
  const flat = raw
    .replace(loneSurrogate, '')
    .replace(invisibleControls, '')
    .replace(nonSpaceControls, '')
    .replace(whitespaceRun, ' ')
    .trim();
  let out = '';
  let count = 0;
  for (const { segment } of graphemeSegmenter.segment(flat)) {
    if (count >= maxGraphemes) break;
    out += capMarks(segment);
    count += 1;
  }
  return onlyInvisible.test(out) ? '' : out.trimEnd();
}
