import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.std';
import { clipFileName, cutShowClips } from './clipCutter.node';

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
  ];
  writeFileSync(path.join(showDir, 'timeline.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
});

afterAll(() => rmSync(showDir, { recursive: true, force: true }));

describe('one clip per promotion', () => {
  it('cuts each chapter on keyframes into a playable fast-start MP4 named after its product, with a thumbnail', async () => {
    const progress: string[] = [];
    const clips = await cutShowClips(deps, showDir, { onProgress: (done, total) => progress.push(`${done}/${total}`) });
    expect(clips.map((clip) => path.basename(clip.file))).toEqual(['Teapot.mp4', 'Silk scarf _ red.mp4', 'Teapot (2).mp4']);
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
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

  it('survives two cuts of the same clips at once: each clip whole, no temporary file left', async () => {
    await Promise.all([cutShowClips(deps, showDir, { thumbnails: false }), cutShowClips(deps, showDir, { thumbnails: false })]);
    for (const file of ['Teapot.mp4', 'Silk scarf _ red.mp4', 'Teapot (2).mp4']) expect(probe(path.join(showDir, 'clips', file)).streams).toHaveLength(2);
    expect(readdirSync(path.join(showDir, 'clips')).filter((file) => file.includes('.part'))).toEqual([]);
  });

  it('stops when cancelled and leaves no temporary file', async () => {
    const controller = new AbortController();
    const cut = cutShowClips(deps, showDir, { mode: 'exact', signal: controller.signal, onProgress: (done) => done === 1 && controller.abort() });
    await expect(cut).rejects.toThrow();
    expect(readdirSync(path.join(showDir, 'clips')).filter((file) => file.includes('.part'))).toEqual([]);
  });

  it('makes file names safe and unique', () => {
    expect(clipFileName('..Tea/pot: "best"?', new Set())).toBe('Tea_pot_ _best__');
    expect(clipFileName('Mug', new Set(['mug', 'mug (2)']))).toBe('Mug (3)');
    expect(clipFileName('   ', new Set())).toBe('Product');
  });
});
