import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportJob } from '../../contract/schemas/replay.std';
import { showIdOf } from '../ffmpeg/showId.std';
import { createLogger } from '../log/logger.std';
import { createExportJobs } from './exportJobs.node';
import { openShowLibrary } from './showLibrary.node';
import { writeSegment } from '../../testing/testMedia.node';

// Real FFmpeg on a real show folder: the show is joined with its chapters, then exported in the
// background: clips, 9:16, the whole show; twice at once; cancelled.

let recordingsDir: string;
beforeEach(() => {
  recordingsDir = mkdtempSync(path.join(tmpdir(), 'shopcast-exports-'));
});
afterEach(() => rmSync(recordingsDir, { recursive: true, force: true }));

const startedAt = Date.UTC(2026, 10, 25, 20, 15, 0, 0);
const line = (at: number, kind: string, rest: object) => JSON.stringify({ at: startedAt + at, seq: at, kind, ...rest });

async function readyShow() {
  const showId = showIdOf(startedAt);
  const folder = path.join(recordingsDir, showId);
  mkdirSync(folder);
  writeSegment(path.join(folder, 'segment-001.mkv'), 4);
  writeSegment(path.join(folder, 'segment-002.mkv'), 4);
  writeFileSync(
    path.join(folder, 'timeline.jsonl'),
    [JSON.stringify({ at: startedAt, seq: 0, kind: 'live' }), line(1000, 'promotion', { product: { id: 'p1', name: 'Teapot' } }), line(5000, 'promotion', { product: { id: 'p2', name: 'Silk = scarf; #1' } })].join('\n'),
  );
  const library = openShowLibrary({ recordingsDir, ffmpegPath: () => Promise.resolve('ffmpeg'), spawn, log: createLogger(() => {}), now: Date.now, recordingShowId: () => null });
  const repaired = await library.repair(showId);
  if (!repaired.repaired) throw new Error(repaired.reason);
  const reports: ExportJob[][] = [];
  const changed: string[] = [];
  const jobs = createExportJobs({
    library,
    ffmpegPath: () => Promise.resolve('ffmpeg'),
    spawn,
    log: createLogger(() => {}),
    now: Date.now,
    schedule: (ms, run) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    onJobs: (list) => reports.push(list),
    onShowChanged: (id) => changed.push(id),
  });
  const finished = async (job: ExportJob) => {
    await jobs.idle();
    return jobs.list().find((candidate) => candidate.id === job.id);
  };
  return { showId, folder, library, jobs, reports, changed, finished };
}

function chaptersOf(file: string): { title: string; start: number; end: number }[] {
  const out = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', file]).toString()) as { chapters: { start_time: string; end_time: string; tags?: { title?: string } }[] };
  return out.chapters.map((chapter) => ({ title: chapter.tags?.title ?? '', start: Number(chapter.start_time), end: Number(chapter.end_time) }));
}

function videoOf(file: string): { width: number; height: number; duration: number } {
  const out = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', file]).toString()) as { streams: { width: number; height: number }[]; format: { duration: string } };
  return { width: out.streams[0]?.width ?? 0, height: out.streams[0]?.height ?? 0, duration: Number(out.format.duration) };
}

const leftovers = (folder: string) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => path.basename(file).startsWith('.'));

