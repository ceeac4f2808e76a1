import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RoomEvent, RoomOrder } from '../../contract/room/roomEvents.std';
import type { OrderStatus } from '../../contract/room/roomMessages.std';
import { openRoomDatabase } from './roomDatabase.node';
import { connect, product, rawSocket, startRoom, token, until, type Connected } from '../../testing/roomTestKit.node';

// Comment-to-claim against the real room server: claims take stock with the Buy sheet's guarded
// UPDATE, the rest wait on a list that moves up as claims are cancelled, and each claimant's own
// page hears what became of their comment.

const orders = (events: readonly RoomEvent[]): RoomOrder[] => events.flatMap((e) => (e.kind === 'order' ? [e.order] : []));
const statuses = (events: readonly RoomEvent[]) => events.flatMap((e) => (e.kind === 'orderStatus' ? [{ orderId: e.orderId, status: e.status }] : []));
const stockLefts = (events: readonly RoomEvent[]) => events.flatMap((e) => (e.kind === 'stock' ? [e.left] : []));

async function promoteWithClaims(studio: Connected, stock: number | null, claimKeywords: string[], flashSale?: { priceMinor: number; endsAt: number }) {
  expect(await studio.client.send({ type: 'action', action: { kind: 'upsertProducts', products: [product(stock)] } })).toMatchObject({ ok: true });
  expect(await studio.client.send({ type: 'action', action: { kind: 'promoteProduct', productId: 'p1', claimKeywords, ...(flashSale ? { flashSale } : {}) } })).toMatchObject({ ok: true });
}

