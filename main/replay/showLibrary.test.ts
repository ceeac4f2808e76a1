import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { showSummarySchema } from '../../contract/schemas/replay.std';
import { showIdOf } from '../ffmpeg/showId.std';
import { createLogger } from '../log/logger.std';
import { openShowLibrary, type ClipJobProgress } from './showLibrary.node';
import { repairNotice } from '../ffmpeg/showRepair.node';
import { writeKilledSegment, writeSegment } from '../../testing/testMedia.node';

// Real FFmpeg and a real folder: the library lists what is on disk, repairs, renames, deletes.

let dataDir: string;
let recordingsDir: string;
let recording: string | null;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'shopcast-library-'));
  recordingsDir = path.join(dataDir, 'recordings');
  mkdirSync(recordingsDir);
  recording = null;
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const library = () =>
  openShowLibrary({ recordingsDir, ffmpegPath: () => Promise.resolve('ffmpeg'), spawn, log: createLogger(() => {}), now: () => 1_900_000_000_000, recordingShowId: () => recording });

const startedAt = Date.UTC(2026, 10, 25, 20, 15, 0, 0);
const line = (at: number, kind: string, rest: object) => JSON.stringify({ at: startedAt + at, seq: at, kind, ...rest });
const order = (at: number, id: string, quantity: number, amountMinor: number) =>
  line(at, 'order', { order: { id, viewerId: 'v', productId: 'p1', productName: 'Teapot', quantity, unitPriceMinor: 1, amountMinor, currency: 'EUR', buyerName: 'Ann', status: 'new', source: 'buy', at: startedAt + at } });

/** A show the power cut interrupted: two segments (the last killed mid-write when `killed`), a timeline with two promotions and orders. */
async function interruptedShow(killed = false): Promise<string> {
  const id = showIdOf(startedAt);
  const folder = path.join(recordingsDir, id);
  mkdirSync(folder);
  writeSegment(path.join(folder, 'segment-001.mkv'), 3);
  if (killed) await writeKilledSegment(path.join(folder, 'segment-002.mkv'), 3);
  else writeSegment(path.join(folder, 'segment-002.mkv'), 3);
  writeFileSync(
    path.join(folder, 'timeline.jsonl'),
    [
      JSON.stringify({ at: startedAt, seq: 0, kind: 'live' }),
      line(1000, 'promotion', { product: { id: 'p1', name: 'Teapot' } }),
      order(1500, 'o1', 2, 5000),
      order(2000, 'o2', 1, 2500),
      line(2500, 'orderStatus', { orderId: 'o2', viewerId: 'v', status: 'cancelled' }),
      line(3500, 'promotion', { product: { id: 'p2', name: 'Scarf' } }),
      '{"at":', // torn by the crash
    ].join('\n'),
  );
  return id;
}

