import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckFrame, RoomEvent } from '../../../contract/room/roomEvents.std';
import type { RoomProduct } from '../../../contract/room/roomMessages.std';
import pg from 'pg';
import { postgresStores, roomNode, type RoomNode, type StoreKind } from '../../../testing/liveRoomStores.node';
import { openPostgresRoomStore } from './pgRoomStore.node';

// One room served by two nodes on one PostgreSQL database (issue 14: "a flash sale of 2,000
// orders across both nodes on 100 units sells exactly 100"). Each node's batches lock the room's
// row, so the two take stock one batch after the other; seq stays one gap-free sequence; a
// retried order counts once whichever node the retry reaches.

let stores: StoreKind & { readonly url: string };
beforeAll(async () => {
  stores = await postgresStores();
}, 60_000);
afterAll(() => stores.close());

const scarf = (stock: number): RoomProduct => ({ id: 'p1', name: 'Silk scarf', priceMinor: 5900, listPriceMinor: 9900, currency: 'CNY', stock, photo: null });
const buy = (clientId?: string) => ({ productId: 'p1', quantity: 1, buyerName: 'Ana', contact: '13800138000', ...(clientId ? { clientId } : {}) });
const orderIds = (events: readonly RoomEvent[]) => events.flatMap((e) => (e.kind === 'order' ? [e.order.id] : []));
const ordersOf = (nodes: readonly RoomNode[]) => [...new Map(nodes.flatMap((node) => node.events.flatMap((e) => (e.kind === 'order' ? [[e.order.id, e.order] as const] : [])))).values()];
const seqs = (node: RoomNode) => node.events.map((e) => e.seq);

async function twoNodes(roomId: string, stock: number, claimKeywords: string[] = []) {
  // B opens before anything is on sale: it learns of the promotion from the room's row.
  const [a, b] = [await roomNode(stores, roomId), await roomNode(stores, roomId)];
  expect(await a.act({ kind: 'upsertProducts', products: [scarf(stock)] })).toMatchObject({ ok: true });
  expect(await a.act({ kind: 'promoteProduct', productId: 'p1', claimKeywords, flashSale: { priceMinor: 3900, endsAt: Date.now() + 600_000 } })).toMatchObject({ ok: true });
  return { a, b };
}

