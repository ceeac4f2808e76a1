import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.std';
import { clipFileName, cutClip, cutShowClips, type ClipProgress } from './clipCutter.node';

// Real FFmpeg on a 12-second show (a keyframe every 2 s, as Shopcast records) with three
// promotions: one playable, fast-start clip each, within 2 s of its chapter.

const deps = { ffmpegPath: 'ffmpeg', spawn, log: createLogger(() => {}) };
let showDir: string;

const probe = (file: string) =>
  JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', file]).toString()) as {
    format: { duration: string };
    streams: { codec_name: string }[];
  };

/** Whether the MP4's moov box comes before its mdat: it plays before it has fully downloaded. */
function fastStart(file: string): boolean {
  const bytes = readFileSync(file);
  return bytes.indexOf('moov') < bytes.indexOf('mdat');
}

beforeAll(() => {
  showDir = mkdtempSync(path.join(tmpdir(), 'shopcast-clips-'));
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=30:duration=12',
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=12',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
    '-movflags', '+faststart', path.join(showDir, 'show.mp4'),
  ]);
  const liveAt = 1_800_000_000_000;
  const lines = [
    { at: liveAt, seq: 0, kind: 'live' },
    { at: liveAt + 1000, seq: 1, kind: 'promotion', product: { id: 'p1', name: 'Teapot' } },
    { at: liveAt + 5000, seq: 2, kind: 'promotion', product: { id: 'p2', name: 'Silk scarf / red' } },
    { at: liveAt + 8500, seq: 3, kind: 'promotion', product: { id: 'p1', name: 'Teapot' } },
    // The room went on after the recording died: no video, no clip.
    { at: liveAt + 13_000, seq: 4, kind: 'promotion', product: { id: 'p3', name: 'Mug' } },
  ];
  writeFileSync(path.join(showDir, 'timeline.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
});

afterAll(() => rmSync(showDir, { recursive: true, force: true }));

describe('one clip per promotion', () => {
  it('cuts each chapter on keyframes into a playable fast-start MP4 named after its product, with a thumbnail', async () => {
    const progress: ClipProgress[] = [];
    const clips = await cutShowClips(deps, showDir, { onProgress: (update) => progress.push(update) });
    expect(clips.map((clip) => path.basename(clip.file))).toEqual(['Teapot.mp4', 'Silk scarf _ red.mp4', 'Teapot (2).mp4']);
    expect(clips.map((clip) => clip.chapter.endMs)).toEqual([5000, 8500, 12_000]);
    // It only moves forward, and ends done.
    expect(progress.map((update) => update.fraction)).toEqual([...progress.map((update) => update.fraction)].sort((a, b) => a - b));
    expect(new Set(progress.map((update) => update.clipIndex))).toEqual(new Set([0, 1, 2]));
    expect(progress.at(-1)).toEqual({ clipIndex: 2, clipCount: 3, productName: 'Teapot', fraction: 1, done: true });
    const expected = [4, 3.5, 3.5];
    clips.forEach((clip, index) => {
      const { format, streams } = probe(clip.file);
      expect(streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
      expect(Math.abs(Number(format.duration) - (expected[index] ?? 0))).toBeLessThanOrEqual(2);
      expect(fastStart(clip.file)).toBe(true);
      expect(clip.thumbnail && readFileSync(clip.thumbnail).subarray(0, 2).toString('hex')).toBe('ffd8');
    });
    expect(readdirSync(path.join(showDir, 'clips')).filter((file) => file.includes('.part'))).toEqual([]);
  });

  it('cuts exactly when asked (re-encoded from the chapter’s first frame)', async () => {
    const [first] = await cutShowClips(deps, showDir, { mode: 'exact', thumbnails: false });
    expect(Math.abs(Number(probe(first?.file ?? '').format.duration) - 4)).toBeLessThan(0.2);
  });

  it('survives two cuts of the same clip at once: each whole, no temporary file left', async () => {
    const request = { input: path.join(showDir, 'show.mp4'), chapter: { productId: 'p1', productName: 'Teapot', startMs: 1000, endMs: 9000 }, clipsDir: path.join(showDir, 'clips'), name: 'Both', mode: 'exact' as const, thumbnail: false };
    let running = 0;
    let mostAtOnce = 0;
    const counting: typeof spawn = ((command: string, args: readonly string[], options: object) => {
      const child = spawn(command, args, options);
      mostAtOnce = Math.max(mostAtOnce, (running += 1));
      child.once('close', () => (running -= 1));
      return child;
    }) as typeof spawn;
    await Promise.all([cutClip({ ...deps, spawn: counting }, request), cutClip({ ...deps, spawn: counting }, request)]);
    // Both FFmpegs wrote at the same time, each to its own temporary file.
    expect(mostAtOnce).toBe(2);
    const { format, streams } = probe(path.join(showDir, 'clips', 'Both.mp4'));
    expect(streams).toHaveLength(2);
    expect(Math.abs(Number(format.duration) - 8)).toBeLessThan(0.2);
    expect(readdirSync(path.join(showDir, 'clips')).filter((file) => file.includes('.part'))).toEqual([]);
  });

  it('stops when cancelled: the running FFmpeg killed, its temporary file removed, the clips cut before kept', async () => {
    const controller = new AbortController();
    let clipFfmpegs = 0;
    // Cancelled as the second clip's FFmpeg starts writing.
    const cancelling: typeof spawn = ((command: string, args: readonly string[], options: object) => {
      const child = spawn(command, args, options);
      if (args.at(-1)?.endsWith('.part.mp4') && (clipFfmpegs += 1) === 2) setImmediate(() => controller.abort(new Error('cancelled')));
      return child;
    }) as typeof spawn;
    await rm(path.join(showDir, 'clips'), { recursive: true, force: true });
    await expect(cutShowClips({ ...deps, spawn: cancelling }, showDir, { mode: 'exact', signal: controller.signal })).rejects.toThrow('cancelled');
    expect(readdirSync(path.join(showDir, 'clips')).sort()).toEqual(['Teapot.jpg', 'Teapot.mp4']);
  });

  it('makes file names safe and unique', () => {
    expect(clipFileName('..Tea/pot: "best"?', new Set())).toBe('Tea_pot_ _best__');
    expect(clipFileName('Mug', new Set(['mug', 'mug (2)']))).toBe('Mug (3)');
    expect(clipFileName('   ', new Set())).toBe('Product');
    // Cut by code point, never through an emoji; names Windows keeps for devices are not taken.
    expect(clipFileName(`${'a'.repeat(79)}🧣 scarf`, new Set())).toBe(`${'a'.repeat(79)}🧣`);
    expect(clipFileName(`${'b'.repeat(78)}. more`, new Set())).toBe('b'.repeat(78));
    expect(clipFileName('NUL', new Set())).toBe('NUL_');
    expect(clipFileName('com1', new Set())).toBe('com1_');
  });
});
