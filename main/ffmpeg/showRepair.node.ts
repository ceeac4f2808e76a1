import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildConcatList, buildFinalizeRecordingArgs, REMUX_FD } from './ffmpegArgs.std';
import { buildChapterMetadata } from './chapterMetadata.std';
import { RECORDING_INFO_FILE, SHOW_FILE } from './recordingFiles.std';
import type { Logger } from '../log/logger.std';
import { TIMELINE_FILE } from './showTimelineWriter.node';
import { readHeader, readThroughSeconds, runFfmpeg, type FfmpegRunDeps } from './ffmpegRun.node';
import { buildReadCheckArgs, CHECK_PROGRESS_FD } from './mediaCheck.std';
import { readShowTimeline } from './showTimeline.std';

// Repairing a show a crash interrupted (the core killed, the power gone): its Matroska segments
// are there, its show.mp4 is not (or is half-written: a join was itself interrupted). The usable
// segments are joined, up to the interruption, into a temporary MP4 that is read back whole before
// it is renamed to show.mp4; only then do the segments go. At every instant the folder holds either
// the segments or a show.mp4 that plays, so a repair can itself be interrupted and run again.

export const SEGMENT_FILE = /^segment-(\d+)\.mkv$/;

export interface ShowRepairDeps extends FfmpegRunDeps {
  log: Logger;
}

export interface RepairOptions {
  signal?: AbortSignal;
  /** Seconds joined so far, about once a second. */
  onProgress?: (joinedSec: number) => void;
}

export type ShowRepair =
  | {
      repaired: true;
      showDir: string;
      output: string;
      /** How much was recorded before the interruption: the repaired show.mp4's length. */
      durationSec: number;
      segmentsJoined: number;
      /** Segments with nothing readable (killed before their first cluster): kept, not joined. */
      segmentsLeftOut: string[];
    }
  | { repaired: false; showDir: string; reason: string };

/** The show's segment files, in recording order (by number: segment-1000 comes after segment-999). */
export async function segmentsOf(showDir: string): Promise<string[]> {
  const files = await readdir(showDir).catch(() => [] as string[]);
  return files
    .map((file) => ({ file, number: Number(SEGMENT_FILE.exec(file)?.[1] ?? Number.NaN) }))
    .filter((entry) => Number.isFinite(entry.number))
    .sort((a, b) => a.number - b.number)
    .map((entry) => path.join(showDir, entry.file));
}

/** Whether the MP4 reads back whole (every packet, not only its header), and how long it is. */
export async function readCheck(deps: FfmpegRunDeps, file: string, signal?: AbortSignal): Promise<{ ok: true; durationSec: number } | { ok: false; reason: string }> {
  const run = await runFfmpeg(deps, buildReadCheckArgs(file), { progressFd: CHECK_PROGRESS_FD, ...(signal ? { signal } : {}) });
  if (run.failure !== null) return { ok: false, reason: run.failure };
  // An error while reading (a packet cut short) means the file is damaged; warnings are FFmpeg's chatter.
  const error = run.stderr.split('\n').find((line) => /\[(error|fatal)\]/.test(line));
  if (error) return { ok: false, reason: error.trim() };
  if (run.outTimeUs === null || run.outTimeUs <= 0) return { ok: false, reason: 'nothing readable in it' };
  return { ok: true, durationSec: run.outTimeUs / 1e6 };
}

async function usableSegments(deps: FfmpegRunDeps, segments: readonly string[], signal: AbortSignal | undefined) {
  const usable: { file: string; durationSec: number | null }[] = [];
  const leftOut: string[] = [];
  for (const segment of segments) {
    const size = await stat(segment).then((info) => info.size, () => 0);
    const header = size > 0 ? await readHeader(deps, segment, signal) : null;
    // The join maps the first video and audio streams of every segment.
    if (header?.video && header.audio) usable.push({ file: segment, durationSec: header.durationSec });
    else leftOut.push(segment);
  }
  return { usable, leftOut };
}

/**
 * The joined show's length before it is joined: each segment's header says its own, except one a
 * crash cut short, which is read through once. Null when one cannot be read (no chapters then).
 */
async function joinedLengthMs(deps: FfmpegRunDeps, segments: readonly { file: string; durationSec: number | null }[], signal: AbortSignal | undefined): Promise<number | null> {
  let total = 0;
  for (const segment of segments) {
    const seconds = segment.durationSec ?? (await readThroughSeconds(deps, segment.file, signal));
    if (seconds === null) return null;
    total += seconds * 1000;
  }
  return total;
}

