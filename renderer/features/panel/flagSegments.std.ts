import type { FlaggedWord } from '../../../contract/text/wordFlags.std';

/** A run of a comment's text: plain, or a flagged word to show in a `<mark>`. */
export interface TextSegment {
  text: string;
  flag: FlaggedWord | null;
}

/**
 * Cuts text into plain and flagged runs from the flags' offsets. Flags may overlap ("best" inside
 * "the best ever") or come from another list's order: the earliest wins and any flag that starts
 * inside it is dropped; offsets outside the text are clamped, so a stale flag never throws.
 */
export function segmentsOf(text: string, flags: readonly FlaggedWord[]): TextSegment[] {
  if (flags.length === 0) return [{ text, flag: null }];
  const sorted = [...flags].sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const flag of sorted) {
    const start = Math.max(0, Math.min(flag.start, text.length));
    const end = Math.max(start, Math.min(flag.end, text.length));
    if (start < cursor || end === start) continue;
    if (start > cursor) segments.push({ text: text.slice(cursor, start), flag: null });
    segments.push({ text: text.slice(start, end), flag });
    cursor = end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), flag: null });
  return segments;
}
