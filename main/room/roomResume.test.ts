import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomEvent, WelcomeFrame } from '../../contract/room/roomEvents.std';
import type { RoomProduct } from '../../contract/room/roomMessages.std';
import { openRoomDatabase } from './roomDatabase.node';
import { REPLAY_WINDOW_EVENTS } from './roomConnection.node';
import { cleanups, connect, rawSocket, startRoom, token, until } from '../../testing/roomTestKit.node';

// Issue 14: a 100-byte hello with `resumeFrom: 0` made the room read and send its whole log at
// once, photos included, whatever the socket's buffer: 50 sockets that never read took the room
// from 117 to 852 MB and held every other viewer's acks for about a second. A resume is now
// paced by the socket and bounded for a viewer; a studio still gets its whole gap.

const COMMENTS = 20_000;

/** A show-sized log written straight into the room's file before the room opens: 20,000 comments. */
function seedLog(dir: string) {
  const db = openRoomDatabase((file) => new Sqlite(file), path.join(dir, 'room.sqlite'));
  db.prepare('INSERT INTO rooms (id, created_at) VALUES (?, ?)').run('shop', 1);
  const event = db.prepare('INSERT INTO events (room_id, seq, at, kind, owner, body) VALUES (?, ?, ?, ?, ?, ?)');
  const comment = db.prepare('INSERT INTO comments (room_id, id, seq, viewer_id, name, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let seq = 1; seq <= COMMENTS; seq += 1) {
      const body = { id: `c${seq}`, viewerId: `v-${seq % 500}`, name: `Viewer ${seq % 500}`, text: `Comment number ${seq}: is the blue one still there? 还有蓝色的吗`, at: 1000 + seq };
      event.run('shop', seq, body.at, 'comment', body.viewerId, JSON.stringify({ seq, at: body.at, kind: 'comment', comment: body }));
      comment.run('shop', body.id, seq, body.viewerId, body.name, body.text, body.at);
    }
  })();
  db.close();
}

/** A card-sized picture: a PNG signature and ~150 KB of noise, as a data: URL under the room's limit. */
const photo = () => `data:image/png;base64,${Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(145_000)]).toString('base64')}`;
const withPhoto = (id: string): RoomProduct => ({ id, name: `Vase ${id}`, priceMinor: 5900, listPriceMinor: null, currency: 'CNY', stock: 10, photo: photo() });

