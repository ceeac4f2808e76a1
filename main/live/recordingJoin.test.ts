import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../contract/schemas/notice.std';
import { createCore } from '../core/createCore.node';
import { createLogger } from '../log/logger.std';
import { findInterruptedShows, repairShows, SHOW_FILE } from './recordingJoin.node';
import { showIdOf, showStartOf } from './showId.std';

// Real FFmpeg: a show's crash-safe segments, the last one cut short as a kill leaves it, are
// joined into one playable show.mp4 on the next start, with a notice saying so.

const log = createLogger(() => {});
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A Matroska segment as the recording remuxer writes one: H.264 (keyframe every second) and AAC. */
function segment(file: string, seconds: number): void {
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc=size=320x180:rate=30:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
    '-f', 'matroska', '-cluster_time_limit', '1000', file,
  ]);
}

function durationOf(file: string): number {
  return Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString());
}

function interruptedShow(recordingsDir: string, startedAt: number): string {
  const showDir = path.join(recordingsDir, showIdOf(startedAt));
  mkdirSync(showDir, { recursive: true });
  segment(path.join(showDir, 'segment-001.mkv'), 3);
  const last = path.join(showDir, 'segment-002.mkv');
  segment(last, 3);
  // Killed mid-write: the file ends inside a cluster.
  truncateSync(last, Math.floor(statSync(last).size * 0.6));
  writeFileSync(path.join(showDir, 'timeline.jsonl'), '{"kind":"live","seq":0,"at":1}\n');
  return showDir;
}

describe('interrupted shows', () => {
  it('names a show by when it started, and reads that back', () => {
    const startedAt = Date.UTC(2026, 10, 25, 20, 15, 3, 123);
    expect(showIdOf(startedAt)).toBe('2026-11-25T20-15-03-123Z');
    expect(showStartOf(showIdOf(startedAt))?.getTime()).toBe(startedAt);
    expect(showStartOf('my own folder')).toBeNull();
  });

  it('are joined into show.mp4 on the next start, up to the interruption, with a notice; finished shows are left alone', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'shopcast-repair-'));
    dirs.push(dataDir);
    const recordingsDir = path.join(dataDir, 'recordings');
    const showDir = interruptedShow(recordingsDir, Date.UTC(2026, 10, 25, 20, 15, 0, 0));
    const finished = path.join(recordingsDir, showIdOf(Date.UTC(2026, 10, 24, 19, 0, 0, 0)));
    mkdirSync(finished, { recursive: true });
    segment(path.join(finished, SHOW_FILE), 1);

    const core = await createCore({ dataDir, log, env: process.env, requireModule: createRequire(__filename) });
    const notices: Notice[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'notice') notices.push(payload as Notice);
    });
    try {
      const repaired = await core.repairs;
      expect(repaired.map((show) => show.output)).toEqual([path.join(showDir, SHOW_FILE)]);
      // Three whole seconds and part of the next three: more than the first segment alone.
      const seconds = durationOf(path.join(showDir, SHOW_FILE));
      expect(seconds).toBeGreaterThan(3.5);
      expect(seconds).toBeLessThan(6.5);
      expect(repaired[0]?.seconds).toBeGreaterThan(3.5);
      // The MP4 holds it all; the segments were its insurance. The timeline stays.
      expect(readdirSync(showDir).sort()).toEqual(['recording.json', SHOW_FILE, 'timeline.jsonl']);
      expect(notices.map((notice) => notice.message)).toEqual([expect.stringMatching(/^The show of 25 Nov, \d\d:\d\d was interrupted; its recording has been repaired: \d+ s recorded/)]);
      expect(await findInterruptedShows(recordingsDir)).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('keeps the segments when FFmpeg cannot join them, and leaves no half-written show.mp4', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'shopcast-repair-'));
    dirs.push(dataDir);
    const showDir = path.join(dataDir, 'recordings', showIdOf(Date.UTC(2026, 10, 25, 21, 0, 0, 0)));
    mkdirSync(showDir, { recursive: true });
    writeFileSync(path.join(showDir, 'segment-001.mkv'), 'not a Matroska file at all');
    const shows = await findInterruptedShows(path.join(dataDir, 'recordings'));
    expect(shows).toHaveLength(1);
    expect(await repairShows({ ffmpegPath: 'ffmpeg', spawn, log }, shows)).toEqual([]);
    expect(readdirSync(showDir)).toContain('segment-001.mkv');
    expect(readdirSync(showDir)).not.toContain(SHOW_FILE);
  });
});
