// Just enough of NUT (libavformat/nut.h, nutdec.c; the NUT spec) to tell which syncpoints start a
// video keyframe: the main header's frame-code table says, for each first byte of a frame, its
// flags and stream unless the frame header codes them itself. The encoder's NUT muxer writes a
// syncpoint right before every video keyframe, so a reader started there begins with a picture
// it can decode and with the audio of that same moment.

/** NUT's main header startcode ('N' 'M' then 6 bytes), libavformat/nut.h MAIN_STARTCODE. */
const NUT_MAIN = Uint8Array.of(0x4e, 0x4d, 0x7a, 0x56, 0x1f, 0x5f, 0x04, 0xad);
const STARTCODE_BYTES = 8;
/** A packet header with a forward pointer above this carries a 4-byte header checksum. */
const HEADER_CHECKSUM_ABOVE = 4096;
const FLAG_KEY = 1;
const FLAG_STREAM_ID = 16;
const FLAG_CODED = 4096;
const FLAG_INVALID = 8192;

export interface FrameCode {
  flags: number;
  streamId: number;
}

class Truncated extends Error {}

/** A reader of NUT's variable-length numbers (7 bits a byte, high bit: more follow). */
function cursor(bytes: Uint8Array, at: number) {
  let position = at;
  return {
    get position() {
      return position;
    },
    skip(count: number) {
      if (position + count > bytes.length) throw new Truncated();
      position += count;
    },
    v(): number {
      let value = 0;
      for (;;) {
        const byte = bytes[position];
        if (byte === undefined) throw new Truncated();
        position += 1;
        value = value * 128 + (byte & 127);
        if ((byte & 128) === 0) return value;
      }
    },
  };
}

function indexOf(bytes: Uint8Array, code: Uint8Array): number {
  outer: for (let at = 0; at + code.length <= bytes.length; at += 1) {
    for (let k = 0; k < code.length; k += 1) if (bytes[at + k] !== code[k]) continue outer;
    return at;
  }
  return -1;
}

/** The frame-code table from a NUT stream's header (everything before its first syncpoint), or null if it has none. */
export function readFrameCodes(header: Uint8Array): FrameCode[] | null {
  const start = indexOf(header, NUT_MAIN);
  if (start < 0) return null;
  try {
    const read = cursor(header, start + STARTCODE_BYTES);
    if (read.v() > HEADER_CHECKSUM_ABOVE) read.skip(4);
    const version = read.v();
    if (version > 3) read.v();
    read.v(); // stream count
    read.v(); // max distance
    const timeBases = read.v();
    for (let i = 0; i < timeBases * 2; i += 1) read.v();
    const codes: FrameCode[] = [];
    let streamId = 0;
    let mul = 1;
    while (codes.length < 256) {
      const flags = read.v();
      const fields = read.v();
      if (fields > 0) read.v(); // pts delta (signed, same coding)
      if (fields > 1) mul = read.v();
      if (fields > 2) streamId = read.v();
      const size = fields > 3 ? read.v() : 0;
      if (fields > 4) read.v(); // reserved count
      const count = fields > 5 ? read.v() : mul - size;
      for (let field = 6; field < fields; field += 1) read.v(); // match time, header index, reserved
      if (count <= 0) return null;
      for (let j = 0; j < count && codes.length < 256; j += 1) {
        // 'N' starts every startcode, so it is never a frame code.
        if (codes.length === 0x4e) codes.push({ flags: FLAG_INVALID, streamId: 0 });
        codes.push({ flags, streamId });
      }
    }
    return codes.slice(0, 256);
  } catch (error) {
    if (error instanceof Truncated) return null;
    throw error;
  }
}

export interface Syncpoint {
  /** What its first frame is: a keyframe of the video stream, or anything else. */
  kind: 'video-keyframe' | 'other';
  /**
   * How far back (bytes) its back pointer reaches. FFmpeg's demuxer refuses a syncpoint whose back
   * pointer lands before the start of what it read (and skips to the next one), so a reader
   * started here needs at least this much in front of it.
   */
  backBytes: number;
}

/** The syncpoint whose startcode is at `bytes[at]`, or null while its first frame has not fully arrived. */
export function readSyncpoint(bytes: Uint8Array, at: number, codes: readonly FrameCode[], videoStream: number): Syncpoint | null {
  try {
    const read = cursor(bytes, at + STARTCODE_BYTES);
    const forward = read.v();
    if (forward > HEADER_CHECKSUM_ABOVE) read.skip(4);
    const payload = read.position;
    read.v(); // global key pts
    const backBytes = read.v() * 16;
    read.skip(forward - (read.position - payload));
    const frameCode = bytes[read.position];
    if (frameCode === undefined) return null;
    read.skip(1);
    const code = codes[frameCode];
    if (!code || (code.flags & FLAG_INVALID) !== 0) return { kind: 'other', backBytes };
    const flags = (code.flags & FLAG_CODED) !== 0 ? code.flags ^ read.v() : code.flags;
    const stream = (flags & FLAG_STREAM_ID) !== 0 ? read.v() : code.streamId;
    return { kind: stream === videoStream && (flags & FLAG_KEY) !== 0 ? 'video-keyframe' : 'other', backBytes };
  } catch (error) {
    if (error instanceof Truncated) return null;
    throw error;
  }
}
