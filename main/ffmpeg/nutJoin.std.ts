// The encoder writes one NUT stream; each destination's remuxer reads a copy. A remuxer that
// starts (or restarts) mid-stream needs what FFmpeg reads first: the stream's header (everything
// before the first syncpoint: main and stream headers with the codecs' extradata), then the
// stream from a syncpoint, or from a video keyframe's syncpoint for a reader that asks for one
// (nutFrames.std.ts tells them apart).

import { NUT_STREAM } from './ffmpegArgs.std';
import { readFrameCodes, readSyncpoint, type FrameCode, type Syncpoint } from './nutFrames.std';

/** NUT's syncpoint startcode ('N' 'K' then 6 bytes), libavformat/nut.h SYNCPOINT_STARTCODE. */
export const NUT_SYNCPOINT = Uint8Array.of(0x4e, 0x4b, 0xe4, 0xad, 0xee, 0xca, 0x45, 0x69);

export interface StreamOutput {
  write(bytes: Uint8Array): void;
}

/**
 * Where a joining reader starts. `syncpoint`: the next one, whatever follows (a recording loses
 * nothing; FFmpeg drops the video up to the next keyframe itself, keeping the audio before it).
 * `keyframe`: the next video keyframe, with the audio from that moment, so picture and sound
 * start together (an RTMP push back from an outage).
 */
export type JoinFrom = 'syncpoint' | 'keyframe';

export interface NutFanout {
  /** Bytes from the encoder, in any chunking. */
  push(chunk: Uint8Array): void;
  /** A new reader: it receives the header, then the stream from the next syncpoint or keyframe. */
  join(output: StreamOutput, from?: JoinFrom): void;
  leave(output: StreamOutput): void;
  /** The encoder restarted: its new stream has a new header. Every reader joins it afresh. */
  reset(): void;
}

/**
 * Where syncpoints start in `chunk`, given the last bytes of the previous chunk (`before`); a
 * position is negative when the startcode began in the previous chunk.
 */
export function syncpointStarts(before: Uint8Array, chunk: Uint8Array): number[] {
  const starts: number[] = [];
  const length = NUT_SYNCPOINT.length;
  const at = (index: number) => (index < 0 ? before[before.length + index] : chunk[index]);
  for (let start = -before.length; start + length <= chunk.length; start += 1) {
    let match = true;
    for (let k = 0; k < length; k += 1) {
      if (at(start + k) !== NUT_SYNCPOINT[k]) {
        match = false;
        break;
      }
    }
    if (match) starts.push(start);
  }
  return starts;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function createNutFanout(): NutFanout {
  const live = new Map<StreamOutput, JoinFrom>();
  const waiting = new Map<StreamOutput, JoinFrom>();
  let headerParts: Uint8Array[] = [];
  let header: Uint8Array | null = null;
  let frameCodes: FrameCode[] | null = null;
  /** The last bytes of the stream, for a startcode split across chunks. */
  let tail = new Uint8Array(0);
  /** A syncpoint whose first frame has not fully arrived: held (a few bytes) until it has. */
  let undecided: Uint8Array | null = null;

  const admit = (syncpoint: Syncpoint, bytes: Uint8Array) => {
    if (!header) return;
    for (const [output, wants] of waiting) {
      if (wants === 'keyframe' && syncpoint.kind !== 'video-keyframe') continue;
      output.write(header);
      // Zeros, which FFmpeg skips looking for a startcode, so this first syncpoint's back pointer
      // lands inside what it read and the keyframe after it is not thrown away.
      if (wants === 'keyframe') output.write(new Uint8Array(Math.max(0, syncpoint.backBytes - header.length)));
      output.write(bytes);
      waiting.delete(output);
      live.set(output, wants);
    }
  };

  /** Hands waiting readers the stream from the first syncpoint in `bytes` that suits them. */
  const startReaders = (bytes: Uint8Array) => {
    undecided = null;
    for (const start of syncpointStarts(new Uint8Array(0), bytes)) {
      if (waiting.size === 0) return;
      // A header this reader cannot make out: every syncpoint will do, as before keyframes were told apart.
      const syncpoint = frameCodes ? readSyncpoint(bytes, start, frameCodes, NUT_STREAM.video) : { kind: 'video-keyframe' as const, backBytes: 0 };
      if (!syncpoint) {
        undecided = bytes.slice(start);
        return;
      }
      admit(syncpoint, bytes.subarray(start));
    }
  };

  return {
    push(chunk) {
      const starts = syncpointStarts(tail, chunk);
      if (!header) {
        const first = starts[0];
        if (first === undefined) headerParts.push(chunk.slice());
        else {
          // A startcode split across chunks leaves its first bytes in the header's last part.
          const parts = first >= 0 ? [...headerParts, chunk.slice(0, first)] : headerParts;
          const whole = concat(parts);
          header = first >= 0 ? whole : whole.slice(0, whole.length + first);
          frameCodes = readFrameCodes(header);
          headerParts = [];
        }
      }
      for (const output of live.keys()) output.write(chunk);
      if (header && waiting.size > 0) startReaders(concat([undecided ?? tail, chunk]));
      else undecided = null;
      tail = chunk.length >= NUT_SYNCPOINT.length - 1 ? chunk.slice(chunk.length - (NUT_SYNCPOINT.length - 1)) : concat([tail, chunk]).slice(-(NUT_SYNCPOINT.length - 1));
    },
    join(output, from = 'syncpoint') {
      live.delete(output);
      waiting.set(output, from);
    },
    leave(output) {
      live.delete(output);
      waiting.delete(output);
    },
    reset() {
      header = null;
      frameCodes = null;
      headerParts = [];
      tail = new Uint8Array(0);
      undecided = null;
      for (const [output, from] of live) waiting.set(output, from);
      live.clear();
    },
  };
}
