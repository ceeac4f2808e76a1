import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { endReason, exited, lastLinesOf, type Spawn } from '../live/childProcesses.node';
import { SHOW_FILE } from '../live/recordingJoin.node';
import type { Logger } from '../log/logger.std';
import { TIMELINE_FILE } from '../panel/showTimeline.node';
import { chaptersOf, type Chapter } from './chapters.std';
import { buildClipArgs, buildThumbnailArgs, type CutMode } from './cutArgs.std';

// One clip per promotion of a show: `<show>/clips/<product>.mp4` and its `.jpg`. Each clip is
// written under a temporary name and renamed into place, so a reader never sees half a clip and
// two cuts of the same clip at once each finish whole (the last rename wins).

export const CLIPS_DIR = 'clips';

export interface Clip {
  chapter: Chapter;
  file: string;
  thumbnail: string | null;
}

export interface ClipCutterDeps {
  ffmpegPath: string;
  spawn: Spawn;
  log: Logger;
}

export interface CutOptions {
  mode?: CutMode;
  /** Cancels the cut: the running FFmpeg is stopped and its temporary file removed. */
  signal?: AbortSignal;
  /** Clips finished so far, of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Thumbnails can be left for later (the replay benchmark times the cuts alone). */
  thumbnails?: boolean;
}

/** A product name as a file name on every system: no separators, no reserved characters, not too long. */
export function clipFileName(productName: string, taken: ReadonlySet<string>): string {
  const base = productName.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 80) || 'Product';
  let name = base;
  for (let copy = 2; taken.has(name.toLowerCase()); copy += 1) name = `${base} (${copy})`;
  return name;
}

async function runFfmpeg(deps: ClipCutterDeps, args: readonly string[], signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  const child = deps.spawn(deps.ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'ignore'] });
  const lines = lastLinesOf(child);
  const stop = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const { code, signal: killedBy } = await exited(child);
    signal?.throwIfAborted();
    if (code !== 0) throw new Error(`FFmpeg could not cut the clip (${endReason(code, killedBy, lines)}).`);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/** Cuts every chapter of the show in `showDir` into its clip; resolves with the clips in show order. */
export async function cutShowClips(deps: ClipCutterDeps, showDir: string, options: CutOptions = {}): Promise<Clip[]> {
  const chapters = chaptersOf(await readFile(path.join(showDir, TIMELINE_FILE), 'utf8').catch(() => ''));
  const clipsDir = path.join(showDir, CLIPS_DIR);
  await mkdir(clipsDir, { recursive: true });
  const input = path.join(showDir, SHOW_FILE);
  const taken = new Set<string>();
  const clips: Clip[] = [];
  options.onProgress?.(0, chapters.length);
  for (const chapter of chapters) {
    const name = clipFileName(chapter.productName, taken);
    taken.add(name.toLowerCase());
    const file = path.join(clipsDir, `${name}.mp4`);
    const partial = path.join(clipsDir, `.${name}.${randomBytes(4).toString('hex')}.part.mp4`);
    const durationSec = chapter.endSec === null ? null : chapter.endSec - chapter.startSec;
    try {
      await runFfmpeg(deps, buildClipArgs(input, { startSec: chapter.startSec, durationSec }, partial, options.mode ?? 'keyframe'), options.signal);
      await rename(partial, file);
    } finally {
      await rm(partial, { force: true });
    }
    let thumbnail: string | null = null;
    if (options.thumbnails !== false) {
      thumbnail = path.join(clipsDir, `${name}.jpg`);
      const partialThumbnail = `${partial}.jpg`;
      try {
        await runFfmpeg(deps, buildThumbnailArgs(file, durationSec === null ? 1 : durationSec / 2, partialThumbnail), options.signal);
        await rename(partialThumbnail, thumbnail);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        // A clip without its picture is still a clip.
        deps.log.warn('clip thumbnail not made', { file, error });
        thumbnail = null;
      } finally {
        await rm(partialThumbnail, { force: true });
      }
    }
    clips.push({ chapter, file, thumbnail });
    options.onProgress?.(clips.length, chapters.length);
  }
  return clips;
}
