import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomEvent, RoomOrder } from '../../contract/room/roomEvents.std';
import type { RoomProduct } from '../../contract/room/roomMessages.std';
import { createLogger } from '../log/logger.std';
import { teeWithSizes } from '../../testing/roomProducts';
import { createRoomBatches, type StoredEvent } from './roomBatches.std';
import { postgresStores, roomNode, sqliteStores, type RoomNode, type StoreKind } from '../../testing/liveRoomStores.node';

// The room's orders, claims, waitlists, variants and receipts on each of its stores: one logic,
// so SQLite (the single room server) and PostgreSQL (the cluster) answer alike. The room server's
// own suites (roomClaims, roomVariants, roomReceipts…) drive the same logic over the protocol on
// SQLite; these drive the LiveRoom itself, the same scenarios, on both.

const orders = (events: readonly RoomEvent[]): RoomOrder[] => events.flatMap((e) => (e.kind === 'order' ? [e.order] : []));
const statuses = (events: readonly RoomEvent[]) => events.flatMap((e) => (e.kind === 'orderStatus' ? [{ orderId: e.orderId, status: e.status }] : []));
const stockEvents = (events: readonly RoomEvent[]) => events.flatMap((e) => (e.kind === 'stock' ? [{ left: e.left, variant: e.variant }] : []));

const scarf = (stock: number | null): RoomProduct => ({ id: 'p1', name: 'Silk scarf', priceMinor: 5900, listPriceMinor: 9900, currency: 'CNY', stock, photo: null });

async function promote(node: RoomNode, product: RoomProduct, claimKeywords: string[] = [], flashSale?: { priceMinor: number; endsAt: number }) {
  expect(await node.act({ kind: 'upsertProducts', products: [product] })).toMatchObject({ ok: true });
  expect(await node.act({ kind: 'promoteProduct', productId: product.id, claimKeywords, ...(flashSale ? { flashSale } : {}) })).toMatchObject({ ok: true });
}

const kinds: [string, () => Promise<StoreKind>][] = [
  ['SQLite', () => Promise.resolve(sqliteStores())],
  ['PostgreSQL', () => postgresStores()],
];

