import { commonArgs } from './ffmpegArgs.std';

// Whether a recording plays, with FFmpeg alone (ffmpeg-static ships no ffprobe). Reading the
// header is not enough: an MP4 cut short after a fast-start moov still announces its full length,
// so a check reads every packet, copying to the null muxer (no decoding: a disk-speed read), and
// takes the length from the last `-progress` block.

/** Progress on stdout: the null muxer writes nothing there. */
export const CHECK_PROGRESS_FD = 1;

export function buildReadCheckArgs(file: string): readonly string[] {
  return [
    ...commonArgs,
    '-progress', `pipe:${CHECK_PROGRESS_FD}`, '-stats_period', '5',
    '-i', file,
    '-map', '0:v:0', '-map', '0:a?', '-c', 'copy', '-f', 'null', '-',
  ];
}

/** The header only, for listing: `ffmpeg -i` prints it on stderr and exits 1 (no output given). */
export function buildHeaderArgs(file: string): readonly string[] {
  return ['-hide_banner', '-nostdin', '-i', file];
}

export interface MediaHeader {
  /** null: the container does not say (a Matroska segment cut short by a crash). */
  durationSec: number | null;
  video: boolean;
  audio: boolean;
}

/** What `ffmpeg -i` says of its input; null when it could not read it. */
export function parseHeader(stderr: string): MediaHeader | null {
  if (!/^Input #0,/m.test(stderr)) return null;
  const duration = /^\s*Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/m.exec(stderr);
  return {
    durationSec: duration ? Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]) : null,
    video: /^\s*Stream #0:\d+.*: Video: /m.test(stderr),
    audio: /^\s*Stream #0:\d+.*: Audio: /m.test(stderr),
  };
}
