import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNutFanout, NUT_SYNCPOINT, syncpointStarts } from './nutJoin.std';
import { readFrameCodes } from './nutFrames.std';

// A real NUT stream from Debian's FFmpeg, as the encoder writes it (H.264 with global headers,
// AAC, Opus), cut into odd-sized chunks: readers that join at the start or mid-stream, or again
// after a reset, each get a stream FFmpeg reads without an error.

const dir = mkdtempSync(path.join(tmpdir(), 'nutjoin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function encode(file: string, seconds: number): Uint8Array {
  execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(seconds), '-map', '0:v', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-sc_threshold', '0',
    '-map', '1:a', '-map', '1:a', '-c:a:0', 'aac', '-c:a:1', 'libopus', '-flags', '+global_header', '-f', 'nut', '-write_index', '0', file,
  ]);
  return new Uint8Array(readFileSync(file));
}

function chunks(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i += 1) {
    const size = sizes[i % sizes.length] ?? 1000;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

function readable(parts: readonly Uint8Array[], name: string): { errors: string; duration: number; startTime: number } {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.concat(parts));
  const errors = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-f', 'nut', '-i', file, '-map', '0', '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [startTime = NaN, duration = NaN] = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=start_time,duration', '-of', 'csv=p=0', file], { encoding: 'utf8' })
    .trim()
    .split(',')
    .map(Number);
  return { errors, duration, startTime };
}

describe('createNutFanout', () => {
  const first = encode(path.join(dir, 'first.nut'), 4);
  const second = encode(path.join(dir, 'second.nut'), 2);

  it('gives readers joining at the start, mid-stream and after a restart a stream FFmpeg reads cleanly', () => {
    const fanout = createNutFanout();
    const early: Uint8Array[] = [];
    const late: Uint8Array[] = [];
    fanout.join({ write: (bytes) => void early.push(bytes.slice()) });
    // Sizes chosen so startcodes fall across chunk boundaries too.
    const pieces = chunks(first, [1000, 3, 5, 4096, 333, 7]);
    const half = Math.floor(pieces.length / 2);
    pieces.slice(0, half).forEach((piece) => fanout.push(piece));
    fanout.join({ write: (bytes) => void late.push(bytes.slice()) });
    pieces.slice(half).forEach((piece) => fanout.push(piece));

    const whole = readable(early, 'early.nut');
    expect(whole.errors).toBe('');
    expect(whole.duration).toBeGreaterThan(3.5);
    const joined = readable(late, 'late.nut');
    expect(joined.errors).toBe('');
    // It starts mid-show, after the first half's keyframes, and runs to the end.
    expect(joined.startTime).toBeGreaterThan(1);
    expect(joined.duration).toBeGreaterThan(3.5);

    // The encoder restarts: the same reader gets the new stream's header, then the new stream.
    const after: Uint8Array[] = [];
    fanout.leave({ write: () => {} });
    fanout.reset();
    fanout.join({ write: (bytes) => void after.push(bytes.slice()) });
    chunks(second, [777, 2, 6000]).forEach((piece) => fanout.push(piece));
    const restarted = readable(after, 'after.nut');
    expect(restarted.errors).toBe('');
    expect(restarted.duration).toBeGreaterThan(1.5);
  });

  it('starts a keyframe reader at the next video keyframe, with the audio of that moment', () => {
    const fanout = createNutFanout();
    const joined: Uint8Array[] = [];
    const pieces = chunks(first, [1000, 3, 5, 4096, 333, 7, 20]);
    // Mid-GOP: 1.3 s into a stream with a keyframe every second.
    const cut = pieces.findIndex((_, index) => pieces.slice(0, index).reduce((sum, piece) => sum + piece.length, 0) > first.length * 0.33);
    pieces.slice(0, cut).forEach((piece) => fanout.push(piece));
    fanout.join({ write: (bytes) => void joined.push(bytes.slice()) }, 'keyframe');
    pieces.slice(cut).forEach((piece) => fanout.push(piece));
    const file = path.join(dir, 'keyframe.nut');
    writeFileSync(file, Buffer.concat(joined));
    const packets = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'packet=stream_index,pts_time,flags', '-of', 'csv=p=0', file], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.split(','))
      .map(([stream, pts, flags]) => ({ stream: Number(stream), pts: Number(pts), key: (flags ?? '').startsWith('K') }));
    const video = packets.filter((packet) => packet.stream === 0);
    const firstAudio = packets.find((packet) => packet.stream === 1);
    expect(packets[0]).toMatchObject({ stream: 0, key: true });
    expect(video[0]?.pts).toBeCloseTo(2, 1);
    // Audio from the keyframe's moment (one AAC frame is 21 ms), not from the join.
    expect(Math.abs((firstAudio?.pts ?? 0) - (video[0]?.pts ?? 0))).toBeLessThan(0.1);
  });

  it('reads the frame-code table of the encoder\'s header', () => {
    const header = first.subarray(0, syncpointStarts(new Uint8Array(0), first)[0]);
    const codes = readFrameCodes(header);
    expect(codes).toHaveLength(256);
    expect(codes?.[0x4e]?.flags).toBe(8192);
    expect(readFrameCodes(header.subarray(0, 40))).toBeNull();
  });

  it('finds startcodes that span two chunks', () => {
    expect(syncpointStarts(NUT_SYNCPOINT.slice(0, 3), NUT_SYNCPOINT.slice(3))).toEqual([-3]);
    expect(syncpointStarts(new Uint8Array(0), Uint8Array.of(1, ...NUT_SYNCPOINT))).toEqual([1]);
  });
});
