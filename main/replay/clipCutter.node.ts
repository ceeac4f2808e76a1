import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { RECORDING_INFO_FILE, SHOW_FILE } from '../ffmpeg/recordingFiles.std';
import type { Logger } from '../log/logger.std';
import { TIMELINE_FILE } from '../ffmpeg/showTimelineWriter.node';
import { buildClipArgs, buildThumbnailArgs, CLIP_PROGRESS_FD, type CutMode } from './clipArgs.std';
import { ffmpegIntoFile, readHeader, type FfmpegRunDeps } from '../ffmpeg/ffmpegRun.node';
import { readShowTimeline, type ReplayChapter } from '../ffmpeg/showTimeline.std';

// One clip per promotion of a show: `<show>/clips/<product>.mp4` and its `.jpg`. Each clip is
// written under a temporary name of its own and renamed into place, so a reader never sees half a
// clip and two cuts of the same clip at once each finish whole (the last rename wins). Cancelled,
// the running FFmpeg is killed and its temporary file removed; the clips already cut stay.

export const CLIPS_DIR = 'clips';

export interface Clip {
  chapter: ReplayChapter;
  file: string;
  thumbnail: string | null;
}

export interface ClipCutterDeps extends FfmpegRunDeps {
  log: Logger;
}

/** A clip job's progress (the library adds the show's id: `ClipJobProgress`). */
export interface ClipProgress {
  clipIndex: number;
  clipCount: number;
  productName: string;
  /** The whole job, 0 to 1. */
  fraction: number;
  done: boolean;
}

export interface CutOptions {
  mode?: CutMode;
  signal?: AbortSignal;
  onProgress?: (progress: ClipProgress) => void;
  /** Thumbnails can be left for later (the replay benchmark times the cuts alone). */
  thumbnails?: boolean;
}

/** A product name as a file name on every system: no separators, no reserved characters, not too long. */
export function clipFileName(productName: string, taken: ReadonlySet<string>, maxLength = 80): string {
  const cleaned = productName.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  // By code point: a cut through an emoji's surrogate pair would write a name that is not the one asked for.
  const cut = Array.from(cleaned).slice(0, maxLength).join('').replace(/[.\s]+$/, '') || 'Product';
  // Names Windows reserves for devices, whatever the extension.
  const base = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cut) ? `${cut}_` : cut;
  let name = base;
  // Lower case: "Teapot" and "teapot" are one file on Windows and macOS.
  for (let copy = 2; taken.has(name.toLowerCase()); copy += 1) name = `${base} (${copy})`;
  return name;
}

/** Each chapter's clip name, in show order: a product promoted twice gets "Teapot" and "Teapot (2)". */
export function clipNamesOf(chapters: readonly ReplayChapter[]): string[] {
  const taken = new Set<string>();
  return chapters.map((chapter) => {
    const name = clipFileName(chapter.productName, taken);
    taken.add(name.toLowerCase());
    return name;
  });
}

/** show.mp4's length: as the join measured it (recording.json), else from its header. */
export async function showDurationMs(deps: FfmpegRunDeps, showDir: string): Promise<number | null> {
  const recorded = await readFile(path.join(showDir, RECORDING_INFO_FILE), 'utf8').then((text) => (JSON.parse(text) as { durationSec?: unknown }).durationSec, () => undefined);
  if (typeof recorded === 'number' && recorded > 0) return Math.round(recorded * 1000);
  const header = await readHeader(deps, path.join(showDir, SHOW_FILE));
  return header?.durationSec ? Math.round(header.durationSec * 1000) : null;
}

/** The show's chapters, each ended by the next, by its own end, or by the end of the recording. */
export async function chaptersToCut(deps: FfmpegRunDeps, showDir: string): Promise<ReplayChapter[]> {
  const text = await readFile(path.join(showDir, TIMELINE_FILE), 'utf8').catch(() => '');
  return readShowTimeline(text, { durationMs: await showDurationMs(deps, showDir) }).chapters;
}

export interface ClipRequest {
  input: string;
  chapter: ReplayChapter;
  clipsDir: string;
  /** The file name without its extension (`clipNamesOf`). */
  name: string;
  mode?: CutMode;
  thumbnail?: boolean;
  signal?: AbortSignal;
  /** This clip's share done, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

/** Cuts one chapter into `<clipsDir>/<name>.mp4` (and `.jpg`). */
export async function cutClip(deps: ClipCutterDeps, request: ClipRequest): Promise<Clip> {
  const { chapter, clipsDir, name, signal } = request;
  await mkdir(clipsDir, { recursive: true });
  const file = path.join(clipsDir, `${name}.mp4`);
  const durationMs = chapter.endMs === null ? null : chapter.endMs - chapter.startMs;
  const withSignal = signal ? { signal } : {};
  await ffmpegIntoFile(deps, file, (partial) => buildClipArgs(request.input, { startMs: chapter.startMs, durationMs }, partial, request.mode ?? 'keyframe'), {
    progressFd: CLIP_PROGRESS_FD,
    lengthMs: durationMs,
    ...(request.onProgress ? { onFraction: request.onProgress } : {}),
    ...withSignal,
    failure: (why) => `FFmpeg could not cut the clip of ${chapter.productName} (${why}).`,
  });
  let thumbnail: string | null = path.join(clipsDir, `${name}.jpg`);
  if (request.thumbnail === false) thumbnail = null;
  else {
    try {
      // The middle of the clip: past the host's first words, before the next product comes in.
      await ffmpegIntoFile(deps, thumbnail, (partial) => buildThumbnailArgs(file, durationMs === null ? 1000 : durationMs / 2, partial), { ...withSignal, failure: (why) => why });
    } catch (error) {
      if (signal?.aborted) throw error;
      // A clip without its picture is still a clip.
      deps.log.warn('clip thumbnail not made', { file, error });
      thumbnail = null;
    }
  }
  request.onProgress?.(1);
  return { chapter, file, thumbnail };
}

/** Cuts every chapter of the show in `showDir` into its clip, one at a time; resolves with the clips in show order. */
export async function cutShowClips(deps: ClipCutterDeps, showDir: string, options: CutOptions = {}): Promise<Clip[]> {
  const chapters = await chaptersToCut(deps, showDir);
  const names = clipNamesOf(chapters);
  const clips: Clip[] = [];
  const report = (clipIndex: number, share: number, done = false) =>
    options.onProgress?.({ clipIndex, clipCount: chapters.length, productName: chapters[clipIndex]?.productName ?? '', fraction: chapters.length === 0 ? 1 : (clipIndex + share) / chapters.length, done });
  for (const [index, chapter] of chapters.entries()) {
    report(index, 0);
    clips.push(
      await cutClip(deps, {
        input: path.join(showDir, SHOW_FILE),
        chapter,
        clipsDir: path.join(showDir, CLIPS_DIR),
        name: names[index] ?? 'Product',
        thumbnail: options.thumbnails !== false,
        onProgress: (share) => report(index, share),
        ...(options.mode ? { mode: options.mode } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
  }
  report(Math.max(0, chapters.length - 1), 1, true);
  return clips;
}
