import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RoomEvent, WelcomeFrame } from '../../contract/room/roomEvents.std';
import { ROOM_PHOTO_PATH, type RoomProduct } from '../../contract/room/roomMessages.std';
import { openRoomDatabase } from './roomDatabase.node';
import { connect, rawSocket, startRoom, token, until } from '../../testing/roomTestKit.node';

// Issue 14: products carried their photos inline, in every event and welcome, so each resume
// re-sent every picture. The room now stores a photo once and products carry its address.

const pngBytes = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(140_000)]);
const inline = `data:image/png;base64,${pngBytes.toString('base64')}`;
const sha = createHash('sha256').update(pngBytes).digest('hex');
const vase: RoomProduct = { id: 'vase', name: 'Celadon vase', priceMinor: 5900, listPriceMinor: null, currency: 'CNY', stock: 5, photo: inline };

describe('product photos', () => {
  it('sends products with the photo’s address, never its bytes, and serves the photo there, cacheable and typed', async () => {
    const { server } = await startRoom();
    const studio = await rawSocket(server.port, { type: 'hello', v: 1, role: 'studio', token, resumeFrom: 0 });
    studio.send({ type: 'action', clientId: 'upsert-0001', action: { kind: 'upsertProducts', products: [vase] } });
    studio.send({ type: 'action', clientId: 'promote-0001', action: { kind: 'promoteProduct', productId: 'vase' } });
    await until(() => studio.acks().length === 2, 'both actions answered');
    expect(studio.acks().every((ack) => ack.ok)).toBe(true);
    await until(() => studio.events().some((event) => event.kind === 'promotion'), 'the promotion at the studio');

    const address = `/rooms/shop/photos/${sha}.png`;
    const products = studio.events().flatMap((event: RoomEvent) => (event.kind === 'products' ? event.products : event.kind === 'promotion' && event.promotion ? [event.promotion.product] : []));
    expect(products.map((product) => product.photo)).toEqual([address, address]);
    expect(address).toMatch(ROOM_PHOTO_PATH);

    const viewer = await rawSocket(server.port, { type: 'hello', v: 1, role: 'viewer', viewerKey: randomBytes(16).toString('hex'), resumeFrom: 0 });
    await until(() => viewer.events().some((event) => event.kind === 'promotion'), 'the viewer’s replay');
    expect((viewer.frames[0] as unknown as WelcomeFrame).snapshot.promotion?.product.photo).toBe(address);
    expect(JSON.stringify([...studio.frames, ...viewer.frames])).not.toContain('data:');

    const response = await fetch(`http://127.0.0.1:${server.port}${address}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await response.arrayBuffer()).equals(pngBytes)).toBe(true);
    for (const missing of [`/rooms/shop/photos/${sha}.gif`, `/rooms/shop/photos/${'0'.repeat(64)}.png`, `/rooms/other/photos/${sha}.png`]) {
      expect((await fetch(`http://127.0.0.1:${server.port}${missing}`)).status).toBe(404);
    }
  });

  it('moves the photos of rows written before addresses out of the products, the promotion and the log, once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'room-'));
    const old = openRoomDatabase((file) => new Sqlite(file), path.join(dir, 'room.sqlite'));
    const promotion = { product: vase, flashSale: null, claimKeywords: [], startedAt: 1000 };
    old.prepare('INSERT INTO rooms (id, created_at, promotion) VALUES (?, ?, ?)').run('shop', 1, JSON.stringify(promotion));
    old.prepare('INSERT INTO products (room_id, id, body, stock) VALUES (?, ?, ?, ?)').run('shop', 'vase', JSON.stringify(vase), 5);
    const event = old.prepare('INSERT INTO events (room_id, seq, at, kind, owner, body) VALUES (?, ?, ?, ?, NULL, ?)');
    event.run('shop', 1, 1000, 'products', JSON.stringify({ seq: 1, at: 1000, kind: 'products', products: [vase] }));
    event.run('shop', 2, 1000, 'promotion', JSON.stringify({ seq: 2, at: 1000, kind: 'promotion', promotion }));
    // As a room from before this change left it: no photos table, the schema one step back.
    old.exec('DROP TABLE photos');
    old.pragma(`user_version = ${(old.pragma('user_version', { simple: true }) as number) - 2}`);
    old.close();

    const { server } = await startRoom({}, Date.now, {}, dir);
    const studio = connect(server, 'studio');
    const welcome = await studio.welcome;
    await until(() => studio.events.length === 2, 'the old log');
    const address = `/rooms/shop/photos/${sha}.png`;
    expect(welcome.snapshot.promotion?.product.photo).toBe(address);
    expect(studio.events.map((e) => (e.kind === 'products' ? e.products[0]?.photo : e.kind === 'promotion' ? e.promotion?.product.photo : null))).toEqual([address, address]);
    const response = await fetch(`http://127.0.0.1:${server.port}${address}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(pngBytes)).toBe(true);
  });
});
