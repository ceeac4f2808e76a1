import { describe, expect, it } from 'vitest';
import { readStamp, STAMP_DATA_BITS, stampBlockSize, stampSendTime, writeStamp, type StampPlanes } from './testStamp.std';
import { seededRandom as random } from '../testing/seededRandom';

const WRAP = 2 ** 32;

function greyFrame(width: number, height: number, luma = 128): StampPlanes {
  const chroma = (width >> 1) * (height >> 1);
  return {
    width,
    height,
    y: new Uint8Array(width * height).fill(luma),
    u: new Uint8Array(chroma).fill(77),
    v: new Uint8Array(chroma).fill(177),
  };
}

const sampler = (frame: StampPlanes) => (x: number, y: number) => frame.y[y * frame.width + x] as number;
const read = (frame: StampPlanes) => readStamp(sampler(frame), frame.width, frame.height);


const sizes = [
  [1280, 720],
  [1920, 1080],
  [720, 1280],
] as const;
const sequences = [0, 1, 2 ** 31 + 5, 2 ** 32 - 1];
const sendTimes = [1_700_000_000_000, 1_754_321_987_654, 1_799_999_999_999, 0, WRAP - 1, WRAP, 17 * WRAP + 123];

describe('stampBlockSize', () => {
  it('is even, at least 4, and keeps the strip within the width', () => {
    for (const width of [64, 320, 720, 1280, 1920, 3840]) {
      const block = stampBlockSize(width);
      expect(block % 2).toBe(0);
      expect(block).toBeGreaterThanOrEqual(4);
      if (block > 4) expect(block * (STAMP_DATA_BITS + 2)).toBeLessThanOrEqual(width);
    }
  });
});

describe('writeStamp / readStamp', () => {
  for (const [width, height] of sizes) {
    it(`round-trips sequence numbers and send times at ${width}×${height}`, () => {
      for (const sequence of sequences) {
        for (const sendTime of sendTimes) {
          const frame = greyFrame(width, height);
          writeStamp(frame, sequence, sendTime);
          expect(read(frame)).toEqual({ sequence, sendTimeLow: sendTime % WRAP });
        }
      }
    });
  }

  it('round-trips a run of consecutive frames at the current time', () => {
    const frame = greyFrame(1280, 720);
    const base = Date.UTC(2025, 5, 1, 12, 0, 0, 7);
    for (let sequence = 1000; sequence < 1100; sequence += 1) {
      const sendTime = base + sequence * 33.333;
      writeStamp(frame, sequence, sendTime);
      const stamp = read(frame);
      expect(stamp).toEqual({ sequence, sendTimeLow: Math.floor(sendTime) % WRAP });
      expect(stampSendTime(stamp ?? { sequence: 0, sendTimeLow: 0 }, sendTime + 80)).toBe(Math.floor(sendTime));
    }
  });

  it('overwrites an older stamp completely', () => {
    const frame = greyFrame(1920, 1080);
    writeStamp(frame, 2 ** 32 - 1, WRAP - 1);
    writeStamp(frame, 0, 0);
    expect(read(frame)).toEqual({ sequence: 0, sendTimeLow: 0 });
  });

  for (const [width, height] of sizes) {
    it(`draws a strip of black and white blocks at the bottom left of a ${width}×${height} frame, with neutral chroma, and nothing else`, () => {
      const frame = greyFrame(width, height);
      writeStamp(frame, 0x80000001, 1_700_000_000_000);
      const block = stampBlockSize(width);
      const stripWidth = block * (STAMP_DATA_BITS + 2);
      const top = height - block;
      for (let row = 0; row < height; row += 1) {
        for (let column = 0; column < width; column += 1) {
          const value = frame.y[row * width + column];
          const inStrip = row >= top && column < stripWidth;
          if (!inStrip) {
            if (value !== 128) expect({ column, row, value }).toEqual({ column, row, value: 128 });
          } else if (value !== 16 && value !== 235) {
            expect({ column, row, value }).toEqual({ column, row, value: 'black or white' });
          }
        }
      }
      // Calibration blocks: white then black.
      expect(frame.y[(height - 1) * width]).toBe(235);
      expect(frame.y[(height - 1) * width + block]).toBe(16);
      // The first data bit (most significant bit of the sequence) is on, the next off.
      expect(frame.y[(height - 1) * width + 2 * block]).toBe(235);
      expect(frame.y[(height - 1) * width + 3 * block]).toBe(16);

      const chromaWidth = width >> 1;
      const chromaHeight = height >> 1;
      for (const [plane, before] of [
        [frame.u, 77],
        [frame.v, 177],
      ] as const) {
        const inside = new Set<number>();
        const outside = new Set<number>();
        for (let row = 0; row < chromaHeight; row += 1) {
          for (let column = 0; column < chromaWidth; column += 1) {
            const inStrip = row >= top >> 1 && column < stripWidth >> 1;
            (inStrip ? inside : outside).add(plane[row * chromaWidth + column] as number);
          }
        }
        expect([...inside]).toEqual([128]);
        expect([...outside]).toEqual([before]);
      }
    });
  }

  it('finds no stamp on a flat grey frame', () => {
    for (const [width, height] of sizes) {
      expect(read(greyFrame(width, height))).toBeNull();
      expect(read(greyFrame(width, height, 16))).toBeNull();
      expect(read(greyFrame(width, height, 235))).toBeNull();
    }
  });

  it('finds no stamp when the calibration blocks are too close in brightness', () => {
    const frame = greyFrame(1280, 720);
    writeStamp(frame, 5, 6);
    const block = stampBlockSize(1280);
    // Raise the black calibration block to within 60 of white.
    for (let row = 720 - block; row < 720; row += 1) frame.y.fill(180, row * 1280 + block, row * 1280 + 2 * block);
    expect(read(frame)).toBeNull();
  });

  for (const [width, height] of sizes) {
    it(`still reads at ${width}×${height} after ±20 noise on every luma sample of the strip`, () => {
      const next = random(width * 31 + height);
      const block = stampBlockSize(width);
      const stripWidth = block * (STAMP_DATA_BITS + 2);
      for (const sequence of sequences) {
        const sendTime = 1_754_321_987_654 + sequence;
        const frame = greyFrame(width, height);
        writeStamp(frame, sequence, sendTime);
        for (let row = height - block; row < height; row += 1) {
          for (let column = 0; column < stripWidth; column += 1) {
            const index = row * width + column;
            const noise = Math.round(next() * 40) - 20;
            frame.y[index] = Math.min(255, Math.max(0, (frame.y[index] as number) + noise));
          }
        }
        expect(read(frame)).toEqual({ sequence, sendTimeLow: sendTime % WRAP });
      }
    });
  }

  it('still reads with the worst ±20: whites 20 darker, blacks 20 brighter', () => {
    const frame = greyFrame(1280, 720);
    writeStamp(frame, 0xa5a5a5a5, 0x5a5a5a5a);
    const block = stampBlockSize(1280);
    for (let row = 720 - block; row < 720; row += 1) {
      for (let column = 0; column < block * (STAMP_DATA_BITS + 2); column += 1) {
        const index = row * 1280 + column;
        frame.y[index] = frame.y[index] === 235 ? 215 : 36;
      }
    }
    expect(read(frame)).toEqual({ sequence: 0xa5a5a5a5, sendTimeLow: 0x5a5a5a5a });
  });
});