describe('the show library', () => {
  it('lists an interrupted show as needing repair, repairs it with a notice, then cuts its clips with progress', async () => {
    const id = await interruptedShow(true);
    mkdirSync(path.join(recordingsDir, 'empty-show'));
    writeFileSync(path.join(recordingsDir, 'not-a-show.txt'), 'x');
    const shows = library();

    const before = await shows.list();
    expect(before.map((show) => [show.id, show.state])).toEqual([[id, 'needs-repair'], ['empty-show', 'broken']]);
    for (const show of before) showSummarySchema.parse(show);
    expect(before[0]).toMatchObject({
      title: expect.stringMatching(/^Show of 25 Nov 2026, \d\d:\d\d$/) as string,
      startedAt,
      orders: 1,
      units: 2,
      gmv: [{ currency: 'EUR', amountMinor: 5000 }],
      productsPromoted: [{ productId: 'p1', productName: 'Teapot' }, { productId: 'p2', productName: 'Scarf' }],
      clips: 0,
    });
    expect(before[0]?.sizeBytes).toBeGreaterThan(10_000);
    // Three seconds, and what the killed segment holds (whole one-second clusters up to the kill
    // at three): it does not say its length, so it was read through.
    expect(before[0]?.durationSec).toBeGreaterThan(4.9);
    expect(before[0]?.durationSec).toBeLessThan(6.6);
    expect(before[1]?.reason).toBe('Nothing was recorded.');
    // What a crash left mid-cut, mid-export and mid-rename goes at start; the merchant's own files stay.
    const folder = path.join(recordingsDir, id);
    mkdirSync(path.join(folder, 'clips'));
    mkdirSync(path.join(folder, 'exports'));
    const leftovers = ['clips/.Teapot.0a1b2c3d.part.mp4', 'clips/.Teapot.0a1b2c3d.part.jpg', 'exports/.Teapot 9x16 crop.12345678.part.mp4', '.export-chapters-deadbeef.txt', 'show.json.cafe0123.tmp'];
    const kept = ['exports/notes.txt', '.hidden-by-the-merchant'];
    for (const file of [...leftovers, ...kept]) writeFileSync(path.join(folder, file), 'x');

    const [repaired, ...others] = await shows.repairInterrupted();
    expect([...leftovers, ...kept].filter((file) => existsSync(path.join(folder, file)))).toEqual(kept);
    expect(others).toEqual([]);
    if (!repaired?.repair.repaired) throw new Error('not repaired');
    expect(repairNotice(repaired.repair, repaired.startedAt)).toMatch(/^The show of 25 Nov, \d\d:\d\d was interrupted; it has been repaired: [56] s recorded\.$/);
    const after = await shows.get(id);
    expect(after).toMatchObject({ state: 'ready', reason: null });
    expect(Math.abs((after.durationSec ?? 0) - (before[0]?.durationSec ?? 0))).toBeLessThan(0.2);
    expect(after.chapters).toEqual([
      { productId: 'p1', productName: 'Teapot', startMs: 1000, endMs: 3500 },
      { productId: 'p2', productName: 'Scarf', startMs: 3500, endMs: expect.closeTo(6000, -3) as number },
    ]);

    const progress: ClipJobProgress[] = [];
    const clips = await shows.cutClips(id, { onProgress: (update) => progress.push(update) });
    expect(clips.map((clip) => [clip.file, clip.thumbnail])).toEqual([['Teapot.mp4', 'Teapot.jpg'], ['Scarf.mp4', 'Scarf.jpg']]);
    expect(progress.at(-1)).toEqual({ showId: id, clipIndex: 1, clipCount: 2, productName: 'Scarf', fraction: 1, done: true });
    expect((await shows.get(id)).clips).toBe(2);
  });

  it('renames a show atomically, and refuses a title that is not one', async () => {
    const id = await interruptedShow();
    const shows = library();
    expect((await shows.rename(id, '  Spring teapots  ')).title).toBe('Spring teapots');
    expect(JSON.parse(readFileSync(path.join(recordingsDir, id, 'show.json'), 'utf8'))).toEqual({ title: 'Spring teapots', renamedAt: 1_900_000_000_000 });
    expect(readdirSync(path.join(recordingsDir, id)).filter((file) => file.endsWith('.tmp'))).toEqual([]);
    await expect(shows.rename(id, '   ')).rejects.toThrow('A show needs a title.');
    await expect(shows.rename(id, 'two\nlines')).rejects.toThrow('A title is one line of text.');
  });

  it('deletes only a show folder directly under the library, never one being recorded', async () => {
    const id = await interruptedShow();
    const outside = path.join(dataDir, 'precious');
    mkdirSync(outside);
    symlinkSync(outside, path.join(recordingsDir, 'linked'));
    const shows = library();
    for (const bad of ['..', '.', '', '../precious', `${id}/..`, path.join(dataDir, 'precious'), 'linked', 'no-such-show']) {
      await expect(shows.remove(bad), bad).rejects.toThrow('That show is not in the library');
      await expect(shows.folderOf(bad), bad).rejects.toThrow('That show is not in the library');
    }
    expect(existsSync(outside)).toBe(true);

    recording = id;
    expect((await shows.get(id)).state).toBe('recording');
    await expect(shows.remove(id)).rejects.toThrow('This show is being recorded');
    await expect(shows.repair(id)).rejects.toThrow('This show is being recorded');
    recording = null;

    expect(await shows.folderOf(id)).toBe(path.join(recordingsDir, id));
    await shows.remove(id);
    expect(existsSync(path.join(recordingsDir, id))).toBe(false);
    expect((await shows.list()).map((show) => show.id)).toEqual([]);
  });

  it('says a show is broken when its repair failed, keeping its segments', async () => {
    const folder = path.join(recordingsDir, 'crashed');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'segment-001.mkv'), 'not Matroska');
    const shows = library();
    expect((await shows.get('crashed')).state).toBe('needs-repair');
    const first = shows.repair('crashed');
    await expect(shows.repair('crashed')).rejects.toThrow('This show is being repaired');
    expect((await first).repaired).toBe(false);
    expect(await shows.get('crashed')).toMatchObject({ state: 'broken', reason: 'It could not be repaired: Its recording holds nothing that can be played. Its recording files are kept.' });
    await expect(shows.cutClips('crashed')).rejects.toThrow('Clips can be cut from a show whose recording is ready.');
    expect(readdirSync(folder)).toEqual(['segment-001.mkv']);
  });
});
