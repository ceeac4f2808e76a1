// Words the merchant does not want said: their own blocked words, and the advertising-law
// superlatives ("最", "第一", "best") platforms punish a show for. One matcher for the panel's
// comment list (a <mark> on each word), the pre-flight check of overlays and product names, and
// anything else that needs it, so a word flagged in one place is flagged in every place.
//
// Matching rules:
// - Case and width do not matter: text and words are compared after NFKC and lower-casing, so
//   "ＢＥＳＴ" and "Best" are "best"; offsets still point into the original text (UTF-16 units).
// - A CJK word (Han, kana, Hangul) matches anywhere: Chinese has no spaces, so "最" flags
//   "全网最低价".
// - A word that starts or ends with a Latin (or other spaced-script) letter or digit matches only
//   where that side is a word boundary: "best" flags "the best!" and "BEST-price" but not
//   "bestow" or "bestseller" (a product category, not a claim; add "bestseller" itself to flag it);
//   "No. 1" does not flag "No. 12". A CJK neighbour counts as a boundary ("全网best").
// - Spaces inside a word match any run of whitespace, or none: "No. 1" flags "No.1", and
//   "number one" flags "numberone" (spelling a claim differently is still the claim).
// - Overlapping matches are merged: the longest wins (a blocked word over a superlative of the
//   same length), so "第一名" listed with "第一" is one mark, not two.

export type FlagKind = 'blocked' | 'superlative';

export interface FlaggedWord {
  /** UTF-16 offsets into the original text: text.slice(start, end) is what was flagged. */
  start: number;
  end: number;
  /** The word as the list has it ("No. 1"), not as the text spelled it ("no.1"). */
  word: string;
  kind: FlagKind;
}

export interface WordLists {
  blockedWords: readonly string[];
  flaggedSuperlatives: readonly string[];
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const letterOrDigit = /[\p{L}\p{N}\p{M}]/u;

/** A character that makes a word continue: a letter or digit of a script written with spaces. */
function isWordChar(char: string | undefined): boolean {
  return char !== undefined && letterOrDigit.test(char) && !cjk.test(char);
}

function normalizeWord(word: string): string {
  return word.normalize('NFKC').toLowerCase().trim();
}

/** Spaces removed: how a matched stretch of text finds its word again. */
function canonical(normalized: string): string {
  return normalized.replace(/\s+/gu, '');
}

interface Needle {
  word: string;
  kind: FlagKind;
  boundaryStart: boolean;
  boundaryEnd: boolean;
}

interface Matcher {
  regex: RegExp | null;
  needles: Map<string, Needle>;
}

function compile(lists: WordLists): Matcher {
  const needles = new Map<string, Needle>();
  const patterns = new Map<string, string>();
  // Blocked words first: the merchant's own list names a word that is on both.
  for (const [kind, words] of [
    ['blocked', lists.blockedWords],
    ['superlative', lists.flaggedSuperlatives],
  ] as const) {
    for (const word of words) {
      const normalized = normalizeWord(word);
      const key = canonical(normalized);
      if (key === '' || needles.has(key)) continue;
      const points = [...normalized];
      needles.set(key, { word: word.trim(), kind, boundaryStart: isWordChar(points[0]), boundaryEnd: isWordChar(points.at(-1)) });
      patterns.set(
        key,
        normalized
          .split(/\s+/u)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
          .join('\\s*'),
      );
    }
  }
  if (patterns.size === 0) return { regex: null, needles };
  // Longest first: at one position the alternation takes the first alternative that matches.
  const alternatives = [...patterns.entries()].sort(([a], [b]) => b.length - a.length).map(([, pattern]) => pattern);
  return { regex: new RegExp(alternatives.join('|'), 'gu'), needles };
}

// The panel checks every comment against the same two lists: compile once per list change.
let cached: { key: string; matcher: Matcher } | null = null;

function matcherFor(lists: WordLists): Matcher {
  const key = JSON.stringify([lists.blockedWords, lists.flaggedSuperlatives]);
  if (cached?.key !== key) cached = { key, matcher: compile(lists) };
  return cached.matcher;
}

interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, the original range it came from. */
  from: number[];
  to: number[];
}

/**
 * The text as the words are compared: NFKC and lower case, a character with its combining marks
 * at a time (so "e" + U+0301 composes as "é" does), keeping where each unit came from.
 */
function fold(text: string): Folded | null {
  // The common case, plain ASCII, folds in place.
  if (/^[\t\n\r\x20-\x7e]*$/.test(text)) return null;
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  for (const match of text.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) {
    const start = match.index;
    const end = start + match[0].length;
    const piece = match[0].normalize('NFKC').toLowerCase();
    folded += piece;
    for (let i = 0; i < piece.length; i += 1) {
      from.push(start);
      to.push(end);
    }
  }
  return { text: folded, from, to };
}

/** Every blocked word and superlative in `text`, in order, none overlapping. */
export function findFlaggedWords(text: string, lists: WordLists): FlaggedWord[] {
  const { regex, needles } = matcherFor(lists);
  if (!regex || text === '') return [];
  const folded = fold(text);
  const haystack = folded?.text ?? text.toLowerCase();
  const candidates: (FlaggedWord & { length: number })[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(haystack); match !== null; match = regex.exec(haystack)) {
    const at = match.index;
    const end = at + match[0].length;
    // Next search from the next position, not the match's end: a longer word may start inside it.
    regex.lastIndex = at + ((haystack.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
    const needle = needles.get(canonical(match[0]));
    if (!needle) continue;
    if (needle.boundaryStart && isWordChar(charBefore(haystack, at))) continue;
    if (needle.boundaryEnd && isWordChar(charAt(haystack, end))) continue;
    const start = folded ? (folded.from[at] ?? at) : at;
    const stop = folded ? (folded.to[end - 1] ?? end) : end;
    candidates.push({ start, end: stop, word: needle.word, kind: needle.kind, length: stop - start });
  }
  const kept: FlaggedWord[] = [];
  candidates.sort((a, b) => b.length - a.length || (a.kind === b.kind ? 0 : a.kind === 'blocked' ? -1 : 1) || a.start - b.start);
  for (const { length: _length, ...candidate } of candidates) {
    if (kept.some((other) => candidate.start < other.end && other.start < candidate.end)) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function charAt(text: string, index: number): string | undefined {
  const point = text.codePointAt(index);
  return point === undefined ? undefined : String.fromCodePoint(point);
}

function charBefore(text: string, index: number): string | undefined {
  if (index === 0) return undefined;
  const low = text.charCodeAt(index - 1);
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff;
  return charAt(text, isLowSurrogate && index >= 2 ? index - 2 : index - 1);
}

/** The flagged words in a clause, each once: '"最" is an advertising-law superlative; "微信" is on your blocked words list'. */
export function describeFlaggedWords(flags: readonly FlaggedWord[]): string {
  const words = new Map(flags.map((flag) => [flag.word, flag.kind]));
  return [...words]
    .map(([word, kind]) => `"${word}" ${kind === 'superlative' ? 'is an advertising-law superlative' : 'is on your blocked words list'}`)
    .join('; ');
}
