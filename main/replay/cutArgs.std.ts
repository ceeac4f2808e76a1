import { commonArgs } from '../encoder/ffmpegArgs.std';

// FFmpeg arguments for a show's clips, as arrays (never a shell string). A keyframe cut copies
// the show's own packets: seeking the input (`-ss` before `-i`) starts at the keyframe at or
// before the chapter (2 s apart in a Shopcast recording), so a clip is exact to within 2 s and
// costs no more than reading its bytes. An exact cut re-encodes from the chapter's first frame.

export type CutMode = 'keyframe' | 'exact';

export interface ClipRange {
  startSec: number;
  /** null: to the end of the show. */
  durationSec: number | null;
}

const seconds = (value: number) => value.toFixed(3);

export function buildClipArgs(input: string, range: ClipRange, output: string, mode: CutMode): readonly string[] {
  const codecs =
    mode === 'keyframe'
      ? ['-c', 'copy', '-avoid_negative_ts', 'make_zero']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k'];
  return [
    ...commonArgs,
    '-y',
    '-ss', seconds(range.startSec),
    '-i', input,
    ...(range.durationSec === null ? [] : ['-t', seconds(range.durationSec)]),
    '-map', '0:v:0', '-map', '0:a:0?',
    ...codecs,
    '-movflags', '+faststart', '-f', 'mp4', output,
  ];
}

/** A JPEG of the clip's middle frame, 480 pixels wide: the clip's picture in a list. */
export function buildThumbnailArgs(clip: string, atSec: number, output: string): readonly string[] {
  return [...commonArgs, '-y', '-ss', seconds(atSec), '-i', clip, '-frames:v', '1', '-vf', 'scale=480:-2', '-q:v', '4', '-update', '1', '-f', 'image2', output];
}
