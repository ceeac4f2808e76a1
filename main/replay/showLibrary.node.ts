import { randomBytes } from 'node:crypto';
import { lstat, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RefusedError } from '../../contract/envelope.std';
import type { ShowState, ShowSummary } from '../../contract/schemas/replay.std';
import { showTitleSchema } from '../../contract/schemas/replay.std';
import type { Spawn } from '../ffmpeg/childProcesses.node';
import { RECORDING_INFO_FILE, SHOW_FILE } from '../ffmpeg/recordingFiles.std';
import { showStartOf } from '../ffmpeg/showId.std';
import type { Logger } from '../log/logger.std';
import { TIMELINE_FILE } from '../ffmpeg/showTimelineWriter.node';
import type { CutMode } from './clipArgs.std';
import { CLIPS_DIR, cutShowClips, type ClipProgress } from './clipCutter.node';
import { readHeader, readThroughSeconds } from '../ffmpeg/ffmpegRun.node';
import type { MediaHeader } from '../ffmpeg/mediaCheck.std';
import { repairShow, segmentsOf, type ShowRepair } from '../ffmpeg/showRepair.node';
import { EXPORTS_DIR } from './showFiles.node';
import { productsPromoted, readShowTimeline, type ReadTimeline, type ReplayChapter } from '../ffmpeg/showTimeline.std';

// The shows on disk, one folder each under `recordingsDir`, as the library lists them. The folder
// is the truth: its recording (show.mp4, or the segments a crash left), its timeline.jsonl (the
// chapters and the orders) and show.json (only the title the merchant chose). Nothing is cached
// but each recording's header, keyed by its size and time, so a list after a rename costs no FFmpeg.

const TITLE_FILE = 'show.json';

export interface ShowLibraryDeps {
  recordingsDir: string;
  /** FFmpeg (main/ffmpeg/ffmpegLocator.node.ts); null when not installed. It also probes: no ffprobe needed. */
  ffmpegPath: () => Promise<string | null>;
  spawn: Spawn;
  log: Logger;
  now: () => number;
  /** The show recording now, and until its recording has been joined: never repaired, cut or deleted under the recorder. */
  recordingShowId: () => string | null;
}

/** A clip as the library answers it: file names inside `<show>/clips/`. */
export interface LibraryClip {
  chapter: ReplayChapter;
  file: string;
  thumbnail: string | null;
}

/** A clip job's progress, for the show it is cutting. */
export type ClipJobProgress = ClipProgress & { showId: string };

export interface CutClipsOptions {
  mode?: CutMode;
  signal?: AbortSignal;
  onProgress?: (progress: ClipJobProgress) => void;
  thumbnails?: boolean;
}

export interface ShowRead {
  show: ShowSummary;
  timeline: ReadTimeline;
  folder: string;
}

export interface ShowLibrary {
  /** Newest first. */
  list(): Promise<ShowSummary[]>;
  get(showId: string): Promise<ShowSummary>;
  /** The show with its timeline as read for its summary (the player's conversation comes from it), and its folder. */
  read(showId: string): Promise<ShowRead>;
  rename(showId: string, title: string): Promise<ShowSummary>;
  /** Deletes the show's folder and everything in it. */
  remove(showId: string): Promise<void>;
  /** The show's folder (to reveal it, to serve its files); refuses anything else. */
  folderOf(showId: string): Promise<string>;
  repair(showId: string, options?: { signal?: AbortSignal }): Promise<ShowRepair>;
  /**
   * At start, before anything records or exports: every show's temporary files a crash left (a
   * cut's, an export's, a join's) removed, then every show that needs it repaired, one at a time.
   */
  repairInterrupted(): Promise<{ showId: string; startedAt: Date | null; repair: ShowRepair }[]>;
  cutClips(showId: string, options?: CutClipsOptions): Promise<LibraryClip[]>;
}

async function folderSize(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) total += await folderSize(file);
    else total += await lstat(file).then((info) => info.size, () => 0);
  }
  return total;
}

/** What an interrupted cut, export, join or rename leaves: the random token each is written under. */
const LEFTOVER = /^(?:\.(?:.+\.[0-9a-f]{8}\.part\.(?:mp4|jpg)|repair-[0-9a-f]{8}\.ffconcat|show-[0-9a-f]{8}\.part\.mp4|(?:export-)?chapters-[0-9a-f]{8}\.txt)|show\.json\.[0-9a-f]{8}\.tmp)$/;

async function sweepLeftovers(folder: string, log: Logger): Promise<void> {
  for (const dir of [folder, path.join(folder, CLIPS_DIR), path.join(folder, EXPORTS_DIR)]) {
    for (const file of await readdir(dir).catch(() => [] as string[])) {
      if (!LEFTOVER.test(file)) continue;
      await rm(path.join(dir, file), { force: true });
      log.info('leftover of an interrupted export removed', { file: path.join(dir, file) });
    }
  }
}

const readJson = (file: string): Promise<Record<string, unknown>> =>
  readFile(file, 'utf8').then(
    (text) => {
      const value = JSON.parse(text) as unknown;
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    },
    () => ({}),
  );

