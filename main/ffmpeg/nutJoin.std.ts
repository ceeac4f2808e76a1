// The encoder writes one NUT stream; each destination's remuxer reads a copy. A remuxer that
// starts (or restarts) mid-stream needs what FFmpeg reads first: the stream's header (everything
// before the first syncpoint: main and stream headers with the codecs' extradata), then the
// stream from a syncpoint; FFmpeg skips from there to the next keyframe by itself.

/** NUT's syncpoint startcode ('N' 'K' then 6 bytes), libavformat/nut.h SYNCPOINT_STARTCODE. */
export const NUT_SYNCPOINT = Uint8Array.of(0x4e, 0x4b, 0xe4, 0xad, 0xee, 0xca, 0x45, 0x69);

export interface StreamOutput {
  write(bytes: Uint8Array): void;
}

export interface NutFanout {
  /** Bytes from the encoder, in any chunking. */
  push(chunk: Uint8Array): void;
  /** A new reader: it receives the header, then the stream from the next syncpoint. */
  join(output: StreamOutput): void;
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

export function createNutFanout(): NutFanout {
  const live = new Set<StreamOutput>();
  const waiting = new Set<StreamOutput>();
  let headerParts: Uint8Array[] = [];
  let header: Uint8Array | null = null;
  let tail = new Uint8Array(0);

  const concat = (parts: readonly Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
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
          headerParts = [];
        }
      }
      for (const output of live) output.write(chunk);
      const from = header ? starts[0] : undefined;
      if (waiting.size > 0 && header && from !== undefined) {
        const lead = from < 0 ? NUT_SYNCPOINT.slice(0, -from) : new Uint8Array(0);
        const rest = chunk.subarray(Math.max(0, from));
        for (const output of waiting) {
          output.write(header);
          if (lead.length > 0) output.write(lead);
          output.write(rest);
          live.add(output);
        }
        waiting.clear();
      }
      tail = chunk.length >= NUT_SYNCPOINT.length - 1 ? chunk.slice(chunk.length - (NUT_SYNCPOINT.length - 1)) : concat([tail, chunk]).slice(-(NUT_SYNCPOINT.length - 1));
    },
    join(output) {
      live.delete(output);
      waiting.add(output);
    },
    leave(output) {
      live.delete(output);
      waiting.delete(output);
    },
    reset() {
      header = null;
      headerParts = [];
      tail = new Uint8Array(0);
      for (const output of live) waiting.add(output);
      live.clear();
    },
  };
}
