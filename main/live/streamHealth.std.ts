import type { StreamHealth } from '../../contract/schemas/live.std';
import type { FfmpegProgress } from '../ffmpeg/ffmpegProgress.std';
import { PROGRESS_PERIOD_SECONDS } from '../ffmpeg/ffmpegArgs.std';

// The stream's health in plain words, from the encoder's last few `-progress` blocks (one a
// second): rates from the change between blocks rather than FFmpeg's whole-run averages, and a
// warning with the fix when the encoder falls behind or the program arrives late.

/** Below this speed for three blocks in a row, the encoder is not keeping up with real time. */
const SLOW_SPEED = 0.95;
/** More than this share of frames duplicated in a second: the compositor's frames come late. */
const LATE_FRAME_SHARE = 0.1;

/**
 * `aboveLowest`: the output is larger than 720p, so lowering it is advice worth giving.
 * `outputFps`: the show's frame rate. The figure shown as fps is how many of the show's frames a
 * second are new pictures rather than repeats of a late one: the encoder always writes
 * `outputFps`, and per second of wall time its count jumps about when a loaded machine delays
 * its reports (it read 118 fps on one), which says nothing a shopkeeper can use.
 */
export function healthOf(recent: readonly FfmpegProgress[], encoder: string, aboveLowest: boolean, outputFps: number): StreamHealth {
  const latest = recent.at(-1);
  const previous = recent.at(-2);
  if (!latest) return { fps: null, bitrateKbps: null, speed: null, droppedFrames: 0, duplicatedFrames: 0, encoder, warning: null };
  const seconds = PROGRESS_PERIOD_SECONDS;
  const frames = previous && latest.frame !== null && previous.frame !== null ? latest.frame - previous.frame : null;
  const duplicatedNow = previous ? latest.dupFrames - previous.dupFrames : 0;
  const fps = frames !== null && frames > 0 ? Math.round(outputFps * Math.max(0, frames - duplicatedNow) / frames) : latest.fps;
  const bytes = previous && latest.totalSizeBytes !== null && previous.totalSizeBytes !== null ? latest.totalSizeBytes - previous.totalSizeBytes : null;
  const bitrateKbps = bytes !== null ? Math.round((bytes * 8) / 1000 / seconds) : latest.bitrateKbps;
  const lastThree = recent.slice(-3);
  const slow = lastThree.length === 3 && lastThree.every((block) => block.speed !== null && block.speed < SLOW_SPEED);
  const late = frames !== null && frames > 0 && duplicatedNow / frames > LATE_FRAME_SHARE;
  const lower = aboveLowest ? ', or lower the output to 720p' : '';
  const slowFix = encoder === 'libx264' ? `close other programs${lower}; a computer with a hardware H.264 encoder does this for far less` : `close other programs${lower}`;
  const warning = slow
    ? `The encoder cannot keep up (${latest.speed?.toFixed(2) ?? '?'}× real time): ${slowFix}.`
    : late
      ? `${duplicatedNow} of ${frames} frames came late from the compositor in the last second: close other programs${lower}.`
      : null;
  return { fps, bitrateKbps, speed: latest.speed, droppedFrames: latest.dropFrames, duplicatedFrames: latest.dupFrames, encoder, warning };
}
