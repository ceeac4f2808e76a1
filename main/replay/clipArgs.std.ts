import { commonArgs } from '../ffmpeg/ffmpegArgs.std';

// FFmpeg arguments for a show's clips, as arrays (never a shell string). A keyframe cut copies
// the show's own packets: seeking the input (`-ss` before `-i`) starts at the keyframe at or
// before the chapter (2 s apart in a Shopcast recording), so a clip is exact to within 2 s and
// costs no more than reading its bytes; `make_zero` starts its timestamps at 0 so players do not
// wait out a negative start. An exact cut re-encodes, from the chapter's first frame.

export type CutMode = 'keyframe' | 'exact';

export interface ClipRange {
  startMs: number;
  /** null: to the end of the show. */
  durationMs: number | null;
}

/** Progress on stdout: the MP4 goes to a file, so stdout is free. */
export const CLIP_PROGRESS_FD = 1;

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function buildClipArgs(input: string, range: ClipRange, output: string, mode: CutMode): readonly string[] {
  const codecs =
    mode === 'keyframe'
      ? ['-c', 'copy', '-avoid_negative_ts', 'make_zero']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k'];
  return [
    ...commonArgs,
    '-progress', `pipe:${CLIP_PROGRESS_FD}`, '-stats_period', '0.5',
    '-y',
    '-ss', seconds(range.startMs),
    '-i', input,
    ...(range.durationMs === null ? [] : ['-t', seconds(range.durationMs)]),
    '-map', '0:v:0', '-map', '0:a:0?',
    ...codecs,
    // The show's chapters are the show's: a clip is one of them.
    '-map_chapters', '-1',
    '-movflags', '+faststart', '-f', 'mp4', output,
  ];
}

/** A JPEG of one frame, 480 pixels wide: the clip's picture in a list. `-update 1`: one image, not a sequence. */
export function buildThumbnailArgs(clip: string, atMs: number, output: string): readonly string[] {
  return [...commonArgs, '-y', '-ss', seconds(atMs), '-i', clip, '-frames:v', '1', '-vf', 'scale=480:-2', '-q:v', '4', '-update', '1', '-f', 'image2', output];
}
