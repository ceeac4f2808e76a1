import type { ReplayChapter } from './showTimeline.std';

// A show's chapters as an FFMETADATA file: the joined recording (showRepair.node.ts) and the
// whole-show export (main/replay/exportJobs.node.ts) carry one chapter per promotion.

/** FFMETADATA escapes `=`, `;`, `#`, `\` and line breaks with a backslash. */
function metadataValue(value: string): string {
  return value.replace(/[=;#\\\n]/g, (character) => `\\${character}`).replace(/\r/g, '');
}

/**
 * The show's title and chapters as FFMETADATA (ms time base). Chapters must end within the
 * recording: a chapter past its end makes the MP4 claim that length, so `durationMs` closes them.
 */
export function buildChapterMetadata(title: string | null, chapters: readonly ReplayChapter[], durationMs: number): string {
  const lines = [';FFMETADATA1'];
  if (title !== null) lines.push(`title=${metadataValue(title)}`);
  const length = Math.round(durationMs);
  const add = (start: number, end: number, name: string) => lines.push('[CHAPTER]', 'TIMEBASE=1/1000', `START=${start}`, `END=${end}`, `title=${metadataValue(name)}`);
  // MP4 chapters run back to back from 0: the time before the first promotion, between two (a
  // promotion taken down) and after the last are chapters of their own, or players stretch their
  // neighbours over it.
  let covered = 0;
  for (const chapter of chapters) {
    const start = Math.max(covered, Math.round(chapter.startMs));
    const end = Math.min(length, Math.round(chapter.endMs ?? durationMs));
    if (end <= start) continue;
    if (start > covered) add(covered, start, covered === 0 ? 'Opening' : 'Between products');
    add(start, end, chapter.productName);
    covered = end;
  }
  if (covered > 0 && covered < length) add(covered, length, 'After the products');
  return `${lines.join('\n')}\n`;
}