describe('a room on two nodes over PostgreSQL', () => {
  it('sells exactly 100 in a flash sale of 2,000 concurrent orders split across both nodes', async () => {
    const { a, b } = await twoNodes('flash', 100);
    // All 2,000 are in flight together, reaching each node 25 at a time (a turn of its event loop
    // each, as sockets deliver them), so both nodes' batches contend for the row all along.
    const pending: Promise<AckFrame>[] = [];
    for (let index = 0; index < 2000; index += 1) {
      pending.push((index % 2 === 0 ? a : b).order(`v-${index}`, buy()));
      if (index % 50 === 49) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const acks = await Promise.all(pending);

    const confirmed = acks.filter((ack) => ack.ok);
    expect(confirmed).toHaveLength(100);
    expect(acks.filter((ack) => !ack.ok).every((ack) => !ack.ok && ack.code === 'out-of-stock')).toBe(true);
    expect(await stores.stockOf('flash', 'p1')).toEqual({ product: 0, variants: {} });

    // One gap-free seq across the nodes; each node hands on what it saw in seq order, the other
    // node's events included once its next batch read them.
    await a.act({ kind: 'reply', text: 'Sold out, thank you!' });
    await b.act({ kind: 'reply', text: 'Next one in five minutes.' });
    for (const node of [a, b]) {
      expect(seqs(node)).toEqual([...seqs(node)].sort((x, y) => x - y));
      expect(new Set(seqs(node)).size).toBe(seqs(node).length);
    }
    const last = b.room.lastSeq();
    expect(seqs(b)).toEqual(Array.from({ length: last - (seqs(b)[0] ?? 1) + 1 }, (_, index) => (seqs(b)[0] ?? 1) + index));
    expect(new Set([...orderIds(a.events), ...orderIds(b.events)]).size).toBe(100);
    expect(orderIds(b.events)).toHaveLength(100);
    // B's replay (answered from its memory) holds A's orders as well as its own.
    expect(b.room.eventsSince(0, null, 10_000).filter((json) => json.includes('"kind":"order"'))).toHaveLength(100);
  });

  it('takes exactly 100 units when Buy orders and "+1" claims race on both nodes, the other claims waitlisted', async () => {
    const { a, b } = await twoNodes('claims', 100, ['+1']);
    const pending: Promise<AckFrame>[] = [];
    for (let index = 0; index < 2000; index += 1) {
      const node = index % 2 === 0 ? a : b;
      pending.push(index % 4 < 2 ? node.order(`v-${index}`, buy()) : node.comment(`v-${index}`, '+1'));
      if (index % 50 === 49) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const acks = await Promise.all(pending);
    expect(acks.every((ack) => ack.ok || ack.code === 'out-of-stock')).toBe(true);
    await a.act({ kind: 'reply', text: 'Sold out!' });
    await b.act({ kind: 'reply', text: 'Waitlist is open.' });

    const all = ordersOf([a, b]);
    expect(all.filter((order) => order.status === 'new')).toHaveLength(100);
    expect(all.filter((order) => order.source === 'claim')).toHaveLength(1000);
    expect(all.filter((order) => order.status === 'waitlisted').length).toBe(all.length - 100);
    expect(await stores.stockOf('claims', 'p1')).toEqual({ product: 0, variants: {} });
  });

  it('counts a retried order once when the retry reaches the other node, even at the same moment', async () => {
    const { a, b } = await twoNodes('retries', 10);
    const viewer = a.room.identifyViewer('retrying-viewer-key-0001');
    // The same key is the same viewer on either node, with no round trip to name them.
    expect(b.room.identifyViewer('retrying-viewer-key-0001')).toBe(viewer);

    const first = await a.order(viewer, buy('retry-0001'));
    expect(first).toMatchObject({ ok: true });
    expect(await b.order(viewer, buy('retry-0001'))).toEqual(first);

    const [onA, onB] = await Promise.all([a.order(viewer, buy('retry-0002')), b.order(viewer, buy('retry-0002'))]);
    expect(onA).toMatchObject({ ok: true });
    expect(onB).toEqual(onA);

    // The receipt is kind-checked on the other node too: a comment may not reuse an order's clientId.
    const reused: AckFrame = await b.room.comment(viewer, { type: 'comment', clientId: 'retry-0001', name: 'Ana', text: 'hello' });
    expect(reused).toMatchObject({ ok: false, code: 'invalid' });

    await b.act({ kind: 'reply', text: 'Thanks!' });
    expect(new Set([...orderIds(a.events), ...orderIds(b.events)]).size).toBe(2);
    expect(await stores.stockOf('retries', 'p1')).toEqual({ product: 8, variants: {} });
    // A ban on one node holds on the other from its next batch on.
    expect(await a.act({ kind: 'banViewer', viewerId: viewer })).toMatchObject({ ok: true });
    await b.act({ kind: 'reply', text: 'Moderated.' });
    expect(b.room.isBanned(viewer)).toBe(true);
  });

  it('writes a batch of 300 comments in a fixed few round trips while it holds the room row, and answers their retries from the database', async () => {
    // Statements are counted on the node's own connections: each is a round trip to PostgreSQL.
    const counted = new pg.Pool({ connectionString: stores.url, max: 2 });
    counted.on('error', () => {});
    let statements = 0;
    counted.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      Object.assign(client, { query: (...args: unknown[]) => ((statements += 1), query(...args)) });
    });
    try {
      const node = await roomNode({ ...stores, open: (roomId) => openPostgresRoomStore(counted, roomId, Date.now) }, 'chatty');
      await node.comment('v-warm', 'first');
      const before = statements;
      const sent = Array.from({ length: 300 }, (_, index) => node.room.comment(`v-${index}`, { type: 'comment', clientId: `c-${index}`, name: `Viewer ${index}`, text: `comment ${index}` }));
      const acks = await Promise.all(sent);
      expect(acks.every((ack) => ack.ok)).toBe(true);
      // One batch: BEGIN, the row's lock, the 300 messages' receipts, one write of every row, COMMIT.
      expect(statements - before).toBeLessThanOrEqual(5);
      expect(node.events.map((e) => e.seq)).toEqual(Array.from({ length: 301 }, (_, index) => index + 1));

      // Another node, answering the same messages again, finds what the batch wrote.
      const other = await roomNode(stores, 'chatty');
      const retried = await Promise.all(acks.slice(0, 20).map((_, index) => other.room.comment(`v-${index}`, { type: 'comment', clientId: `c-${index}`, name: `Viewer ${index}`, text: `comment ${index}` })));
      expect(retried).toEqual(acks.slice(0, 20));
      expect(other.events.filter((e) => e.kind === 'comment')).toHaveLength(0);
      expect((await counted.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE room_id = $1', ['chatty'])).rows[0]?.n).toBe(301);

      // Rows travel as JSON text: quotes, backslashes, markup and astral characters arrive as sent.
      const awkward = `"quoted" \\back\\slash <b>bold</b> 'it''s' 😀 {"json": [1]} 🇨🇳`;
      expect(await node.comment('v-awkward', awkward, 'Ana "A" \\ 李')).toMatchObject({ ok: true });
      const stored = await counted.query<{ name: string; text: string; body: string }>(
        "SELECT c.name, c.text, e.body FROM comments c JOIN events e ON e.room_id = c.room_id AND e.seq = c.seq WHERE c.room_id = $1 AND c.viewer_id = 'v-awkward'",
        ['chatty'],
      );
      expect(stored.rows[0]).toMatchObject({ name: 'Ana "A" \\ 李', text: awkward });
      expect(stored.rows[0]?.body).toBe(JSON.stringify(node.events.at(-1)));
    } finally {
      await counted.end();
    }
  });
});
