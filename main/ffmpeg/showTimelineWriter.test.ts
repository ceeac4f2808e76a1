import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Promotion, RoomEvent, RoomOrder } from '../../contract/room/roomEvents.std';
import { offlineSession, type LiveSession } from '../../contract/schemas/live.std';
import { createLogger } from '../log/logger.std';
import { buildChapterMetadata } from './chapterMetadata.std';
import { readShowTimeline } from './showTimeline.std';
import { createShowTimeline, FLUSH_INTERVAL_MS, MAX_BUFFERED_CHARS, TIMELINE_FILE } from './showTimelineWriter.node';

let dir: string;
let appends: string[];
let timers: { ms: number; run: () => void; cancelled: boolean }[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopcast-timeline-'));
  appends = [];
  timers = [];
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function open(promotion: () => Promotion | null = () => null) {
  return createShowTimeline({
    appendFile: async (file, text) => {
      appends.push(text);
      await fs.appendFile(file, text);
    },
    schedule: (ms, run) => {
      const timer = { ms, run, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    now: () => 1,
    log: createLogger(() => {}),
    promotion,
  });
}

const session = (state: LiveSession['state'], recordingPath: string | null = dir): LiveSession => ({
  ...offlineSession,
  state,
  showId: 'show-1',
  startedAt: 1000,
  liveAt: state === 'live' ? 1500 : null,
  recordingPath,
});

const photo = `data:image/png;base64,${'A'.repeat(1000)}`;
const order: RoomOrder = {
  id: 'o1',
  viewerId: 'v1',
  productId: 'p1',
  productName: 'Teapot', variantId: null, variantLabel: null,
  quantity: 1,
  unitPriceMinor: 9900,
  amountMinor: 9900,
  currency: 'CNY',
  buyerName: 'Ana',
  contact: '13800000000',
  note: 'leave at the door',
  status: 'new',
  source: 'buy',
  at: 2003,
};
const events: RoomEvent[] = [
  { seq: 10, at: 2000, kind: 'promotion', promotion: { product: { id: 'p1', name: 'Teapot', priceMinor: 9900, listPriceMinor: null, currency: 'CNY', stock: 5, photo }, flashSale: null, claimKeywords: ['要'], startedAt: 2000 } },
  { seq: 11, at: 2001, kind: 'comment', comment: { id: 'c1', viewerId: 'v1', name: 'Ana', text: 'How big?\n"quoted"', at: 2001 } },
  { seq: 12, at: 2002, kind: 'viewerCount', count: 40 },
  { seq: 13, at: 2003, kind: 'order', order },
  { seq: 14, at: 2004, kind: 'orderStatus', orderId: 'o1', viewerId: 'v1', status: 'handled' },
  { seq: 15, at: 2005, kind: 'pinned', comment: null },
  { seq: 16, at: 2006, kind: 'promotion', promotion: null },
];

const readLines = async () =>
  (await fs.readFile(path.join(dir, TIMELINE_FILE), 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the show timeline', () => {
  it('writes the live show’s events, one JSON line each, batched, with the chapter marks and without photos or contacts', async () => {
    const timeline = open();
    timeline.record(events);
    timeline.follow(session('starting'));
    timeline.record(events);
    expect(timers).toHaveLength(0);

    timeline.follow(session('live'));
    timeline.record(events);
    // One timer for the whole batch; nothing written before it fires.
    expect(timers.filter((timer) => !timer.cancelled).map((timer) => timer.ms)).toEqual([FLUSH_INTERVAL_MS]);
    expect(appends).toEqual([]);
    timers[0]?.run();
    await timeline.flush();
    expect(appends).toHaveLength(1);

    const lines = await readLines();
    expect(lines.map((line) => [line['seq'], line['kind']])).toEqual([
      [0, 'live'],
      [10, 'promotion'],
      [11, 'comment'],
      [13, 'order'],
      [14, 'orderStatus'],
      [15, 'pinned'],
      [16, 'promotion'],
    ]);
    expect(lines[0]).toEqual({ at: 1500, seq: 0, kind: 'live', showId: 'show-1' });
    expect(lines[1]).toEqual({
      at: 2000,
      seq: 10,
      kind: 'promotion',
      product: { id: 'p1', name: 'Teapot', priceMinor: 9900, listPriceMinor: null, currency: 'CNY', stock: 5 },
      flashSale: null,
      claimKeywords: ['要'],
    });
    expect(lines[2]).toMatchObject({ comment: { text: 'How big?\n"quoted"' } });
    expect(JSON.stringify(lines)).not.toContain('13800000000');
    expect(JSON.stringify(lines)).not.toContain('base64');
    expect(lines[6]).toMatchObject({ kind: 'promotion', product: null });
  });

  it('keeps writing while reconnecting, flushes when the show ends, and records nothing after', async () => {
    const timeline = open();
    timeline.follow(session('live'));
    timeline.follow(session('reconnecting'));
    timeline.record(events.slice(0, 2));
    timeline.follow(session('ending'));
    await timeline.flush();
    expect((await readLines()).map((line) => line['seq'])).toEqual([0, 10, 11]);
    timeline.record(events.slice(2));
    timeline.follow(session('offline', path.join(dir, 'show.mp4')));
    await timeline.flush();
    expect((await readLines()).map((line) => line['seq'])).toEqual([0, 10, 11]);
    expect(timers.every((timer) => timer.cancelled)).toBe(true);
  });

  it('writes a rush in appends of a bounded size, in order', async () => {
    const timeline = open();
    timeline.follow(session('live'));
    const rush: RoomEvent[] = Array.from({ length: 3000 }, (_, i) => ({ seq: 100 + i, at: 3000 + i, kind: 'comment', comment: { id: `c${i}`, viewerId: 'v', name: 'Bo', text: 'x'.repeat(200), at: 3000 + i } }));
    timeline.record(rush);
    await timeline.flush();
    // About 900 KB: cut into appends of about MAX_BUFFERED_CHARS each, not one large write.
    expect(appends.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...appends.map((text) => text.length))).toBeLessThan(MAX_BUFFERED_CHARS + 1000);
    const seqs = (await readLines()).map((line) => line['seq']);
    expect(seqs).toEqual([0, ...rush.map((event) => event.seq)]);
  });

  it('opens the chapter of the product promoted before Go Live at the show’s start, so it gets its clip', async () => {
    const scarf: Promotion = { product: { id: 'p2', name: 'Silk scarf', priceMinor: 19900, listPriceMinor: null, currency: 'CNY', stock: 5, photo }, flashSale: null, claimKeywords: [], startedAt: 900 };
    let promoted: Promotion | null = scarf;
    const timeline = open(() => promoted);
    timeline.follow(session('starting'));
    timeline.follow(session('live'));
    // Promoted again once live (a flash sale on it): the same chapter goes on.
    timeline.record([{ seq: 20, at: 2000, kind: 'promotion', promotion: { ...scarf, flashSale: { priceMinor: 9900, endsAt: 9000 } } }]);
    timeline.record([events[0] as RoomEvent]);
    promoted = null;
    // Reconnecting is the same show: no second chapter mark.
    timeline.follow(session('reconnecting'));
    await timeline.flush();

    const text = await fs.readFile(path.join(dir, TIMELINE_FILE), 'utf8');
    expect(text).not.toContain('base64');
    const read = readShowTimeline(text, { durationMs: 10_000 });
    expect(read.chapters).toEqual([
      { productId: 'p2', productName: 'Silk scarf', startMs: 0, endMs: 500 },
      { productId: 'p1', productName: 'Teapot', startMs: 500, endMs: 10_000 },
    ]);
    expect(buildChapterMetadata(null, read.chapters, 10_000)).toContain('[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=500\ntitle=Silk scarf\n');
  });

  it('opens no chapter at the start when nothing is promoted', async () => {
    const timeline = open(() => null);
    timeline.follow(session('live'));
    await timeline.flush();
    expect((await readLines()).map((line) => line['kind'])).toEqual(['live']);
  });
});
