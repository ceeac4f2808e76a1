import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import path from 'node:path';
import { RefusedError } from '../../contract/envelope.std';
import type { ExportJob, ExportRequest, ShowSummary, VerticalLayout } from '../../contract/schemas/replay.std';
import type { Spawn } from '../ffmpeg/childProcesses.node';
import { buildChapterMetadata } from '../ffmpeg/chapterMetadata.std';
import { SHOW_FILE } from '../ffmpeg/recordingFiles.std';
import type { Logger } from '../log/logger.std';
import { chaptersToCut, clipFileName } from './clipCutter.node';
import { buildShowExportArgs, buildVerticalArgs, EXPORT_PROGRESS_FD } from './exportArgs.std';
import { ffmpegIntoFile, readHeader, type FfmpegRunDeps } from '../ffmpeg/ffmpegRun.node';
import { EXPORTS_DIR, showMediaFile } from './showFiles.node';
import type { ShowLibrary } from './showLibrary.node';

// The library's exports as background jobs: every chapter into its clip, a clip as 9:16, the
// whole show with its chapters. Each answers at once and reports its progress; each can be
// cancelled. Their FFmpeg runs at low priority, so a show going live meanwhile keeps its encoder's
// CPU. Every file is written under a temporary name and renamed when whole: two exports of the same
// clip at once each write their own file, and the last one done is the one that stays.

/** Jobs kept in the list once they ended: the merchant sees what just finished. */
const ENDED_KEPT = 20;
/** How often progress is reported while jobs run. */
const REPORT_EVERY_MS = 250;
/** Below the encoder and the studio (0): nice 10. */
const EXPORT_PRIORITY = 10;

export interface ExportJobsDeps {
  library: ShowLibrary;
  ffmpegPath: () => Promise<string | null>;
  spawn: Spawn;
  log: Logger;
  now: () => number;
  schedule: (ms: number, run: () => void) => () => void;
  onJobs: (jobs: ExportJob[]) => void;
  /** A job made files in this show: its list entry changed. */
  onShowChanged: (showId: string) => void;
}

export interface ExportJobs {
  start(request: ExportRequest): Promise<ExportJob>;
  cancel(jobId: string): ExportJob;
  /**
   * Before the show is deleted: its running jobs cancelled and ended, and no new one started until
   * the answered function reopens it (the delete done, or refused).
   */
  closeShow(showId: string): Promise<() => void>;
  list(): ExportJob[];
  /** Resolves once every job running now has ended. */
  idle(): Promise<void>;
}

interface Running {
  job: ExportJob;
  abort: AbortController;
  ended: Promise<void>;
}

/** FFmpeg's children at low priority: an export never takes CPU from a live show. */
function lowPrioritySpawn(spawn: Spawn, log: Logger): Spawn {
  return (command, args, options) => {
    const child = spawn(command, args, options);
    child.once('spawn', () => {
      try {
        if (child.pid !== undefined) setPriority(child.pid, EXPORT_PRIORITY);
      } catch (error) {
        log.warn('export priority not lowered', { error });
      }
    });
    return child;
  };
}

/** Export names keep their suffix whatever the name's length: a crop and a letterbox of one clip, and a show titled like a clip, never share a file. */
const verticalName = (clip: string, layout: VerticalLayout) => `${clipFileName(path.basename(clip, '.mp4'), new Set(), 60)} 9x16 ${layout}`;
const showExportName = (title: string) => `${clipFileName(title, new Set(), 60)} (whole show)`;