/** "Show of 25 Nov 2026, 20:15", in the machine's time zone: the merchant's. */
export function defaultShowTitle(startedAt: Date | null, showId: string): string {
  return startedAt ? `Show of ${startedAt.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })}` : `Show ${showId}`;
}

export function openShowLibrary(deps: ShowLibraryDeps): ShowLibrary {
  const root = path.resolve(deps.recordingsDir);
  const repairing = new Set<string>();
  /** Why a repair failed, until the folder changes: the show is `broken`, its segments kept. */
  const failed = new Map<string, string>();
  const headers = new Map<string, { key: string; header: MediaHeader | null }>();
  const readLengths = new Map<string, { key: string; seconds: number | null }>();

  const folderOf = async (showId: string): Promise<string> => {
    const folder = path.resolve(root, showId);
    // Directly under the library, by name only: no `..`, no separators, no absolute path, and no
    // symbolic link (deleting through one would delete somewhere else).
    const plain = showId !== '' && showId !== '.' && showId !== '..' && !/[/\\\0]/.test(showId) && path.dirname(folder) === root;
    const isFolder = plain && (await lstat(folder).then((info) => info.isDirectory() && !info.isSymbolicLink(), () => false));
    if (!isFolder) throw new RefusedError('That show is not in the library (it may have been deleted).');
    return folder;
  };

  const headerOf = async (file: string): Promise<MediaHeader | null> => {
    const info = await stat(file);
    const key = `${info.size}:${info.mtimeMs}`;
    const cached = headers.get(file);
    if (cached?.key === key) return cached.header;
    const ffmpegPath = await deps.ffmpegPath();
    if (!ffmpegPath) return { durationSec: null, video: true, audio: true };
    const header = await readHeader({ ffmpegPath, spawn: deps.spawn }, file);
    headers.set(file, { key, header });
    return header;
  };

  /**
   * A segment's length. One a crash cut short does not say it (Matroska writes it last): that one
   * is read through once, at disk speed, and remembered while the file stays the same.
   */
  const segmentSeconds = async (file: string): Promise<number | null> => {
    const header = await headerOf(file);
    if (!header || header.durationSec !== null) return header?.durationSec ?? null;
    const info = await stat(file);
    const key = `${info.size}:${info.mtimeMs}`;
    const cached = readLengths.get(file);
    if (cached?.key === key) return cached.seconds;
    const ffmpegPath = await deps.ffmpegPath();
    if (!ffmpegPath) return null;
    const seconds = await readThroughSeconds({ ffmpegPath, spawn: deps.spawn }, file);
    readLengths.set(file, { key, seconds });
    return seconds;
  };

  const recordingState = async (showId: string, folder: string, files: readonly string[]): Promise<{ state: ShowState; reason: string | null; durationSec: number | null }> => {
    if (deps.recordingShowId() === showId) return { state: 'recording', reason: 'This show is being recorded.', durationSec: null };
    if (repairing.has(showId)) return { state: 'repairing', reason: 'Its recording is being repaired.', durationSec: null };
    const segments: string[] = [];
    for (const segment of await segmentsOf(folder)) if ((await stat(segment)).size > 0) segments.push(segment);
    if (segments.length > 0) {
      const failure = failed.get(showId);
      if (failure) return { state: 'broken', reason: failure, durationSec: null };
      let durationSec: number | null = 0;
      for (const segment of segments) {
        const seconds = await segmentSeconds(segment);
        durationSec = durationSec === null || seconds === null ? null : durationSec + seconds;
      }
      // Segments beside a show.mp4: a join was itself interrupted, and the segments are the truth.
      return { state: 'needs-repair', reason: 'The show was interrupted before its recording was saved as one video: it needs a repair.', durationSec };
    }
    if (!files.includes(SHOW_FILE)) return { state: 'broken', reason: 'Nothing was recorded.', durationSec: null };
    const recorded = (await readJson(path.join(folder, RECORDING_INFO_FILE)))['durationSec'];
    if (typeof recorded === 'number' && recorded > 0) return { state: 'ready', reason: null, durationSec: recorded };
    const header = await headerOf(path.join(folder, SHOW_FILE));
    if (!header?.video) return { state: 'broken', reason: 'Its video (show.mp4) cannot be read.', durationSec: null };
    return { state: 'ready', reason: null, durationSec: header.durationSec };
  };

  const read = async (showId: string, folder: string): Promise<ShowRead> => {
    const files = await readdir(folder);
    const { state, reason, durationSec } = await recordingState(showId, folder, files);
    const timeline = readShowTimeline(await readFile(path.join(folder, TIMELINE_FILE), 'utf8').catch(() => ''), { durationMs: durationSec === null ? null : durationSec * 1000 });
    const startedAt = showStartOf(showId) ?? (timeline.liveAt === null ? null : new Date(timeline.liveAt));
    const title = (await readJson(path.join(folder, TITLE_FILE)))['title'];
    const clips = await readdir(path.join(folder, CLIPS_DIR)).catch(() => [] as string[]);
    const show: ShowSummary = {
      id: showId,
      title: typeof title === 'string' && title.trim() !== '' ? title : defaultShowTitle(startedAt, showId),
      startedAt: startedAt?.getTime() ?? null,
      durationSec,
      sizeBytes: await folderSize(folder),
      orders: timeline.orders.orders,
      units: timeline.orders.units,
      gmv: timeline.orders.gmv,
      productsPromoted: productsPromoted(timeline.chapters),
      chapters: timeline.chapters,
      // Temporary files of a cut in progress start with a dot.
      clips: clips.filter((file) => file.endsWith('.mp4') && !file.startsWith('.')).length,
      state,
      reason,
    };
    return { show, timeline, folder };
  };
  const summary = async (showId: string, folder: string) => (await read(showId, folder)).show;

  const list = async (): Promise<ShowSummary[]> => {
    const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
    const shows: ShowSummary[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      // One unreadable folder must not hide the others.
      await summary(entry.name, path.join(root, entry.name)).then(
        (show) => shows.push(show),
        (error: unknown) => deps.log.warn('show not listed', { showId: entry.name, error }),
      );
    }
    return shows.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0) || b.id.localeCompare(a.id));
  };

  const refuseBusy = (showId: string, doing: string) => {
    if (deps.recordingShowId() === showId) throw new RefusedError(`This show is being recorded: ${doing} once it has ended.`);
    if (repairing.has(showId)) throw new RefusedError(`This show is being repaired: ${doing} once that is done.`);
  };

  const ffmpegOrRefuse = async (doing: string): Promise<string> => {
    const ffmpegPath = await deps.ffmpegPath();
    if (!ffmpegPath) throw new RefusedError(`FFmpeg was not found, so ${doing} is not possible. Run "npm run setup" or set FFMPEG_PATH.`);
    return ffmpegPath;
  };

  const repair = async (showId: string, options: { signal?: AbortSignal } = {}): Promise<ShowRepair> => {
    const folder = await folderOf(showId);
    refuseBusy(showId, 'repair it');
    // Marked before the next await: a second repair of the same show is refused, not run alongside.
    repairing.add(showId);
    try {
      const ffmpegPath = await ffmpegOrRefuse('repairing a show');
      const result = await repairShow({ ffmpegPath, spawn: deps.spawn, log: deps.log }, folder, options);
      if (result.repaired) failed.delete(showId);
      else failed.set(showId, `It could not be repaired: ${result.reason} Its recording files are kept.`);
      return result;
    } finally {
      repairing.delete(showId);
    }
  };

  return {
    list,
    get: async (showId) => summary(showId, await folderOf(showId)),
    read: async (showId) => read(showId, await folderOf(showId)),
    folderOf,
    async rename(showId, title) {
      const folder = await folderOf(showId);
      const parsed = showTitleSchema.safeParse(title);
      if (!parsed.success) throw new RefusedError(parsed.error.issues[0]?.message ?? 'That title cannot be used.');
      // Written whole then renamed: a crash leaves the old title or the new one, never half a file.
      const file = path.join(folder, TITLE_FILE);
      const partial = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(partial, `${JSON.stringify({ title: parsed.data, renamedAt: deps.now() })}\n`);
        await rename(partial, file);
      } finally {
        await rm(partial, { force: true });
      }
      return summary(showId, folder);
    },
    async remove(showId) {
      const folder = await folderOf(showId);
      refuseBusy(showId, 'delete it');
      await rm(folder, { recursive: true, force: true });
      failed.delete(showId);
      deps.log.info('show deleted', { showId });
    },
    repair,
    async repairInterrupted() {
      const results: { showId: string; startedAt: Date | null; repair: ShowRepair }[] = [];
      for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
        if (entry.isDirectory()) await sweepLeftovers(path.join(root, entry.name), deps.log);
      }
      for (const show of await list()) {
        if (show.state !== 'needs-repair') continue;
        results.push({ showId: show.id, startedAt: show.startedAt === null ? null : new Date(show.startedAt), repair: await repair(show.id) });
      }
      return results;
    },
    async cutClips(showId, options = {}) {
      const folder = await folderOf(showId);
      refuseBusy(showId, 'cut its clips');
      const show = await summary(showId, folder);
      if (show.state !== 'ready') throw new RefusedError(`Clips can be cut from a show whose recording is ready. ${show.reason ?? ''}`.trim());
      const ffmpegPath = await ffmpegOrRefuse('cutting clips');
      const clips = await cutShowClips({ ffmpegPath, spawn: deps.spawn, log: deps.log }, folder, {
        ...(options.mode ? { mode: options.mode } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.thumbnails === false ? { thumbnails: false } : {}),
        onProgress: (progress) => options.onProgress?.({ showId, ...progress }),
      });
      return clips.map((clip) => ({ chapter: clip.chapter, file: path.basename(clip.file), thumbnail: clip.thumbnail === null ? null : path.basename(clip.thumbnail) }));
    },
  };
}
