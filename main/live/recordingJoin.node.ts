import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildConcatList, buildFinalizeRecordingArgs, REMUX_FD } from '../encoder/ffmpegArgs.std';
import { createProgressParser } from '../encoder/ffmpegProgress.std';
import type { Logger } from '../log/logger.std';
import { endReason, exited, lastLinesOf, type Spawn } from './childProcesses.node';

// A show is recorded as crash-safe Matroska segments, one per encoder run, and joined into one
// fast-start show.mp4 when it ends. A show that never ended (the core killed, the power gone) is
// joined on the next start instead: everything recorded up to the interruption, in one file.

export const SHOW_FILE = 'show.mp4';
/** `{ durationSec }` of show.mp4, written when the segments are joined. */
export const RECORDING_INFO_FILE = 'recording.json';
const SEGMENT_FILE = /^segment-\d+\.mkv$/;

export interface RecordingJoinDeps {
  ffmpegPath: string;
  spawn: Spawn;
  log: Logger;
}

export type JoinResult =
  | { joined: true; output: string; seconds: number | null }
  /** FFmpeg failed: the segments are kept, so nothing is lost. */
  | { joined: false; reason: string }
  | null;

/** Joins `segments` (empty ones skipped) into `<showDir>/show.mp4`, then deletes them; null when there was nothing to join. */
export async function joinSegments(deps: RecordingJoinDeps, showDir: string, segments: readonly string[]): Promise<JoinResult> {
  const kept: string[] = [];
  for (const segment of segments) {
    const size = await stat(segment).then((info) => info.size, () => 0);
    if (size > 0) kept.push(segment);
  }
  if (kept.length === 0) return null;
  const listFile = path.join(showDir, 'segments.ffconcat');
  const output = path.join(showDir, SHOW_FILE);
  await writeFile(listFile, buildConcatList(kept));
  const stdio: ('ignore' | 'pipe')[] = ['ignore', 'ignore', 'pipe', 'pipe'];
  stdio[REMUX_FD.progress] = 'pipe';
  const child = deps.spawn(deps.ffmpegPath, buildFinalizeRecordingArgs(listFile, output), { stdio });
  let seconds: number | null = null;
  const progress = createProgressParser((snapshot) => {
    if (snapshot.outTimeUs !== null) seconds = snapshot.outTimeUs / 1e6;
  });
  (child.stdio[REMUX_FD.progress] as NodeJS.ReadableStream | null)?.on('data', (chunk: Buffer) => progress.push(chunk.toString()));
  const lines = lastLinesOf(child);
  const { code, signal } = await exited(child);
  if (code !== 0) {
    const reason = endReason(code, signal, lines);
    deps.log.error('recording not joined; its segments are kept', { showDir, reason });
    // A half-written MP4 would look like a finished show.
    await rm(output, { force: true });
    return { joined: false, reason };
  }
  // The library reads the show's length here (FFmpeg measured it; ffprobe may not be installed).
  await writeFile(path.join(showDir, RECORDING_INFO_FILE), JSON.stringify({ durationSec: seconds }));
  // The MP4 holds everything now; the crash-safe segments were its insurance.
  await Promise.all([...kept, listFile].map((file) => rm(file, { force: true })));
  return { joined: true, output, seconds };
}

export interface RepairedShow {
  showId: string;
  output: string;
  seconds: number | null;
}

export interface InterruptedShow {
  showId: string;
  showDir: string;
  segments: string[];
}

/**
 * Shows under `recordingsDir` with segments but no show.mp4: a crash or a power cut interrupted
 * them. Listed when the core starts, before any new show records, so a show going live while they
 * are repaired is never taken for one.
 */
export async function findInterruptedShows(recordingsDir: string): Promise<InterruptedShow[]> {
  const shows = await readdir(recordingsDir, { withFileTypes: true }).catch(() => []);
  const interrupted: InterruptedShow[] = [];
  for (const show of shows.filter((entry) => entry.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const showDir = path.join(recordingsDir, show.name);
    const files = await readdir(showDir);
    if (files.includes(SHOW_FILE)) continue;
    const segments = files.filter((file) => SEGMENT_FILE.test(file)).sort().map((file) => path.join(showDir, file));
    if (segments.length > 0) interrupted.push({ showId: show.name, showDir, segments });
  }
  return interrupted;
}

/** Joins each interrupted show into its show.mp4, one at a time (FFmpeg copies, it does not encode). */
export async function repairShows(deps: RecordingJoinDeps, shows: readonly InterruptedShow[]): Promise<RepairedShow[]> {
  const repaired: RepairedShow[] = [];
  for (const show of shows) {
    const result = await joinSegments(deps, show.showDir, show.segments);
    if (result?.joined) repaired.push({ showId: show.showId, output: result.output, seconds: result.seconds });
  }
  return repaired;
}

/** "The show of 25 Nov, 20:15 was interrupted; it has been repaired: 12 min recorded." */
export function repairedShowNotice(show: RepairedShow, startedAt: Date | null): string {
  const when = startedAt ? ` of ${startedAt.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}` : '';
  const recorded = show.seconds === null ? '' : `: ${show.seconds < 60 ? `${Math.round(show.seconds)} s` : `${Math.round(show.seconds / 60)} min`} recorded`;
  return `The show${when} was interrupted; its recording has been repaired${recorded} (${show.output}).`;
}