describe.each(kinds)('the room on %s', (_name, makeStores) => {
  let stores: StoreKind;
  let rooms = 0;
  const freshRoom = () => roomNode(stores, `room-${(rooms += 1)}`);
  beforeAll(async () => {
    stores = await makeStores();
  }, 60_000);
  afterAll(() => stores.close());

  it('sells within stock, refuses past it with what is left, and counts a retried order once', async () => {
    const room = await freshRoom();
    await promote(room, scarf(3), [], { priceMinor: 3900, endsAt: Date.now() + 600_000 });
    const order = { productId: 'p1', buyerName: 'Ana', contact: '13800138000' };
    const first = await room.order('v-ana', { ...order, quantity: 2, clientId: 'ana-0001' });
    expect(first).toMatchObject({ ok: true });
    expect(await room.order('v-ana', { ...order, quantity: 2, clientId: 'ana-0001' })).toEqual(first);
    expect(await room.order('v-bo', { ...order, quantity: 2 })).toMatchObject({ ok: false, code: 'out-of-stock', message: 'Only 1 left: lower the quantity.' });
    expect(await room.order('v-cy', { ...order, quantity: 1 })).toMatchObject({ ok: true });
    expect(await room.order('v-di', { ...order, quantity: 1 })).toMatchObject({ ok: false, code: 'out-of-stock', message: 'Sold out: there are none left.' });
    expect(orders(room.events).map((o) => [o.buyerName, o.quantity, o.amountMinor])).toEqual([
      ['Ana', 2, 7800],
      ['Ana', 1, 3900],
    ]);
    expect(stockEvents(room.events).map((s) => s.left)).toEqual([1, 0]);
    expect(await stores.stockOf(`room-${rooms}`, 'p1')).toEqual({ product: 0, variants: {} });
    // A comment may not reuse an order's clientId.
    expect(await room.room.comment('v-ana', { type: 'comment', clientId: 'ana-0001', name: 'Ana', text: 'hi' })).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('turns claims into orders within stock, waitlists the rest, and moves the oldest that fits up on a cancellation', async () => {
    const room = await freshRoom();
    await promote(room, scarf(3), ['+1', 'SOLD']);
    expect(await room.comment('v-ana', '＋１ x2', 'Ana')).toMatchObject({ ok: true });
    expect(await room.comment('v-bo', 'sold 2', 'Bo')).toMatchObject({ ok: true });
    expect(await room.comment('v-cy', '+1', 'Cy')).toMatchObject({ ok: true });
    expect(await room.comment('v-di', 'love it', 'Di')).toMatchObject({ ok: true });
    const [ana, bo, cy, ...others] = orders(room.events);
    expect(others).toEqual([]);
    expect(ana).toMatchObject({ source: 'claim', status: 'new', quantity: 2, buyerName: 'Ana', note: 'Claimed in the comments: "＋１ x2"' });
    expect(bo).toMatchObject({ source: 'claim', status: 'waitlisted', quantity: 2 });
    expect(cy).toMatchObject({ source: 'claim', status: 'new', quantity: 1 });

    expect(await room.act({ kind: 'markOrder', orderId: ana?.id ?? '', status: 'cancelled' })).toMatchObject({ ok: true });
    expect(statuses(room.events)).toEqual([
      { orderId: ana?.id, status: 'cancelled' },
      { orderId: bo?.id, status: 'new' },
    ]);
    expect(await room.act({ kind: 'markOrder', orderId: bo?.id ?? '', status: 'handled' })).toMatchObject({ ok: true });
    expect(await stores.stockOf(`room-${rooms}`, 'p1')).toEqual({ product: 0, variants: {} });
    // A reloaded page: the newest comments and the viewer's own orders, nobody else's.
    const history = room.room.arrivalHistory('v-bo', 2).map((json) => JSON.parse(json) as RoomEvent);
    expect(history.map((e) => e.kind)).toEqual(['order', 'comment', 'comment', 'orderStatus', 'orderStatus']);
    expect(room.room.eventsSince(0, 'v-cy', 1000).filter((json) => json.includes('"kind":"order"'))).toHaveLength(1);
  });

  it('takes each variant’s own stock, moves its own waitlist up, and replaces a claim naming no size', async () => {
    const room = await freshRoom();
    await promote(room, teeWithSizes({ M: 0, L: 1 }), ['要', '+1']);
    const order = { productId: 'tee', quantity: 2, buyerName: 'Li', contact: '123' };
    expect(await room.order('v-li', order)).toMatchObject({ ok: false, code: 'invalid', message: 'Choose one: M, L.' });
    expect(await room.order('v-li', { ...order, variantId: 'tee-l' })).toMatchObject({ ok: false, code: 'out-of-stock', message: 'L: Only 1 left: lower the quantity.' });
    for (const [viewer, text] of [['v-ana', '要L'], ['v-bo', '+1 M'], ['v-cy', 'l 2'], ['v-di', 'L']]) expect(await room.comment(viewer as string, text as string)).toMatchObject({ ok: true });
    const [anaL, boM, cyL, diL] = orders(room.events);
    expect([anaL?.status, boM?.status, cyL?.status, diL?.status]).toEqual(['new', 'waitlisted', 'waitlisted', 'waitlisted']);
    expect(room.room.snapshot().promotion?.product).toMatchObject({ stock: 0, variants: [{ label: 'M', stock: 0 }, { label: 'L', stock: 0 }] });

    // Ana's L comes back: Cy's claim of 2 does not fit in 1, so Di's moves up; Bo's M stays waiting.
    expect(await room.act({ kind: 'markOrder', orderId: anaL?.id ?? '', status: 'cancelled' })).toMatchObject({ ok: true });
    expect(statuses(room.events)).toEqual([
      { orderId: anaL?.id, status: 'cancelled' },
      { orderId: diL?.id, status: 'new' },
    ]);
    expect(await room.comment('v-bo', '要')).toMatchObject({ ok: true });
    const unnamed = orders(room.events).at(-1);
    expect(unnamed).toMatchObject({ status: 'waitlisted', variantId: null });
    expect(await room.act({ kind: 'upsertProducts', products: [teeWithSizes({ M: 3, L: 0 })] })).toMatchObject({ ok: true });
    expect(statuses(room.events).at(-1)).toEqual({ orderId: boM?.id, status: 'new' });
    expect(await room.comment('v-bo', '要 M')).toMatchObject({ ok: true });
    expect(statuses(room.events).at(-1)).toEqual({ orderId: unnamed?.id, status: 'cancelled' });
    expect(orders(room.events).at(-1)).toMatchObject({ status: 'new', variantLabel: 'M' });
    expect(await stores.stockOf(`room-${rooms}`, 'tee')).toEqual({ product: 1, variants: { 'tee-l': 0, 'tee-m': 1 } });
  });

  it('sells exactly the stock of one size when 300 orders and claims for it arrive together', async () => {
    const room = await freshRoom();
    await promote(room, teeWithSizes({ S: 5, L: 20 }), ['要']);
    const attempts = Array.from({ length: 150 }, (_, b) => [
      room.order(`v-${b}`, { productId: 'tee', variantId: 'tee-l', quantity: 1, buyerName: `Buyer ${b}`, contact: '13800000000' }),
      room.comment(`v-${b}`, '要 L'),
    ]).flat();
    expect((await Promise.all(attempts)).every((ack) => ack.ok || ack.code === 'out-of-stock')).toBe(true);
    const taken = orders(room.events).filter((o) => o.status === 'new');
    expect(taken.reduce((sum, o) => sum + o.quantity, 0)).toBe(20);
    expect(taken.every((o) => o.variantId === 'tee-l')).toBe(true);
    expect(await stores.stockOf(`room-${rooms}`, 'tee')).toEqual({ product: 5, variants: { 'tee-l': 0, 'tee-s': 5 } });
  });

  it('takes back only the change that throws, whether or not it had sent a statement, and keeps seq gap-free', async () => {
    const roomId = `room-${(rooms += 1)}`;
    const store = await stores.open(roomId);
    const handed: StoredEvent[] = [];
    const batches = createRoomBatches({ store, now: Date.now, log: createLogger(() => {}), onEvent: (stored) => handed.push(stored), defer: (run) => setImmediate(run), catchUp: () => {} });
    const reply = (text: string) => ({ kind: 'reply' as const, replyId: text, commentId: null, text });
    const kept = (text: string) => batches.commit(async () => (await batches.append(reply(text), null), null));
    // Queued in one turn: one batch. The second throws with its rows only held, the third after
    // a statement of its own (a guarded stock UPDATE that finds no product).
    const outcomes = await Promise.allSettled([
      kept('first'),
      batches.commit(async () => {
        await batches.append(reply('held, then thrown'), null);
        throw new Error('a change that fails before any statement');
      }),
      batches.commit(async () => {
        await batches.append(reply('sent, then thrown'), null);
        await store.takeStock('no-such-product', 1);
        throw new Error('a change that fails after a statement');
      }),
      kept('second'),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(handed.map((stored) => [stored.event.seq, stored.event.kind === 'reply' && stored.event.text])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    // As stored, read by a store opened afresh (another node's, on PostgreSQL).
    const reopened = await stores.open(roomId);
    expect(reopened.eventsSince(0, null, 10).map((json) => (JSON.parse(json) as { seq: number; text: string }).text)).toEqual(['first', 'second']);
    expect(reopened.opened.lastSeq).toBe(2);
  });

  it('leaves a hidden comment out of an arriving viewer’s history, as stored and as read by a store opened afresh', async () => {
    const roomId = `room-${(rooms += 1)}`;
    const room = await roomNode(stores, roomId);
    for (const text of ['one', 'two', 'three']) expect(await room.comment('v-ana', text)).toMatchObject({ ok: true });
    const two = room.events.find((e) => e.kind === 'comment' && e.comment.text === 'two');
    expect(await room.act({ kind: 'hideComment', commentId: two?.kind === 'comment' ? two.comment.id : '' })).toMatchObject({ ok: true });
    const texts = (history: string[]) => history.map((json) => JSON.parse(json) as RoomEvent).flatMap((e) => (e.kind === 'comment' ? [e.comment.text] : []));
    expect(texts(room.room.arrivalHistory('v-bo', 10))).toEqual(['one', 'three']);
    expect(texts((await stores.open(roomId)).arrivalHistory('v-bo', 10))).toEqual(['one', 'three']);
  });

  it('counts a message sent twice in one batch once, and refuses its clientId for another kind in that batch', async () => {
    const room = await freshRoom();
    await promote(room, scarf(5));
    const comment = { type: 'comment' as const, clientId: 'twice-1', name: 'Ana', text: 'hello' };
    const order = { type: 'order' as const, clientId: 'twice-1', productId: 'p1', quantity: 1, buyerName: 'Ana', contact: '13800138000' };
    // Sent in one turn: one batch, the second of each answered from the receipt the first wrote in it.
    const [first, again, reused] = await Promise.all([room.room.comment('v-ana', comment), room.room.comment('v-ana', comment), room.room.order('v-ana', order)]);
    expect(first).toMatchObject({ ok: true });
    expect(again).toEqual(first);
    expect(reused).toMatchObject({ ok: false, code: 'invalid' });
    expect(room.events.filter((e) => e.kind === 'comment')).toHaveLength(1);
    expect(orders(room.events)).toHaveLength(0);
  });
});
