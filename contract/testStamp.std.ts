// The test pattern's stamp: the frame's sequence number and send time as a strip of black and
// white blocks along the bottom-left of the picture. Blocks this large survive H.264 at any
// bitrate we use, so a viewer page can read them back from decoded frames to measure
// glass-to-glass latency and drops (issue 5's benchmarks).
//
// Layout: block 0 white, block 1 black (calibration), then 64 data blocks, most significant bit
// first: 32 bits of sequence number, 32 bits of send time (low 32 bits of epoch milliseconds).

export const STAMP_DATA_BITS = 64;
const STAMP_BLOCKS = STAMP_DATA_BITS + 2;
const WHITE = 235;
const BLACK = 16;

/** Block size in pixels: even (chroma-aligned), at least 4, the whole strip within the picture's width. */
export function stampBlockSize(width: number): number {
  return Math.max(4, Math.floor(width / STAMP_BLOCKS / 2) * 2);
}

export interface StampPlanes {
  width: number;
  height: number;
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

export function writeStamp(frame: StampPlanes, sequence: number, sendTimeMs: number): void {
  const block = stampBlockSize(frame.width);
  const top = frame.height - block;
  const low = Math.floor(sendTimeMs) % 2 ** 32;
  for (let index = 0; index < STAMP_BLOCKS; index += 1) {
    let on: boolean;
    if (index === 0) on = true;
    else if (index === 1) on = false;
    else {
      const bit = index - 2;
      const word = bit < 32 ? sequence >>> 0 : low;
      on = ((word >>> (31 - (bit % 32))) & 1) === 1;
    }
    const luma = on ? WHITE : BLACK;
    for (let row = top; row < top + block; row += 1) frame.y.fill(luma, row * frame.width + index * block, row * frame.width + (index + 1) * block);
    const chromaWidth = frame.width >> 1;
    for (let row = top >> 1; row < (top + block) >> 1; row += 1) {
      const start = row * chromaWidth + ((index * block) >> 1);
      frame.u.fill(128, start, start + (block >> 1));
      frame.v.fill(128, start, start + (block >> 1));
    }
  }
}

export interface Stamp {
  sequence: number;
  /** Low 32 bits of the send time in epoch ms; see `stampSendTime`. */
  sendTimeLow: number;
}

/** Reads a stamp through any luma sampler (an I420 plane, or a canvas of a decoded video frame). */
export function readStamp(luma: (x: number, y: number) => number, width: number, height: number): Stamp | null {
  const block = stampBlockSize(width);
  const centreY = height - block / 2;
  const sample = (index: number) => luma(Math.floor(index * block + block / 2), Math.floor(centreY));
  const white = sample(0);
  const black = sample(1);
  if (white - black < 60) return null;
  const threshold = (white + black) / 2;
  let sequence = 0;
  let sendTimeLow = 0;
  for (let bit = 0; bit < STAMP_DATA_BITS; bit += 1) {
    const on = sample(bit + 2) > threshold ? 1 : 0;
    if (bit < 32) sequence = ((sequence << 1) | on) >>> 0;
    else sendTimeLow = ((sendTimeLow << 1) | on) >>> 0;
  }
  return { sequence, sendTimeLow };
}

/**
 * The full epoch-ms send time of a stamp read at `nowMs`: the candidate nearest to now, so a
 * reader whose clock is a little behind the sender's is right across a 2^32 wrap too.
 */
export function stampSendTime(stamp: Stamp, nowMs: number): number {
  const wrap = 2 ** 32;
  const base = nowMs - (nowMs % wrap) + stamp.sendTimeLow;
  return [base - wrap, base, base + wrap].reduce((best, candidate) => (Math.abs(candidate - nowMs) < Math.abs(best - nowMs) ? candidate : best));
}
