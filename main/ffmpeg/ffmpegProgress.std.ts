// FFmpeg's `-progress` output: blocks of key=value lines, each ended by `progress=continue` (or
// `progress=end` when FFmpeg finishes), one block per `-stats_period`. The health panel (issue 5)
// reads fps, bitrate, dropped and duplicated frames and speed from it.
//
// What FFmpeg 5.1 really writes, seen here: values padded with spaces (`bitrate= 312.9kbits/s`,
// `speed= 1.8x`), `N/A` before anything is known, `speed=1.51e+03x` when remuxing a file,
// per-stream keys (`stream_0_0_q=30.0`), and `out_time_ms`, which despite its name holds
// microseconds (the same number as `out_time_us`).

export interface FfmpegProgress {
  /** Frames written so far (video). */
  frame: number | null;
  /** FFmpeg's own frames per second (averaged over the run so far). */
  fps: number | null;
  /** Bitrate of everything written, from total size and output time. */
  bitrateKbps: number | null;
  totalSizeBytes: number | null;
  /** Output timeline position, microseconds. */
  outTimeUs: number | null;
  /** Frames repeated to keep the output's constant rate (the input was late or missing). */
  dupFrames: number;
  /** Frames dropped to keep the output's constant rate (the input came too fast). */
  dropFrames: number;
  /** Media time over wall time; below 1 a live encoder is falling behind. */
  speed: number | null;
  /** True for the final block, written as FFmpeg exits normally. */
  ended: boolean;
}

/** Longer lines than this are not FFmpeg's progress; dropped so garbage cannot grow memory. */
const MAX_LINE_CHARS = 4096;

export interface ProgressParser {
  /** Feeds text as it arrives, in chunks cut anywhere; calls back once per complete block. */
  push(text: string): void;
}

export function createProgressParser(onProgress: (progress: FfmpegProgress) => void): ProgressParser {
  let pending = '';
  let discardingLongLine = false;
  let block = new Map<string, string>();

  const takeLine = (line: string): void => {
    const equals = line.indexOf('=');
    if (equals <= 0) return;
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (key !== 'progress') {
      block.set(key, value);
      return;
    }
    onProgress(snapshotOf(block, value === 'end'));
    block = new Map();
  };

  return {
    push(text) {
      pending += text;
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const line = pending.slice(0, newline).replace(/\r$/, '');
        pending = pending.slice(newline + 1);
        if (discardingLongLine) discardingLongLine = false;
        else takeLine(line);
        newline = pending.indexOf('\n');
      }
      if (pending.length > MAX_LINE_CHARS) {
        pending = '';
        discardingLongLine = true;
      }
    },
  };
}

function snapshotOf(block: ReadonlyMap<string, string>, ended: boolean): FfmpegProgress {
  return {
    frame: integerOf(block.get('frame')),
    fps: numberOf(block.get('fps')),
    bitrateKbps: numberOf(block.get('bitrate')?.replace(/kbits\/s$/, '')),
    totalSizeBytes: integerOf(block.get('total_size')),
    outTimeUs: integerOf(block.get('out_time_us')),
    dupFrames: integerOf(block.get('dup_frames')) ?? 0,
    dropFrames: integerOf(block.get('drop_frames')) ?? 0,
    speed: numberOf(block.get('speed')?.replace(/x$/, '')),
    ended,
  };
}

/** A finite number, or null for absent, `N/A` and anything else that is not one. */
function numberOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
}

function integerOf(value: string | undefined): number | null {
  const parsed = numberOf(value);
  return parsed !== null && Number.isInteger(parsed) ? parsed : null;
}