export function createExportJobs(deps: ExportJobsDeps): ExportJobs {
  const jobs = new Map<string, Running>();
  /** Shows being deleted: no export of theirs may start (it would make their folder again). */
  const closing = new Set<string>();
  const spawn = lowPrioritySpawn(deps.spawn, deps.log);
  let cancelReport: (() => void) | null = null;

  // Newest first: the map keeps the order they were started in.
  const list = () => [...jobs.values()].map((running) => running.job).reverse();
  const reportNow = () => {
    cancelReport?.();
    cancelReport = null;
    deps.onJobs(list());
  };
  const reportSoon = () => {
    cancelReport ??= deps.schedule(REPORT_EVERY_MS, reportNow);
  };
  const update = (running: Running, patch: Partial<ExportJob>) => {
    running.job = { ...running.job, ...patch };
    reportSoon();
  };
  const forgetOld = () => {
    const ended = list().filter((job) => job.state !== 'running');
    for (const job of ended.slice(ENDED_KEPT)) jobs.delete(job.id);
  };

  const ffmpeg = async (): Promise<FfmpegRunDeps> => {
    const ffmpegPath = await deps.ffmpegPath();
    if (!ffmpegPath) throw new RefusedError('FFmpeg was not found, so exports are not possible. Run "npm run setup" or set FFMPEG_PATH.');
    return { ffmpegPath, spawn };
  };

  /** Runs FFmpeg into `exports/<name>.mp4`; `lengthMs` turns its position into progress. */
  const exportFile = async (running: Running, folder: string, name: string, args: (output: string) => readonly string[], lengthMs: number | null) => {
    const dir = path.join(folder, EXPORTS_DIR);
    await mkdir(dir, { recursive: true });
    await ffmpegIntoFile(await ffmpeg(), path.join(dir, `${name}.mp4`), args, {
      progressFd: EXPORT_PROGRESS_FD,
      lengthMs,
      onFraction: (fraction) => update(running, { fraction: Math.min(0.99, fraction) }),
      signal: running.abort.signal,
      failure: (why) => `FFmpeg could not export it (${why}).`,
    });
    return `${EXPORTS_DIR}/${name}.mp4`;
  };

  const lengthOf = async (file: string): Promise<number | null> => {
    const header = await readHeader(await ffmpeg(), file);
    return header?.durationSec === null || header === null ? null : header.durationSec * 1000;
  };

  const work = async (running: Running, request: ExportRequest): Promise<string[]> => {
    const { showId } = request;
    switch (request.kind) {
      case 'clips': {
        const clips = await deps.library.cutClips(showId, {
          mode: request.mode,
          signal: running.abort.signal,
          onProgress: (progress) =>
            update(running, { fraction: Math.min(0.99, progress.fraction), detail: progress.done ? null : `Cutting ${progress.clipIndex + 1} of ${progress.clipCount}: ${progress.productName}` }),
        });
        return clips.map((clip) => `clips/${clip.file}`);
      }
      case 'vertical': {
        const clip = await showMediaFile(deps.library, showId, request.clip);
        if (!request.clip.startsWith('clips/') || clip.contentType !== 'video/mp4') throw new RefusedError('Only a clip of the show can be exported as 9:16.');
        const folder = await deps.library.folderOf(showId);
        const name = verticalName(request.clip, request.layout);
        return [await exportFile(running, folder, name, (output) => buildVerticalArgs(clip.path, request.layout, output), await lengthOf(clip.path))];
      }
      case 'show': {
        const show = await deps.library.get(showId);
        if (show.state !== 'ready' || show.durationSec === null) throw new RefusedError(`A show can be exported once its recording is ready. ${show.reason ?? ''}`.trim());
        const folder = await deps.library.folderOf(showId);
        const durationMs = show.durationSec * 1000;
        const chapters = await chaptersToCut(await ffmpeg(), folder);
        const metadata = path.join(folder, `.export-chapters-${randomBytes(4).toString('hex')}.txt`);
        try {
          await writeFile(metadata, buildChapterMetadata(show.title, chapters, durationMs));
          const name = showExportName(show.title);
          return [await exportFile(running, folder, name, (output) => buildShowExportArgs(path.join(folder, SHOW_FILE), metadata, output), durationMs)];
        } finally {
          await rm(metadata, { force: true });
        }
      }
    }
  };

  /** What a job makes, in words; the show's title is read once the job is listed. */
  const labelOf = (request: ExportRequest, show: ShowSummary | null): string => {
    const title = show?.title ?? 'the show';
    const clips = show === null ? 'Clips' : `${show.chapters.length} ${show.chapters.length === 1 ? 'clip' : 'clips'}`;
    if (request.kind === 'clips') return `${clips} of ${title}${request.mode === 'exact' ? ' (exact cut)' : ''}`;
    if (request.kind === 'vertical') return `${path.basename(request.clip, '.mp4')}, 9:16 (${request.layout})`;
    return `${show?.title ?? 'The show'}, whole show with chapters`;
  };

  return {
    list,
    start(request) {
      if (closing.has(request.showId)) return Promise.reject(new RefusedError('This show is being deleted.'));
      // Listed before the first await, so a delete of the show at once finds it and cancels it.
      const id = randomBytes(8).toString('hex');
      const running: Running = {
        job: { id, showId: request.showId, kind: request.kind, label: labelOf(request, null), state: 'running', fraction: 0, detail: 'Starting…', outputs: [], startedAt: deps.now() },
        abort: new AbortController(),
        ended: Promise.resolve(),
      };
      jobs.set(id, running);
      forgetOld();
      running.ended = (async () => {
        const show = await deps.library.get(request.showId);
        update(running, { label: labelOf(request, show) });
        running.abort.signal.throwIfAborted();
        return work(running, request);
      })().then(
        (outputs) => {
          update(running, { state: 'done', fraction: 1, detail: null, outputs });
          deps.log.info('export done', { id, kind: request.kind, showId: request.showId, outputs: outputs.length });
          deps.onShowChanged(request.showId);
        },
        (error: unknown) => {
          if (running.abort.signal.aborted) update(running, { state: 'cancelled', detail: 'Cancelled.' });
          else {
            deps.log.warn('export failed', { id, kind: request.kind, showId: request.showId, error });
            update(running, { state: 'failed', detail: error instanceof Error ? error.message : String(error) });
          }
        },
      );
      reportNow();
      return Promise.resolve(running.job);
    },
    cancel(jobId) {
      const running = jobs.get(jobId);
      if (!running) throw new RefusedError('That export is no longer listed.');
      if (running.job.state === 'running') running.abort.abort(new Error('cancelled'));
      return running.job;
    },
    async closeShow(showId) {
      closing.add(showId);
      const mine = [...jobs.values()].filter((running) => running.job.showId === showId && running.job.state === 'running');
      for (const running of mine) running.abort.abort(new Error('the show is being deleted'));
      await Promise.all(mine.map((running) => running.ended));
      return () => closing.delete(showId);
    },
    async idle() {
      await Promise.all([...jobs.values()].map((running) => running.ended));
    },
  };
}
