import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../contract/schemas/notice.std';
import { SHOW_FILE } from '../ffmpeg/recordingFiles.std';
import { showIdOf, showStartOf } from '../ffmpeg/showId.std';
import { createLogger } from '../log/logger.std';
import { probe, writeKilledSegment, writeSegment } from '../../testing/testMedia.node';
import { createCore } from './createCore.node';

// A show the core was killed in the middle of is repaired when the studio next starts, with a
// notice; a finished show is left alone. Real FFmpeg (main/replay/showRepair.test.ts has the rest).

const log = createLogger(() => {});
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the core’s start', () => {
  it('names a show by when it started, and reads that back', () => {
    const startedAt = Date.UTC(2026, 10, 25, 20, 15, 3, 123);
    expect(showIdOf(startedAt)).toBe('2026-11-25T20-15-03-123Z');
    expect(showStartOf(showIdOf(startedAt))?.getTime()).toBe(startedAt);
    expect(showStartOf('my own folder')).toBeNull();
  });

  it('repairs a show a crash interrupted into show.mp4, up to the interruption, and says so; finished shows are left alone', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'shopcast-repair-'));
    dirs.push(dataDir);
    const recordingsDir = path.join(dataDir, 'recordings');
    const showDir = path.join(recordingsDir, showIdOf(Date.UTC(2026, 10, 25, 20, 15, 0, 0)));
    mkdirSync(showDir, { recursive: true });
    writeSegment(path.join(showDir, 'segment-001.mkv'), 3);
    await writeKilledSegment(path.join(showDir, 'segment-002.mkv'), 3);
    writeFileSync(path.join(showDir, 'timeline.jsonl'), '{"kind":"live","seq":0,"at":1}\n');
    const finished = path.join(recordingsDir, showIdOf(Date.UTC(2026, 10, 24, 19, 0, 0, 0)));
    mkdirSync(finished, { recursive: true });
    writeSegment(path.join(finished, SHOW_FILE), 1);

    const core = await createCore({ dataDir, log, env: process.env, requireModule: createRequire(__filename) });
    const notices: Notice[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'notice') notices.push(payload as Notice);
    });
    try {
      const results = await core.repairs;
      expect(results.map((result) => [result.showId, result.repair.repaired])).toEqual([[path.basename(showDir), true]]);
      // More than the first segment alone: the killed one's clusters count too.
      expect(probe(path.join(showDir, SHOW_FILE)).durationSec).toBeGreaterThan(3);
      expect(readdirSync(showDir)).not.toContain('segment-001.mkv');
      expect(readdirSync(finished)).toEqual([SHOW_FILE]);
      expect(notices.map((notice) => notice.message)).toEqual([expect.stringMatching(/^The show of 25 Nov, \d\d:\d\d was interrupted; it has been repaired: \d+ s recorded\.$/)]);
    } finally {
      core.close();
    }
  });
});
