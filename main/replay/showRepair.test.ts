import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.std';
import { cutShowClips } from './clipCutter.node';
import { repairNotice, repairShow, segmentsOf } from '../ffmpeg/showRepair.node';
import { probe, writeKilledSegment, writeSegment } from '../../testing/testMedia.node';

// Real FFmpeg: an interrupted show's segments joined into a show.mp4 that plays, up to the
// interruption, and cut into its clips.

const deps = { ffmpegPath: 'ffmpeg', spawn, log: createLogger(() => {}) };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const showFolder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shopcast-repair-'));
  dirs.push(dir);
  return dir;
};

/** Whether the MP4's moov box comes before its mdat: it plays before it has fully downloaded. */
const fastStart = (file: string) => {
  const bytes = readFileSync(file);
  return bytes.indexOf('moov') < bytes.indexOf('mdat');
};

const timeline = (promotions: [number, string, string][]) =>
  `${[{ at: 1_800_000_000_000, seq: 0, kind: 'live' }, ...promotions.map(([at, id, name], index) => ({ at: 1_800_000_000_000 + at, seq: index + 1, kind: 'promotion', product: { id, name } }))]
    .map((line) => JSON.stringify(line))
    .join('\n')}\n`;

describe('repairing an interrupted show', () => {
  it('joins its segments into a fast-start show.mp4, deletes them, and the show cuts into one clip per promotion', async () => {
    const showDir = showFolder();
    writeSegment(path.join(showDir, 'segment-001.mkv'), 6);
    writeSegment(path.join(showDir, 'segment-002.mkv'), 6);
    writeFileSync(path.join(showDir, 'segment-003.mkv'), '');
    writeFileSync(path.join(showDir, 'timeline.jsonl'), timeline([[1000, 'p1', 'Teapot'], [5000, 'p2', 'Silk scarf'], [8500, 'p3', 'Mug']]));
    const progress: number[] = [];

    const repair = await repairShow(deps, showDir, { onProgress: (sec) => progress.push(sec) });

    expect(repair).toMatchObject({ repaired: true, output: path.join(showDir, 'show.mp4'), segmentsJoined: 2 });
    const show = probe(path.join(showDir, 'show.mp4'));
    // bin_data: MP4's chapter track, a chapter per promotion.
    expect(show.codecs).toEqual(['aac', 'bin_data', 'h264']);
    expect(Math.abs(show.durationSec - 12)).toBeLessThan(0.5);
    expect(repair.repaired && Math.abs(repair.durationSec - show.durationSec)).toBeLessThan(0.5);
    expect(fastStart(path.join(showDir, 'show.mp4'))).toBe(true);
    expect(progress.at(-1)).toBeGreaterThan(11);
    // The empty segment (the crash came before its first cluster) holds nothing to keep either way.
    expect(readdirSync(showDir).sort()).toEqual(['recording.json', 'segment-003.mkv', 'show.mp4', 'timeline.jsonl']);
    expect(JSON.parse(readFileSync(path.join(showDir, 'recording.json'), 'utf8'))).toEqual({ durationSec: expect.closeTo(12, 0) as number });
    expect(repairNotice(repair, new Date(2026, 10, 25, 20, 15))).toBe('The show of 25 Nov, 20:15 was interrupted; it has been repaired: 12 s recorded.');

    const clips = await cutShowClips(deps, showDir);
    expect(clips.map((clip) => path.basename(clip.file))).toEqual(['Teapot.mp4', 'Silk scarf.mp4', 'Mug.mp4']);
    [4, 3.5, 3.5].forEach((chapterSec, index) => {
      const file = clips[index]?.file ?? '';
      const clip = probe(file);
      expect(clip.codecs).toEqual(['aac', 'h264']);
      expect(Math.abs(clip.durationSec - chapterSec)).toBeLessThanOrEqual(2);
      expect(fastStart(file)).toBe(true);
    });
  });

  it('keeps what a segment killed mid-write holds, with its chapters', async () => {
    const showDir = showFolder();
    writeSegment(path.join(showDir, 'segment-001.mkv'), 4);
    await writeKilledSegment(path.join(showDir, 'segment-002.mkv'), 2.5);
    writeFileSync(path.join(showDir, 'timeline.jsonl'), timeline([[1000, 'p1', 'Teapot'], [4500, 'p2', 'Mug']]));
    expect(await segmentsOf(showDir)).toEqual([path.join(showDir, 'segment-001.mkv'), path.join(showDir, 'segment-002.mkv')]);

    const repair = await repairShow(deps, showDir);

    expect(repair).toMatchObject({ repaired: true, segmentsJoined: 2, segmentsLeftOut: [] });
    // Four whole seconds, then up to the last whole cluster of the killed one (clusters are a second).
    const { durationSec } = probe(path.join(showDir, 'show.mp4'));
    expect(durationSec).toBeGreaterThan(5);
    expect(durationSec).toBeLessThan(7.5);
    expect(readdirSync(showDir).filter((file) => file.endsWith('.mkv'))).toEqual([]);
    // The killed segment's length, read through, closes the last chapter.
    const chapters = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', path.join(showDir, 'show.mp4')]).toString()) as { chapters: { tags: { title: string } }[] };
    expect(chapters.chapters.map((chapter) => chapter.tags.title)).toEqual(['Opening', 'Teapot', 'Mug']);
  });

  it('replaces a show.mp4 an interrupted join left half-written', async () => {
    const showDir = showFolder();
    writeSegment(path.join(showDir, 'segment-001.mkv'), 3);
    writeFileSync(path.join(showDir, 'show.mp4'), Buffer.alloc(4096, 1));

    expect(await repairShow(deps, showDir)).toMatchObject({ repaired: true });
    expect(probe(path.join(showDir, 'show.mp4')).durationSec).toBeGreaterThan(2.5);
  });

  it('keeps the segments, and leaves no show.mp4 nor temporary file, when nothing can be joined', async () => {
    const showDir = showFolder();
    writeFileSync(path.join(showDir, 'segment-001.mkv'), 'not a Matroska file');
    const repair = await repairShow(deps, showDir);
    expect(repair).toEqual({ repaired: false, showDir, reason: 'Its recording holds nothing that can be played.' });
    expect(readdirSync(showDir)).toEqual(['segment-001.mkv']);
    expect(repairNotice(repair, null)).toBe(`The show was interrupted and could not be repaired: Its recording holds nothing that can be played. Its recording files are kept in ${showDir}.`);
  });

  it('joins a last segment cut short inside its first cluster, as far as it reads', async () => {
    const showDir = showFolder();
    writeSegment(path.join(showDir, 'segment-001.mkv'), 3);
    const last = path.join(showDir, 'segment-002.mkv');
    writeSegment(last, 3);
    truncateSync(last, 1200);
    expect(await repairShow(deps, showDir)).toMatchObject({ repaired: true, segmentsJoined: 2 });
    expect(Math.abs(probe(path.join(showDir, 'show.mp4')).durationSec - 3)).toBeLessThan(0.5);
  });

  it('leaves the last segment out when FFmpeg cannot join it', async () => {
    const showDir = showFolder();
    writeSegment(path.join(showDir, 'segment-001.mkv'), 3);
    const last = path.join(showDir, 'segment-002.mkv');
    writeSegment(last, 3);
    // FFmpeg failing on a join that holds the last segment, however it would.
    const failingOnLast: typeof spawn = ((command: string, args: readonly string[], options: object) => {
      const list = args.includes('concat') ? args[args.indexOf('-i') + 1] : undefined;
      const failing = list !== undefined && readFileSync(list, 'utf8').includes('segment-002');
      return spawn(command, failing ? ['-v', 'error', '-i', path.join(showDir, 'no such file')] : args, options);
    }) as typeof spawn;
    const repair = await repairShow({ ...deps, spawn: failingOnLast }, showDir);
    expect(repair).toMatchObject({ repaired: true, segmentsJoined: 1, segmentsLeftOut: [last] });
    expect(Math.abs(probe(path.join(showDir, 'show.mp4')).durationSec - 3)).toBeLessThan(0.5);
    expect(readdirSync(showDir).sort()).toEqual(['recording.json', 'segment-002.mkv', 'show.mp4']);
  });

  it('stops when cancelled, keeping the segments and no temporary file', async () => {
    const showDir = showFolder();
    mkdirSync(showDir, { recursive: true });
    writeSegment(path.join(showDir, 'segment-001.mkv'), 3);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(repairShow(deps, showDir, { signal: controller.signal })).rejects.toThrow('cancelled');
    expect(readdirSync(showDir)).toEqual(['segment-001.mkv']);
  });
});
