import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportJob, ShowSummary } from '../../contract/schemas/replay.std';
import { createEventHub } from '../kernel/eventHub.std';
import { showIdOf } from '../ffmpeg/showId.std';
import { createLogger } from '../log/logger.std';
import { createReplayDesk } from './replayDesk.node';
import { openShowLibrary } from './showLibrary.node';
import { writeSegment } from '../../testing/testMedia.node';

// The desk over a real library and real FFmpeg: a finished show gets its clips by itself, a show
// deleted mid-export has its export cancelled first, and the events say so.

let recordingsDir: string;
beforeEach(() => {
  recordingsDir = mkdtempSync(path.join(tmpdir(), 'shopcast-desk-'));
});
afterEach(() => rmSync(recordingsDir, { recursive: true, force: true }));

const startedAt = Date.UTC(2026, 10, 25, 20, 15, 0, 0);
const sender = { transport: 'websocket', id: 'browser:test', role: 'host', name: 'Host' } as const;

function desk() {
  const showId = showIdOf(startedAt);
  const folder = path.join(recordingsDir, showId);
  mkdirSync(folder);
  writeSegment(path.join(folder, 'segment-001.mkv'), 6);
  const line = (at: number, name: string) => JSON.stringify({ at: startedAt + at, seq: at, kind: 'promotion', product: { id: name, name } });
  writeFileSync(path.join(folder, 'timeline.jsonl'), [JSON.stringify({ at: startedAt, seq: 0, kind: 'live' }), line(1000, 'Teapot'), line(3000, 'Scarf')].join('\n'));
  const events = createEventHub((error) => {
    throw error;
  });
  const library: ShowSummary[][] = [];
  const exports: ExportJob[][] = [];
  events.subscribe((event, payload) => {
    if (event === 'library') library.push(payload as ShowSummary[]);
    if (event === 'exports') exports.push(payload as ExportJob[]);
  });
  const log = createLogger(() => {});
  const shows = openShowLibrary({ recordingsDir, ffmpegPath: () => Promise.resolve('ffmpeg'), spawn, log, now: Date.now, recordingShowId: () => null });
  const replay = createReplayDesk({
    library: shows,
    events,
    ffmpegPath: () => Promise.resolve('ffmpeg'),
    spawn,
    log,
    now: Date.now,
    schedule: (ms, run) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
  });
  return { showId, folder, shows, replay, library, exports };
}

describe('the replay desk', () => {
  it('cuts a finished show’s clips by itself and lists it again; the player’s detail names them', async () => {
    const { showId, shows, replay, library } = desk();
    await shows.repair(showId);
    replay.showFinished(showId);
    await vi.waitFor(() => expect(replay.handlers.getExports({}, sender)).toMatchObject([{ kind: 'clips', showId }]));
    await replay.idle();
    expect(replay.handlers.getExports({}, sender)).toMatchObject([{ state: 'done', outputs: ['clips/Teapot.mp4', 'clips/Scarf.mp4'] }]);
    await vi.waitFor(() => expect(library.at(-1)?.[0]).toMatchObject({ id: showId, clips: 2 }));
    const detail = await replay.handlers.getShow({ showId }, sender);
    expect(detail.video).toBe('show.mp4');
    expect(detail.clips.map((clip) => [clip.file, clip.thumbnail])).toEqual([
      ['clips/Teapot.mp4', 'clips/Teapot.jpg'],
      ['clips/Scarf.mp4', 'clips/Scarf.jpg'],
    ]);
    expect(await replay.mediaFile(showId, 'clips/Teapot.jpg')).toMatchObject({ contentType: 'image/jpeg' });
    await expect(replay.mediaFile(showId, 'timeline.jsonl')).rejects.toThrow('That is not a file of this show.');
  }, 60_000);

  it('deleting a show cancels its running export first, then says the library changed', async () => {
    const { showId, folder, shows, replay, library, exports } = desk();
    await shows.repair(showId);
    // Not awaited: the delete comes while the export is still starting.
    const starting = replay.handlers.startExport({ kind: 'clips', showId, mode: 'exact' }, sender);
    expect(await replay.handlers.deleteShow({ showId }, sender)).toEqual([]);
    const job = await starting;
    await replay.idle();
    // Its folder is not made again by the cancelled export.
    expect(existsSync(folder)).toBe(false);
    expect(replay.handlers.getExports({}, sender)).toMatchObject([{ id: job.id, state: 'cancelled' }]);
    expect(library.at(-1)).toEqual([]);
    await vi.waitFor(() => expect(exports.at(-1)).toMatchObject([{ id: job.id, state: 'cancelled' }]));
  }, 60_000);
});
