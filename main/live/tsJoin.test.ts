import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTsFanout, TS_PACKET, tsPacketInfo } from './tsJoin.std';

// A real MPEG-TS from Debian's FFmpeg (H.264 with a keyframe every second, AAC, Opus), cut into
// odd-sized chunks: a reader that joins mid-stream gets a stream FFmpeg decodes without errors.

const dir = mkdtempSync(path.join(tmpdir(), 'tsjoin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const source = path.join(dir, 'program.ts');
execFileSync('ffmpeg', [
  '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
  '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
  '-t', '4', '-map', '0:v', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-sc_threshold', '0',
  '-map', '1:a', '-map', '1:a', '-c:a:0', 'aac', '-c:a:1', 'libopus', '-f', 'mpegts', source,
]);
const stream = new Uint8Array(readFileSync(source));

function chunks(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i += 1) {
    const size = sizes[i % sizes.length] ?? 1000;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe('createTsFanout', () => {
  it('starts a late reader at a keyframe, headed by PAT and PMT, and FFmpeg decodes it cleanly', () => {
    const fanout = createTsFanout();
    const early: Uint8Array[] = [];
    const late: Uint8Array[] = [];
    fanout.join({ write: (bytes) => void early.push(bytes.slice()) });
    const pieces = chunks(stream, [1000, 7, 188 * 3, 4096, 333]);
    const half = Math.floor(pieces.length / 2);
    pieces.slice(0, half).forEach((piece) => fanout.push(piece));
    fanout.join({ write: (bytes) => void late.push(bytes.slice()) });
    pieces.slice(half).forEach((piece) => fanout.push(piece));

    const lateBytes = Buffer.concat(late);
    expect(lateBytes.length % TS_PACKET).toBe(0);
    expect(tsPacketInfo(lateBytes.subarray(0, TS_PACKET)).pid).toBe(0);
    expect(tsPacketInfo(lateBytes.subarray(2 * TS_PACKET, 3 * TS_PACKET)).randomAccess).toBe(true);
    const lateFile = path.join(dir, 'late.ts');
    writeFileSync(lateFile, lateBytes);
    const errors = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', lateFile, '-map', '0', '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(errors).toBe('');
    const duration = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', lateFile], { encoding: 'utf8' }));
    expect(duration).toBeGreaterThan(1);
    expect(duration).toBeLessThan(3);
    // The reader there from the start got the whole program.
    const earlyFile = path.join(dir, 'early.ts');
    writeFileSync(earlyFile, Buffer.concat(early));
    const whole = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', earlyFile], { encoding: 'utf8' }));
    expect(whole).toBeGreaterThan(3.5);
  });
});