/** The show's chapters (one per promotion, from its timeline) as FFMETADATA for the join, or null without any. */
async function chaptersFile(deps: FfmpegRunDeps, showDir: string, segments: readonly { file: string; durationSec: number | null }[], token: string, signal: AbortSignal | undefined): Promise<string | null> {
  const text = await readFile(path.join(showDir, TIMELINE_FILE), 'utf8').catch(() => '');
  if (text === '') return null;
  const durationMs = await joinedLengthMs(deps, segments, signal);
  if (durationMs === null) return null;
  const { chapters } = readShowTimeline(text, { durationMs });
  if (chapters.length === 0) return null;
  const file = path.join(showDir, `.chapters-${token}.txt`);
  await writeFile(file, buildChapterMetadata(null, chapters, durationMs));
  return file;
}

async function join(deps: ShowRepairDeps, showDir: string, segments: readonly { file: string; durationSec: number | null }[], options: RepairOptions) {
  const token = randomBytes(4).toString('hex');
  const listFile = path.join(showDir, `.repair-${token}.ffconcat`);
  const partial = path.join(showDir, `.show-${token}.part.mp4`);
  let metadata: string | null = null;
  try {
    await writeFile(listFile, buildConcatList(segments.map((segment) => segment.file)));
    metadata = await chaptersFile(deps, showDir, segments, token, options.signal);
    const run = await runFfmpeg(deps, buildFinalizeRecordingArgs(listFile, partial, metadata), {
      progressFd: REMUX_FD.progress,
      onProgress: (progress) => progress.outTimeUs !== null && options.onProgress?.(progress.outTimeUs / 1e6),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (run.failure !== null) return { ok: false as const, reason: run.failure };
    const check = await readCheck(deps, partial, options.signal);
    if (!check.ok) return check;
    const output = path.join(showDir, SHOW_FILE);
    // Replaces a show.mp4 a crash left half-written during an earlier join.
    await rename(partial, output);
    return { ok: true as const, output, durationSec: check.durationSec };
  } finally {
    await Promise.all([rm(listFile, { force: true }), rm(partial, { force: true }), metadata === null ? undefined : rm(metadata, { force: true })]);
  }
}

export async function repairShow(deps: ShowRepairDeps, showDir: string, options: RepairOptions = {}): Promise<ShowRepair> {
  const { usable, leftOut } = await usableSegments(deps, await segmentsOf(showDir), options.signal);
  if (usable.length === 0) return { repaired: false, showDir, reason: leftOut.length > 0 ? 'Its recording holds nothing that can be played.' : 'Nothing was recorded.' };
  let joined = await join(deps, showDir, usable, options);
  if (!joined.ok && usable.length > 1) {
    // The segment the crash cut short is the last one; the show up to it is still worth having.
    deps.log.warn('repair: join failed, trying without the last segment', { showDir, reason: joined.reason });
    const last = usable.pop();
    if (last) leftOut.push(last.file);
    joined = await join(deps, showDir, usable, options);
  }
  if (!joined.ok) {
    deps.log.error('show not repaired; its segments are kept', { showDir, reason: joined.reason });
    return { repaired: false, showDir, reason: `FFmpeg could not join its recording (${joined.reason}).` };
  }
  await writeFile(path.join(showDir, RECORDING_INFO_FILE), JSON.stringify({ durationSec: joined.durationSec }));
  // show.mp4 reads back whole: the joined segments were its insurance. Unreadable ones stay, for a closer look.
  await Promise.all(usable.map((segment) => rm(segment.file, { force: true })));
  deps.log.info('show repaired', { showDir, durationSec: joined.durationSec, segments: usable.length, leftOut: leftOut.length });
  return { repaired: true, showDir, output: joined.output, durationSec: joined.durationSec, segmentsJoined: usable.length, segmentsLeftOut: leftOut };
}

/** "The show of 25 Nov, 20:15 was interrupted; it has been repaired: 12 min recorded." */
export function repairNotice(repair: ShowRepair, startedAt: Date | null): string {
  const when = startedAt ? ` of ${startedAt.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}` : '';
  if (!repair.repaired) return `The show${when} was interrupted and could not be repaired: ${repair.reason} Its recording files are kept in ${repair.showDir}.`;
  const recorded = repair.durationSec < 60 ? `${Math.round(repair.durationSec)} s` : `${Math.round(repair.durationSec / 60)} min`;
  return `The show${when} was interrupted; it has been repaired: ${recorded} recorded.`;
}