describe('stampSendTime', () => {
  const stampOf = (sendTimeMs: number) => ({ sequence: 0, sendTimeLow: Math.floor(sendTimeMs) % WRAP });

  it('reconstructs the full epoch ms of a recent send time', () => {
    for (const sendTime of [1_700_000_000_000, 1_754_321_987_654, Date.UTC(2030, 0, 1)]) {
      for (const delay of [0, 1, 120, 60_000, 24 * 3600 * 1000, 20 * 24 * 3600 * 1000]) {
        expect(stampSendTime(stampOf(sendTime), sendTime + delay)).toBe(sendTime);
      }
    }
  });

  it('reconstructs a send time just before a 2^32 wrap read just after it', () => {
    const boundary = 396 * WRAP; // ≈ 1.70e12, a Date.now()-like value
    for (const [before, after] of [
      [1, 0],
      [10, 25],
      [500, 1],
      [1, 20 * 24 * 3600 * 1000],
    ] as const) {
      const sendTime = boundary - before;
      const stamp = stampOf(sendTime);
      expect(stamp.sendTimeLow).toBe(WRAP - before);
      expect(stampSendTime(stamp, boundary + after)).toBe(sendTime);
    }
  });

  it('reconstructs a send time on or just after a wrap', () => {
    const boundary = 397 * WRAP;
    expect(stampSendTime(stampOf(boundary), boundary + 40)).toBe(boundary);
    expect(stampSendTime(stampOf(boundary + 3), boundary + 3)).toBe(boundary + 3);
  });

  it('goes end to end through a frame across a wrap', () => {
    const sendTime = 396 * WRAP - 7;
    const frame = greyFrame(720, 1280);
    writeStamp(frame, 42, sendTime);
    const stamp = read(frame);
    expect(stamp).not.toBeNull();
    if (stamp) expect(stampSendTime(stamp, sendTime + 100)).toBe(sendTime);
  });
});

describe('stampSendTime with a reader clock slightly behind the sender', () => {
  it('picks the send time nearest to the reading time across a 2^32 wrap', () => {
    const wrap = 2 ** 32;
    const sent = 396 * wrap + 5;
    expect(stampSendTime({ sequence: 0, sendTimeLow: 5 }, 396 * wrap - 3)).toBe(sent);
  });
});