describe('export jobs', () => {
  it('joins the show with a chapter per promotion, cuts its clips, exports one as 9:16 both ways and the whole show with chapters', async () => {
    const { showId, folder, jobs, reports, changed, finished } = await readyShow();
    expect(chaptersOf(path.join(folder, 'show.mp4'))).toEqual([
      { title: 'Opening', start: 0, end: 1 },
      { title: 'Teapot', start: 1, end: 5 },
      { title: 'Silk = scarf; #1', start: 5, end: expect.closeTo(8, 0) as number },
    ]);

    const clips = await jobs.start({ kind: 'clips', showId, mode: 'keyframe' });
    expect(clips).toMatchObject({ state: 'running', label: 'Clips of the show' });
    expect(await finished(clips)).toMatchObject({ state: 'done', fraction: 1, label: '2 clips of Show of 25 Nov 2026, 20:15', outputs: ['clips/Teapot.mp4', 'clips/Silk = scarf; #1.mp4'] });
    // A clip is one chapter: it carries none of the show's.
    expect(chaptersOf(path.join(folder, 'clips', 'Teapot.mp4'))).toEqual([]);

    const crop = await jobs.start({ kind: 'vertical', showId, clip: 'clips/Teapot.mp4', layout: 'crop' });
    const letterbox = await jobs.start({ kind: 'vertical', showId, clip: 'clips/Teapot.mp4', layout: 'letterbox' });
    const whole = await jobs.start({ kind: 'show', showId });
    await jobs.idle();
    expect(jobs.list().map((job) => [job.label, job.state, job.outputs])).toEqual([
      ['Show of 25 Nov 2026, 20:15, whole show with chapters', 'done', ['exports/Show of 25 Nov 2026, 20_15 (whole show).mp4']],
      ['Teapot, 9:16 (letterbox)', 'done', ['exports/Teapot 9x16 letterbox.mp4']],
      ['Teapot, 9:16 (crop)', 'done', ['exports/Teapot 9x16 crop.mp4']],
      ['2 clips of Show of 25 Nov 2026, 20:15', 'done', ['clips/Teapot.mp4', 'clips/Silk = scarf; #1.mp4']],
    ]);
    expect([crop.id, letterbox.id, whole.id].every((id) => jobs.list().some((job) => job.id === id))).toBe(true);
    expect(videoOf(path.join(folder, 'exports', 'Teapot 9x16 crop.mp4'))).toMatchObject({ width: 1080, height: 1920 });
    expect(videoOf(path.join(folder, 'exports', 'Teapot 9x16 letterbox.mp4'))).toMatchObject({ width: 1080, height: 1920 });
    expect(chaptersOf(path.join(folder, 'exports', 'Show of 25 Nov 2026, 20_15 (whole show).mp4')).map((chapter) => chapter.title)).toEqual(['Opening', 'Teapot', 'Silk = scarf; #1']);
    // Progress was reported on the way, and the show's list entry told to refresh.
    expect(reports.some((list) => list.some((job) => job.state === 'running' && job.fraction > 0))).toBe(true);
    expect(changed.filter((id) => id === showId)).toHaveLength(4);
    expect(leftovers(folder)).toEqual([]);
  }, 120_000);

  it('two exports of the same clip at once both finish into one whole file; a cancelled one leaves nothing behind', async () => {
    const { showId, folder, jobs, finished } = await readyShow();
    await finished(await jobs.start({ kind: 'clips', showId, mode: 'keyframe' }));
    const both = await Promise.all([
      jobs.start({ kind: 'vertical', showId, clip: 'clips/Teapot.mp4', layout: 'crop' }),
      jobs.start({ kind: 'vertical', showId, clip: 'clips/Teapot.mp4', layout: 'crop' }),
    ]);
    expect(both.map((job) => job.state)).toEqual(['running', 'running']);
    await jobs.idle();
    for (const job of both) expect(jobs.list().find((candidate) => candidate.id === job.id)?.state).toBe('done');
    const exported = path.join(folder, 'exports', 'Teapot 9x16 crop.mp4');
    expect(videoOf(exported).duration).toBeGreaterThan(3);
    // Every frame decodes: neither run wrote into the other's file.
    expect(execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-i', exported, '-f', 'null', '-'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString()).toBe('');

    const cancelled = await jobs.start({ kind: 'vertical', showId, clip: 'clips/Silk = scarf; #1.mp4', layout: 'letterbox' });
    jobs.cancel(cancelled.id);
    expect(await finished(cancelled)).toMatchObject({ state: 'cancelled' });
    expect(readdirSync(path.join(folder, 'exports')).sort()).toEqual(['Teapot 9x16 crop.mp4']);
    expect(leftovers(folder)).toEqual([]);
  }, 120_000);

  it('refuses what is not a clip of the show, with the reason', async () => {
    const { showId, jobs, finished } = await readyShow();
    const job = await jobs.start({ kind: 'vertical', showId, clip: 'clips/Nothing.mp4', layout: 'crop' });
    expect(await finished(job)).toMatchObject({ state: 'failed', detail: 'That file of the show is not there (it may have been deleted).' });
    const outside = await jobs.start({ kind: 'vertical', showId, clip: 'show.mp4', layout: 'crop' });
    expect(await finished(outside)).toMatchObject({ state: 'failed', detail: 'Only a clip of the show can be exported as 9:16.' });
  }, 60_000);
});
