// The encoder writes one MPEG-TS stream; each destination's remuxer reads a copy. A remuxer that
// starts (or restarts) mid-stream must begin where a decoder can: the latest PAT and PMT, then
// the H.264 stream from a keyframe (a packet flagged random-access). TS is built for this, which
// is why it carries the program between processes rather than NUT or Matroska.

export const TS_PACKET = 188;
const SYNC = 0x47;
const H264_STREAM_TYPE = 0x1b;

export interface TsPacketInfo {
  pid: number;
  payloadStart: boolean;
  randomAccess: boolean;
}

export function tsPacketInfo(packet: Uint8Array): TsPacketInfo {
  const pid = (((packet[1] ?? 0) & 0x1f) << 8) | (packet[2] ?? 0);
  const payloadStart = ((packet[1] ?? 0) & 0x40) !== 0;
  const adaptation = ((packet[3] ?? 0) & 0x20) !== 0;
  const randomAccess = adaptation && (packet[4] ?? 0) > 0 && ((packet[5] ?? 0) & 0x40) !== 0;
  return { pid, payloadStart, randomAccess };
}

/** The PMT PID from a PAT packet's first program, or null. */
export function pmtPidOf(pat: Uint8Array): number | null {
  const pointer = pat[4] ?? 0;
  const section = 5 + pointer;
  const sectionLength = (((pat[section + 1] ?? 0) & 0x0f) << 8) | (pat[section + 2] ?? 0);
  for (let offset = section + 8; offset + 4 <= section + 3 + sectionLength - 4; offset += 4) {
    const program = ((pat[offset] ?? 0) << 8) | (pat[offset + 1] ?? 0);
    if (program !== 0) return (((pat[offset + 2] ?? 0) & 0x1f) << 8) | (pat[offset + 3] ?? 0);
  }
  return null;
}

/** The H.264 elementary stream's PID from a PMT packet, or null. */
export function h264PidOf(pmt: Uint8Array): number | null {
  const pointer = pmt[4] ?? 0;
  const section = 5 + pointer;
  const sectionLength = (((pmt[section + 1] ?? 0) & 0x0f) << 8) | (pmt[section + 2] ?? 0);
  const programInfoLength = (((pmt[section + 10] ?? 0) & 0x0f) << 8) | (pmt[section + 11] ?? 0);
  const end = section + 3 + sectionLength - 4;
  for (let offset = section + 12 + programInfoLength; offset + 5 <= end; ) {
    const streamType = pmt[offset] ?? 0;
    const pid = (((pmt[offset + 1] ?? 0) & 0x1f) << 8) | (pmt[offset + 2] ?? 0);
    const infoLength = (((pmt[offset + 3] ?? 0) & 0x0f) << 8) | (pmt[offset + 4] ?? 0);
    if (streamType === H264_STREAM_TYPE) return pid;
    offset += 5 + infoLength;
  }
  return null;
}

export interface TsOutput {
  write(bytes: Uint8Array): void;
}

export interface TsFanout {
  /** Bytes from the encoder, in any chunking. */
  push(chunk: Uint8Array): void;
  /** A new reader: it receives the stream from the next keyframe, headed by the latest PAT and PMT. */
  join(output: TsOutput): void;
  leave(output: TsOutput): void;
  /** Forgets the stream's tables (the encoder restarted: its new stream has its own). */
  reset(): void;
}

export function createTsFanout(): TsFanout {
  const live = new Set<TsOutput>();
  const waiting = new Set<TsOutput>();
  let pat: Uint8Array | null = null;
  let pmt: Uint8Array | null = null;
  let pmtPid: number | null = null;
  let videoPid: number | null = null;
  let carry = new Uint8Array(0);

  /** Readers that became live in the chunk being pushed, with the offset of their first keyframe packet. */
  let promoted = new Map<TsOutput, number>();

  const onPacket = (packet: Uint8Array, at: number) => {
    const info = tsPacketInfo(packet);
    if (info.pid === 0 && info.payloadStart) {
      pat = packet.slice();
      pmtPid = pmtPidOf(packet);
    } else if (info.pid === pmtPid && info.payloadStart) {
      pmt = packet.slice();
      videoPid = h264PidOf(packet);
    }
    if (waiting.size > 0 && info.pid === videoPid && info.randomAccess && pat && pmt) {
      for (const output of waiting) {
        output.write(pat);
        output.write(pmt);
        promoted.set(output, at);
      }
      waiting.clear();
    }
  };

  return {
    push(chunk) {
      let bytes = chunk;
      if (carry.length > 0) {
        bytes = new Uint8Array(carry.length + chunk.length);
        bytes.set(carry);
        bytes.set(chunk, carry.length);
      }
      let offset = 0;
      // Resynchronise on the sync byte if a chunk ever starts mid-packet.
      while (offset < bytes.length && bytes[offset] !== SYNC) offset += 1;
      const whole = offset + Math.floor((bytes.length - offset) / TS_PACKET) * TS_PACKET;
      promoted = new Map();
      for (let at = offset; at < whole; at += TS_PACKET) onPacket(bytes.subarray(at, at + TS_PACKET), at);
      if (whole > offset) {
        const body = bytes.subarray(offset, whole);
        for (const output of live) output.write(body);
      }
      for (const [output, at] of promoted) {
        output.write(bytes.subarray(at, whole));
        live.add(output);
      }
      carry = bytes.slice(whole);
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
      pat = null;
      pmt = null;
      pmtPid = null;
      videoPid = null;
      carry = new Uint8Array(0);
      for (const output of live) waiting.add(output);
      live.clear();
    },
  };
}