/** The room's own rows, read through a second connection (WAL lets it read beside the room). */
function readRows<T>(dir: string, read: (db: Sqlite.Database) => T): T {
  const db = new Sqlite(path.join(dir, 'room.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const markOrder = (studio: Connected, orderId: string, status: 'handled' | 'cancelled') => studio.client.send({ type: 'action', action: { kind: 'markOrder', orderId, status } });

describe('comment-to-claim', () => {
  it('turns a claim word into an order within stock, waitlists one past it, and leaves other comments alone', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promoteWithClaims(studio, 3, ['+1', 'SOLD'], { priceMinor: 1990, endsAt: Date.now() + 600_000 });
    const ana = connect(server, 'viewer');
    const bo = connect(server, 'viewer');
    const cy = connect(server, 'viewer');
    await Promise.all([ana.welcome, bo.welcome, cy.welcome]);

    expect(await ana.client.send({ type: 'comment', name: 'Ana', text: '＋１ x2' })).toMatchObject({ ok: true });
    expect(await bo.client.send({ type: 'comment', name: 'Bo', text: 'sold 2' })).toMatchObject({ ok: true });
    expect(await cy.client.send({ type: 'comment', name: 'Cy', text: '+1 love it' })).toMatchObject({ ok: true });

    await until(() => studio.events.filter((e) => e.kind === 'comment').length === 3, 'the three comments at the studio');
    const [anaOrder, boOrder, ...others] = orders(studio.events);
    expect(others).toEqual([]);
    expect(anaOrder).toMatchObject({
      source: 'claim',
      status: 'new',
      buyerName: 'Ana',
      contact: null,
      note: 'Claimed in the comments: "＋１ x2"',
      quantity: 2,
      unitPriceMinor: 1990,
      amountMinor: 3980,
      productId: 'p1',
    });
    // One unit left is not two: Bo waits, and takes nothing.
    expect(boOrder).toMatchObject({ source: 'claim', status: 'waitlisted', buyerName: 'Bo', quantity: 2 });
    expect(stockLefts(studio.events)).toEqual([1]);
    // Each comment still shows, the claim order right after its comment.
    expect(studio.events.map((e) => e.kind).filter((kind) => kind === 'comment' || kind === 'order' || kind === 'stock')).toEqual(['comment', 'order', 'stock', 'comment', 'order', 'comment']);

    // Each claimant's own page gets their order, with what became of it; nobody else's.
    await until(() => orders(ana.events).length === 1 && orders(bo.events).length === 1, 'each claimant’s order on their page');
    expect(orders(ana.events)[0]).toMatchObject({ id: anaOrder?.id, status: 'new' });
    expect(orders(bo.events)[0]).toMatchObject({ id: boOrder?.id, status: 'waitlisted' });
    expect(orders(cy.events)).toEqual([]);
  });

  it('claims exactly the stock when 200 viewers comment "+1" on 50 units, the rest waitlisted in order', async () => {
    const { server, dir } = await startRoom({ socketsPerAddress: 1000, commentPerAddress: { rate: 10_000, burst: 10_000 } });
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promoteWithClaims(studio, 50, ['+1']);
    const viewers = Array.from({ length: 200 }, () => connect(server, 'viewer'));
    await Promise.all(viewers.map((viewer) => viewer.welcome));
    const acks = await Promise.all(viewers.map((viewer, v) => viewer.client.send({ type: 'comment', name: `Viewer ${v}`, text: '+1' })));
    expect(acks.every((ack) => ack.ok)).toBe(true);

    await until(() => orders(studio.events).length === 200, '200 claim orders at the studio');
    const claims = orders(studio.events);
    expect(claims.filter((order) => order.status === 'new')).toHaveLength(50);
    expect(claims.filter((order) => order.status === 'waitlisted')).toHaveLength(150);
    // First come, first served: the 50 in stock are the 50 earliest claims.
    expect(claims.slice(0, 50).every((order) => order.status === 'new')).toBe(true);
    expect(stockLefts(studio.events).at(-1)).toBe(0);
    const stored = () =>
      readRows(dir, (db) => ({
        stock: db.prepare<[], { stock: number }>("SELECT stock FROM products WHERE id = 'p1'").get()?.stock,
        taken: db.prepare<[], { units: number | null }>("SELECT SUM(quantity) AS units FROM orders WHERE status IN ('new', 'handled')").get()?.units,
      }));
    expect(stored()).toEqual({ stock: 0, taken: 50 });

    // A claim in stock is cancelled: its unit goes to the oldest waitlisted claim, on that viewer's page too.
    const firstNew = claims[0] as RoomOrder;
    const oldestWaiting = claims[50] as RoomOrder;
    const waitingViewer = viewers[claims.indexOf(oldestWaiting)] as Connected;
    const stockEventsBefore = stockLefts(studio.events).length;
    expect(await markOrder(studio, firstNew.id, 'cancelled')).toMatchObject({ ok: true });
    await until(() => statuses(studio.events).length === 2, 'the cancellation and the move-up');
    expect(statuses(studio.events)).toEqual([
      { orderId: firstNew.id, status: 'cancelled' },
      { orderId: oldestWaiting.id, status: 'new' },
    ]);
    await until(() => stockLefts(studio.events).length === stockEventsBefore + 2, 'the stock coming back and going again');
    expect(stockLefts(studio.events).slice(stockEventsBefore)).toEqual([1, 0]);
    await until(() => statuses(waitingViewer.events).some((s) => s.orderId === oldestWaiting.id && s.status === 'new'), 'the moved-up claim on its viewer’s page');
    expect(stored()).toEqual({ stock: 0, taken: 50 });

    // A waitlisted claim cannot be handled, and cancelling it gives back nothing.
    const stillWaiting = claims[51] as RoomOrder;
    const handled = await markOrder(studio, stillWaiting.id, 'handled');
    expect(handled).toMatchObject({ ok: false, code: 'invalid' });
    expect(handled.ok ? '' : handled.message).toMatch(/^That claim is still on the waitlist: /);
    expect(await markOrder(studio, stillWaiting.id, 'cancelled')).toMatchObject({ ok: true });
    await until(() => statuses(studio.events).length === 3, 'the waitlisted claim’s cancellation');
    expect(statuses(studio.events)[2]).toEqual({ orderId: stillWaiting.id, status: 'cancelled' });
    // Events reach the studio in seq order: one more action's event proves no stock event came in between.
    expect(await studio.client.send({ type: 'action', action: { kind: 'reply', text: 'thanks all' } })).toMatchObject({ ok: true });
    await until(() => studio.events.some((e) => e.kind === 'reply'), 'the reply');
    expect(stockLefts(studio.events)).toHaveLength(stockEventsBefore + 2);
    expect(stored()).toEqual({ stock: 0, taken: 50 });
  }, 60_000);

  it('moves waitlisted claims up when the merchant raises the stock, oldest first, skipping those that do not fit', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promoteWithClaims(studio, 0, ['要']);
    const viewers = [connect(server, 'viewer'), connect(server, 'viewer'), connect(server, 'viewer')];
    await Promise.all(viewers.map((viewer) => viewer.welcome));
    for (const [v, text] of ['要3', '要', '要2'].entries()) {
      expect(await viewers[v]?.client.send({ type: 'comment', name: `V${v}`, text })).toMatchObject({ ok: true });
    }
    await until(() => orders(studio.events).length === 3, 'three claims');
    expect(orders(studio.events).map((order) => order.status)).toEqual(['waitlisted', 'waitlisted', 'waitlisted']);
    const [three, one, two] = orders(studio.events) as [RoomOrder, RoomOrder, RoomOrder];

    // Two units: the claim for three does not fit, the next two in line do in turn until none are left.
    expect(await studio.client.send({ type: 'action', action: { kind: 'upsertProducts', products: [product(2)] } })).toMatchObject({ ok: true });
    await until(() => statuses(studio.events).length >= 1, 'a move-up');
    expect(await studio.client.send({ type: 'action', action: { kind: 'reply', text: 'restocked' } })).toMatchObject({ ok: true });
    await until(() => studio.events.some((e) => e.kind === 'reply'), 'the reply after it');
    expect(statuses(studio.events)).toEqual([{ orderId: one.id, status: 'new' }]);
    expect(stockLefts(studio.events).at(-1)).toBe(1);
    expect(statuses(studio.events).some((s) => s.orderId === three.id || s.orderId === two.id)).toBe(false);

    expect(await studio.client.send({ type: 'action', action: { kind: 'upsertProducts', products: [product(5)] } })).toMatchObject({ ok: true });
    await until(() => statuses(studio.events).length === 3, 'the other two moving up');
    expect(statuses(studio.events).slice(1)).toEqual([
      { orderId: three.id, status: 'new' },
      { orderId: two.id, status: 'new' },
    ]);
    expect(stockLefts(studio.events).at(-1)).toBe(0);
  });

  it('takes no claims without claim words or after the promotion ends, and always has room on a product without tracked stock', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    const viewer = connect(server, 'viewer');
    await viewer.welcome;
    await promoteWithClaims(studio, 5, []);
    await viewer.client.send({ type: 'comment', name: 'Ana', text: '+1' });
    await promoteWithClaims(studio, null, ['+1']);
    await viewer.client.send({ type: 'comment', name: 'Ana', text: '+1 3' });
    expect(await studio.client.send({ type: 'action', action: { kind: 'endPromotion' } })).toMatchObject({ ok: true });
    await viewer.client.send({ type: 'comment', name: 'Ana', text: '+1' });
    await until(() => studio.events.filter((e) => e.kind === 'comment').length === 3, 'three comments');
    // Only the one made while claim words were on became an order; stock not tracked, so always in.
    expect(orders(studio.events)).toEqual([expect.objectContaining({ source: 'claim', status: 'new', quantity: 3 })]);
    expect(stockLefts(studio.events)).toEqual([]);
  });

  it('writes the action message’s actor to the action log, else the hello’s', async () => {
    const { server, dir } = await startRoom();
    const studio = await rawSocket(server.port, { type: 'hello', v: 1, role: 'studio', token, actor: 'host' });
    studio.send({ type: 'action', clientId: 'actor-action-1', action: { kind: 'reply', text: 'hello' }, actor: 'Lin (moderator)' });
    studio.send({ type: 'action', clientId: 'actor-action-2', action: { kind: 'reply', text: 'again' } });
    await until(() => studio.acks().length === 2, 'both acks');
    expect(studio.acks().every((ack) => ack.ok)).toBe(true);
    const logged = readRows(dir, (db) => db.prepare<[], { actor: string; kind: string }>('SELECT actor, kind FROM actions ORDER BY seq').all());
    expect(logged).toEqual([
      { actor: 'Lin (moderator)', kind: 'reply' },
      { actor: 'host', kind: 'reply' },
    ]);
  });

  it('replays a show stored before claims and variants with a source and no variant on its orders and claim words on its promotion', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'room-'));
    const db = openRoomDatabase((file) => new Sqlite(file), path.join(dir, 'room.sqlite'));
    const scarf = product(3);
    const oldPromotion = { product: scarf, flashSale: null, startedAt: 1000 };
    const oldOrder = { id: 'old-order-1', viewerId: 'v-old', productId: 'p1', productName: scarf.name, quantity: 1, unitPriceMinor: 5900, amountMinor: 5900, currency: 'CNY', buyerName: 'Li', contact: '1', note: null, status: 'new' as OrderStatus, at: 1001 };
    db.prepare('INSERT INTO rooms (id, created_at, promotion) VALUES (?, ?, ?)').run('shop', 1, JSON.stringify(oldPromotion));
    db.prepare('INSERT INTO products (room_id, id, body, stock) VALUES (?, ?, ?, ?)').run('shop', 'p1', JSON.stringify(scarf), 2);
    const insertEvent = db.prepare('INSERT INTO events (room_id, seq, at, kind, owner, body) VALUES (?, ?, ?, ?, ?, ?)');
    insertEvent.run('shop', 1, 1000, 'promotion', null, JSON.stringify({ seq: 1, at: 1000, kind: 'promotion', promotion: oldPromotion }));
    insertEvent.run('shop', 2, 1001, 'order', 'v-old', JSON.stringify({ seq: 2, at: 1001, kind: 'order', order: oldOrder }));
    insertEvent.run('shop', 3, 1002, 'promotion', null, JSON.stringify({ seq: 3, at: 1002, kind: 'promotion', promotion: null }));
    db.prepare('INSERT INTO orders (room_id, id, seq, viewer_id, product_id, quantity, amount_minor, status, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run('shop', oldOrder.id, 2, 'v-old', 'p1', 1, 5900, 'new', JSON.stringify(oldOrder));
    // As schema 2 left it: without the waitlist's index, nor a show's end.
    db.exec('DROP INDEX orders_waitlisted');
    db.exec('ALTER TABLE rooms DROP COLUMN ended');
    db.exec('DROP TABLE variants');
    db.exec('ALTER TABLE orders DROP COLUMN variant_id');
    db.exec('DROP TABLE photos');
    db.pragma('user_version = 2');
    db.close();

    const { server } = await startRoom({}, Date.now, {}, dir);
    const studio = connect(server, 'studio');
    // The client drops a frame that does not parse, so each event arriving is the upgrade working.
    await until(() => studio.events.length === 3, 'the old show replayed');
    expect(studio.events[0]).toMatchObject({ kind: 'promotion', promotion: { claimKeywords: [] } });
    expect(studio.events[1]).toMatchObject({ kind: 'order', order: { id: oldOrder.id, source: 'buy', variantId: null, variantLabel: null } });
    expect(await markOrder(studio, oldOrder.id, 'cancelled')).toMatchObject({ ok: true });
    await until(() => stockLefts(studio.events).length === 1, 'the stock given back');
    expect(stockLefts(studio.events)).toEqual([3]);
  });
});
