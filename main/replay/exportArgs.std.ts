import { commonArgs } from '../ffmpeg/ffmpegArgs.std';
import type { ReplayChapter } from '../ffmpeg/showTimeline.std';

// FFmpeg's inputs and arguments for a show's exports: its chapters as an FFMETADATA file (the
// joined recording and the whole-show export carry one chapter per promotion), a clip as 9:16,
// the whole show as one fast-start MP4. Arrays, never a shell string.

export type VerticalLayout = 'crop' | 'letterbox';

/** Progress on stdout: every output goes to a file. */
export const EXPORT_PROGRESS_FD = 1;
const VERTICAL = { width: 1080, height: 1920 } as const;

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

/** The filter that makes a 1080×1920 picture: the middle cut out (crop), or the whole picture with bars (letterbox). */
export function verticalFilter(layout: VerticalLayout): string {
  const { width, height } = VERTICAL;
  return layout === 'crop'
    ? `scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height},setsar=1`
    : `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1`;
}

/** A clip re-encoded as 9:16 for phone-first feeds; its AAC audio is copied. */
export function buildVerticalArgs(clip: string, layout: VerticalLayout, output: string): readonly string[] {
  return [
    ...commonArgs,
    '-progress', `pipe:${EXPORT_PROGRESS_FD}`, '-stats_period', '0.5',
    '-y', '-i', clip,
    '-map', '0:v:0', '-map', '0:a:0?',
    '-vf', verticalFilter(layout),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '21', '-pix_fmt', 'yuv420p',
    '-c:a', 'copy', '-map_chapters', '-1',
    '-movflags', '+faststart', '-f', 'mp4', output,
  ];
}

/** The whole show, copied with its title and a chapter per promotion (`metadataFile`: buildChapterMetadata). */
export function buildShowExportArgs(show: string, metadataFile: string, output: string): readonly string[] {
  return [
    ...commonArgs,
    '-progress', `pipe:${EXPORT_PROGRESS_FD}`, '-stats_period', '0.5',
    '-y', '-i', show,
    '-f', 'ffmetadata', '-i', metadataFile,
    '-map', '0:v:0', '-map', '0:a:0?', '-map_metadata', '1', '-map_chapters', '1',
    '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', output,
  ];
}