/** A viewer's socket that says hello and then never reads again: what the room sends it piles up. */
async function nonReadingViewer(port: number, resumeFrom: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rooms/shop/live`);
  cleanups.push(() => ws.terminate());
  await new Promise((resolve) => ws.once('open', resolve));
  (ws as unknown as { _socket: Duplex })._socket.pause();
  ws.send(JSON.stringify({ type: 'hello', v: 1, role: 'viewer', viewerKey: randomBytes(16).toString('hex'), resumeFrom }));
}

const seqs = (events: readonly RoomEvent[]) => events.map((event) => event.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('resume', () => {
  it('keeps the room small and prompt when 30 sockets that never read resume from 0 on a show-sized log, and welcomes them with a snapshot', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'room-'));
    seedLog(dir);
    const { server } = await startRoom({ messagePerSocket: { rate: 1000, burst: 1000 } }, Date.now, {}, dir);
    const studio = connect(server, 'studio');
    await studio.welcome;
    for (let index = 0; index < 20; index += 1) {
      expect(await studio.client.send({ type: 'action', action: { kind: 'upsertProducts', products: [withPhoto(`p${index}`)] } })).toMatchObject({ ok: true });
    }
    expect(await studio.client.send({ type: 'action', action: { kind: 'promoteProduct', productId: 'p0' } })).toMatchObject({ ok: true });
    const bystander = connect(server, 'viewer');
    await bystander.welcome;
    const runtime = await server.openRoom('shop');

    const rssBefore = process.memoryUsage().rss;
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await Promise.all(Array.from({ length: 30 }, () => nonReadingViewer(server.port, 0)));
    const sentAt = performance.now();
    const ack = await bystander.client.send({ type: 'comment', name: 'Bo', text: 'still quick?' });
    const ackMs = performance.now() - sentAt;
    await until(() => runtime.fanout.viewerCount === 31, 'the 30 resumes to be answered', 30_000);
    delay.disable();
    const grownMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;

    expect(ack).toMatchObject({ ok: true });
    // Before: about 8 MB per hello (the log and every photo), read and buffered at once.
    expect(grownMb).toBeLessThan(64);
    // Generous for a loaded 2-core machine; the whole-log replay stalled for seconds.
    expect(delay.max / 1e6).toBeLessThan(150);
    expect(ackMs).toBeLessThan(500);

    // Past the window, a viewer is welcomed as a new arrival, told what was skipped.
    const late = await rawSocket(server.port, { type: 'hello', v: 1, role: 'viewer', viewerKey: randomBytes(16).toString('hex'), resumeFrom: 0 });
    await until(() => late.frames.some((frame) => frame.type === 'events'), 'the arrival history');
    const welcome = late.frames[0] as unknown as WelcomeFrame;
    expect(welcome).toMatchObject({ type: 'welcome', skipped: { after: 0, upTo: welcome.lastSeq } });
    // The arrival history: one frame right after the welcome (a live frame may follow it).
    const history = late.frames[1]?.events ?? [];
    expect(history.filter((event) => event.kind === 'comment')).toHaveLength(20);
    expect(history.some((event) => event.kind === 'products')).toBe(false);
  }, 60_000);

  it('replays a resume within the window exactly: every missed event once, in order, then the live feed without a gap', async () => {
    const { server } = await startRoom({ messagePerSocket: { rate: 10_000, burst: 10_000 } });
    const studio = connect(server, 'studio');
    await studio.welcome;
    const reply = (text: string) => studio.client.send({ type: 'action', action: { kind: 'reply', text } });
    expect(await reply('before')).toMatchObject({ ok: true });
    const seen = (await reply('last one seen')).ok ? (await server.openRoom('shop')).room.lastSeq() : -1;
    const missed = await Promise.all(Array.from({ length: 450 }, (_, index) => reply(`missed ${index}`)));
    expect(missed.every((ack) => ack.ok)).toBe(true);
    const lastMissed = (await server.openRoom('shop')).room.lastSeq();

    const viewer = await rawSocket(server.port, { type: 'hello', v: 1, role: 'viewer', viewerKey: randomBytes(16).toString('hex'), resumeFrom: seen });
    // Live events while the replay is under way: they follow it, none lost.
    const live = await Promise.all(Array.from({ length: 50 }, (_, index) => reply(`live ${index}`)));
    const newest = (await server.openRoom('shop')).room.lastSeq();
    expect(live.every((ack) => ack.ok)).toBe(true);
    await until(() => viewer.events().some((event) => event.seq === newest), 'the newest live event');

    const welcome = viewer.frames[0] as unknown as WelcomeFrame;
    expect(welcome.type).toBe('welcome');
    expect(welcome.skipped).toBeUndefined();
    const received = seqs(viewer.events());
    const firstSeen = [...new Set(received)];
    expect(firstSeen).toEqual(range(seen + 1, newest));
    expect(received.slice(0, lastMissed - seen)).toEqual(range(seen + 1, lastMissed));
  });

  it('gives a studio its whole gap past the window, paced, so no order is lost to its order book', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'room-'));
    seedLog(dir);
    const { server } = await startRoom({}, Date.now, {}, dir);
    const studio = await rawSocket(server.port, { type: 'hello', v: 1, role: 'studio', token, resumeFrom: 0 });
    await until(() => studio.events().at(-1)?.seq === COMMENTS, 'the whole log at the studio', 30_000);
    expect(COMMENTS).toBeGreaterThan(REPLAY_WINDOW_EVENTS);
    expect(seqs(studio.events())).toEqual(range(1, COMMENTS));
    expect((studio.frames[0] as unknown as WelcomeFrame).skipped).toBeUndefined();
  }, 60_000);
});
