import { commonArgs } from '../ffmpeg/ffmpegArgs.std';

// FFmpeg's arguments for a show's exports: a clip as 9:16, the whole show as one fast-start MP4
// with its chapters (`buildChapterMetadata`, main/ffmpeg/chapterMetadata.std.ts). Arrays, never a
// shell string.

export type VerticalLayout = 'crop' | 'letterbox';

/** Progress on stdout: every output goes to a file. */
export const EXPORT_PROGRESS_FD = 1;
const VERTICAL = { width: 1080, height: 1920 } as const;

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
