import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { BatchStart, ProductRow, ReceiptKey, RoomRow, RoomStore, StoredEventRow } from '../roomStore.std';
import { createBatchRows, type RowsMark } from './pgBatchRows.std';
import { createRoomMemory, receiptKey } from './pgRoomMemory.std';

interface Receipt {
  ack: string;
  eventKind: string | null;
}

// A room in PostgreSQL, served by one or more nodes (issue 14: "orders and stock in Postgres").
// Each batch is one transaction on one connection that starts by locking the room's row
// (SELECT … FOR UPDATE): two nodes' batches on a room run one after the other, each re-reading
// what the studio set and the last seq from that row, so seq stays gap-free and the guarded
// stock UPDATE never races. The batch's events go to the events table (the outbox of the
// cluster's event log) and rooms.last_seq moves with them; nothing is acknowledged before COMMIT.
//
// What the room server asks between batches (replay, a welcome's snapshot, a retry's receipt,
// a viewer's id) is answered from memory (pgRoomMemory.std.ts), kept current by each batch.

const room = (found: { pinned: string | null; promotion: string | null; ended: string | null; likes: number; last_seq: number }): RoomRow => ({
  pinned: found.pinned,
  promotion: found.promotion,
  ended: found.ended,
  likes: found.likes,
  lastSeq: found.last_seq,
});

const ROOM_ROW = 'SELECT pinned, promotion, ended, likes::float8 AS likes, last_seq::float8 AS last_seq FROM rooms WHERE id = $1';
const EVENTS_AFTER = 'SELECT seq::float8 AS seq, kind, owner, body FROM events WHERE room_id = $1 AND seq > $2 ORDER BY seq';

/**
 * A viewer's id from their key's hash, the same on every node: a key first seen on two nodes at
 * once is one viewer, and no node waits on the database to name them. One-way, so the public id
 * says nothing of the secret key.
 */
const viewerIdOf = (roomId: string, keyHash: string) => `v-${createHash('sha256').update(`viewer\u0000${roomId}\u0000${keyHash}`).digest('base64url').slice(0, 12)}`;

/** A cluster node's store: its memory of the room's log is fed by the node's follower of that log. */
export interface FollowedRoomStore extends RoomStore {
  /** An event the room's log delivered, in seq order (already held: ignored). */
  logged(row: StoredEventRow): void;
  /** The newest seq in memory: where the follower goes on from, and what a welcome says. */
  loggedSeq(): number;
  /** Whether a viewer key's hash has joined the room (read when it opened, or named here since). */
  knowsViewer(keyHash: string): boolean;
}

export function openPostgresRoomStore(pool: Pool, roomId: string, now: () => number): Promise<RoomStore>;
export function openPostgresRoomStore(pool: Pool, roomId: string, now: () => number, fedBy: 'log'): Promise<FollowedRoomStore>;
export async function openPostgresRoomStore(pool: Pool, roomId: string, now: () => number, fedBy: 'batches' | 'log' = 'batches'): Promise<FollowedRoomStore> {
  await pool.query('INSERT INTO rooms (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [roomId, now()]);
  const [opened, banned, viewers, products, variants, events] = await Promise.all([
    pool.query(ROOM_ROW, [roomId]),
    pool.query<{ viewer_id: string }>('SELECT viewer_id FROM viewers WHERE room_id = $1 AND banned = 1', [roomId]),
    pool.query<{ key_hash: string; viewer_id: string }>('SELECT key_hash, viewer_id FROM viewers WHERE room_id = $1', [roomId]),
    pool.query<{ id: string; body: string; stock: number | null }>('SELECT id, body, stock FROM products WHERE room_id = $1', [roomId]),
    pool.query<{ product_id: string; id: string; stock: number | null }>('SELECT product_id, id, stock FROM variants WHERE room_id = $1', [roomId]),
    pool.query<StoredEventRow>(EVENTS_AFTER, [roomId, 0]),
  ]);
  const openedRow = room(opened.rows[0] as Parameters<typeof room>[0]);
  const memory = createRoomMemory(events.rows, fedBy);
  const viewerIds = new Map(viewers.rows.map((found) => [found.key_hash, found.viewer_id]));
  /** Viewers named since the last batch: written by the next one (write-behind), again after a rollback. */
  const newViewers = new Map<string, string>();
  let writing: [string, string][] = [];
  const productsNow = new Map<string, ProductRow>(products.rows.map((found) => [found.id, { body: found.body, stock: found.stock, variants: [] }]));
  for (const found of variants.rows) productsNow.get(found.product_id)?.variants.push({ id: found.id, stock: found.stock });

  let client: PoolClient | null = null;
  const inBatch = () => {
    if (!client) throw new Error(`room ${roomId}: a write outside a batch`);
    return client;
  };
  const end = () => {
    client?.release();
    client = null;
  };

  // A batch's inserts are held (pgBatchRows.std.ts) and written in one statement when the batch
  // must run SQL anyway, or at its end; a change's savepoint is made only when the change runs a
  // statement of its own (an order, a pin), so a batch of comments is BEGIN, the lock, the
  // receipts of its messages, one write and COMMIT. A change that never touched the database is
  // taken back by dropping its held rows.
  const rows = createBatchRows();
  /** The running change: where its held rows begin, and whether it has a savepoint in the database. */
  let change: { mark: RowsMark; saved: boolean } | null = null;
  /** A kept change's savepoint, released with the next statement that has to be sent anyway. */
  let releaseOwed = false;
  /** Receipts of this batch's messages as the database had them at its start (null: none); those it writes are staged in memory. */
  let receipts = new Map<string, Receipt | null>();

  const send = async (statement: { text: string; values: unknown[] } | null) => {
    if (statement) await inBatch().query(statement.text, statement.values);
  };
  /** Before a statement of a change: what earlier changes kept is written, the change's savepoint made, then its own rows. */
  const ready = async () => {
    if (change && !change.saved) {
      await send(rows.take(roomId, { upTo: change.mark }));
      await inBatch().query(releaseOwed ? 'RELEASE change; SAVEPOINT change' : 'SAVEPOINT change');
      releaseOwed = false;
      change.saved = true;
    }
    await send(rows.take(roomId));
    if (change) change.mark = rows.mark();
    return inBatch();
  };
  const query = async <Row extends object>(sql: string, values: unknown[]) => (await (await ready()).query<Row>(sql, values)).rows;
  const run = async (sql: string, values: unknown[]) => (await (await ready()).query(sql, values)).rowCount ?? 0;

  const unwrite = () => {
    for (const [keyHash, viewerId] of writing) newViewers.set(keyHash, viewerId);
    writing = [];
  };
  const forgetBatch = () => {
    batchProducts = new Map();
    rows.truncate([]);
    change = null;
    releaseOwed = false;
    receipts = new Map();
  };

  const RECEIPTS = `SELECT r.sender, r.client_id, r.ack, e.kind FROM receipts r
      LEFT JOIN events e ON e.room_id = r.room_id AND e.seq = (r.ack::json ->> 'seq')::bigint
      WHERE r.room_id = $1 AND (r.sender, r.client_id) IN (SELECT k ->> 0, k ->> 1 FROM json_array_elements($2::json) AS k)`;
  const readReceipts = async (keys: readonly ReceiptKey[]) => {
    // The keys as one JSON text, as the batch's rows are (pgBatchRows.std.ts).
    const found = await inBatch().query<{ sender: string; client_id: string; ack: string; kind: string | null }>(RECEIPTS, [
      roomId,
      JSON.stringify(keys.map((key) => [key.sender, key.clientId])),
    ]);
    for (const key of keys) receipts.set(receiptKey(key.sender, key.clientId), null);
    for (const row of found.rows) receipts.set(receiptKey(row.sender, row.client_id), { ack: row.ack, eventKind: row.kind });
  };

  const receipt = async (sender: string, clientId: string): Promise<Receipt | null> => {
    const staged = memory.stagedReceipt(sender, clientId);
    if (staged) return staged;
    const key = receiptKey(sender, clientId);
    // A message the batch was not told of at its start (none today) is read on its own.
    if (!receipts.has(key)) {
      await ready();
      await readReceipts([{ sender, clientId }]);
    }
    return receipts.get(key) ?? null;
  };

  // The product and its variants' stock in one round trip (an order reads it twice, under the lock).
  const PRODUCT = `SELECT p.body, p.stock,
      coalesce((SELECT json_agg(json_build_object('id', v.id, 'stock', v.stock)) FROM variants v WHERE v.room_id = p.room_id AND v.product_id = p.id), '[]') AS variants
      FROM products p WHERE p.room_id = $1 AND p.id = $2`;
  /**
   * Products as read in this batch, kept current by its own stock changes: under the room's lock
   * no other node changes them, so a flash sale's orders read the product once a batch, not twice
   * an order. Any rollback to a savepoint forgets them (a change taken back may have taken stock).
   */
  let batchProducts = new Map<string, ProductRow | null>();
  const copy = (row: ProductRow): ProductRow => ({ ...row, variants: row.variants.map((variant) => ({ ...variant })) });
  const product = async (id: string): Promise<ProductRow | null> => {
    const held = batchProducts.get(id);
    if (held !== undefined) return held && copy(held);
    const [found] = await query<ProductRow>(PRODUCT, [roomId, id]);
    batchProducts.set(id, found ? copy(found) : null);
    if (!found) productsNow.delete(id);
    else productsNow.set(id, found);
    return found ?? null;
  };
  /** Whether a stock UPDATE changed a row; when it did, the batch's product moves by `delta` units too. */
  const changedStock = (productId: string, variantId: string | null, delta: number) => (changed: number) => {
    const held = batchProducts.get(productId);
    const row = !held || variantId === null ? held : held.variants.find((variant) => variant.id === variantId);
    if (changed > 0 && row && row.stock !== null) row.stock += delta;
    return changed > 0;
  };

  return {
    opened: openedRow,
    banned: banned.rows.map((found) => found.viewer_id),
    eventsSince: memory.eventsSince,
    arrivalHistory: memory.arrivalHistory,
    peekReceipt: memory.receipt,
    logged: memory.logged,
    loggedSeq: memory.lastSeq,
    knowsViewer: (keyHash) => viewerIds.has(keyHash),
    productNow: (id) => productsNow.get(id) ?? null,
    viewerOf(keyHash) {
      const known = viewerIds.get(keyHash);
      if (known) return known;
      const viewerId = viewerIdOf(roomId, keyHash);
      viewerIds.set(keyHash, viewerId);
      newViewers.set(keyHash, viewerId);
      return viewerId;
    },

    async begin(knownSeq, messages): Promise<BatchStart> {
      client = await pool.connect();
      forgetBatch();
      try {
        await client.query('BEGIN');
        const [locked] = (await client.query(`${ROOM_ROW} FOR UPDATE`, [roomId])).rows as Parameters<typeof room>[0][];
        if (!locked) throw new Error(`room ${roomId}: its row is gone`);
        const row = room(locked);
        // Viewers named since the last batch are written with this one's rows (write-behind).
        writing = [...newViewers];
        newViewers.clear();
        for (const [keyHash, viewerId] of writing) rows.viewer(keyHash, viewerId);
        // Read under the lock: a retry another node committed is seen, whichever node it reached.
        if (messages.length > 0) await readReceipts(messages);
        const missed = row.lastSeq > knownSeq ? (await client.query<StoredEventRow>(EVENTS_AFTER, [roomId, knownSeq])).rows : [];
        memory.committed(missed);
        return { row, missed };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        end();
        unwrite();
        throw error;
      }
    },
    savepoint() {
      change = { mark: rows.mark(), saved: false };
      memory.dropChange();
    },
    release() {
      if (change?.saved) releaseOwed = true;
      change = null;
      memory.keepChange();
    },
    async rollbackToSavepoint() {
      const undone = change;
      change = null;
      memory.dropChange();
      batchProducts = new Map();
      if (!undone) return;
      rows.truncate(undone.mark);
      if (undone.saved) await inBatch().query('ROLLBACK TO change; RELEASE change');
    },
    async commit(lastSeq) {
      await send(rows.take(roomId, { lastSeq }));
      await inBatch().query('COMMIT');
      end();
      writing = [];
      // What the batch left of each product it read is the welcome's snapshot from now on.
      for (const [id, row] of batchProducts) if (row) productsNow.set(id, row);
      forgetBatch();
      memory.commit();
    },
    async rollback() {
      memory.dropBatch();
      forgetBatch();
      unwrite();
      if (!client) return;
      try {
        await client.query('ROLLBACK');
      } finally {
        end();
      }
    },

    insertEvent(seq, at, kind, owner, body) {
      inBatch();
      rows.event(seq, at, kind, owner, body);
      memory.stageEvent({ seq, kind, owner, body });
    },
    receipt,
    insertReceipt(sender, clientId, ack) {
      inBatch();
      rows.receipt(sender, clientId, ack);
      memory.stageReceipt(sender, clientId, ack);
    },
    insertComment(id, seq, viewerId, name, text, at) {
      inBatch();
      rows.comment(id, seq, viewerId, name, text, at);
    },
    comment: async (id) =>
      (await query<{ id: string; viewer_id: string; name: string; text: string; at: number; hidden: number }>('SELECT id, viewer_id, name, text, at::float8 AS at, hidden FROM comments WHERE room_id = $1 AND id = $2', [roomId, id]))[0] ??
      null,
    hideComment: async (id) => void (await run('UPDATE comments SET hidden = 1 WHERE room_id = $1 AND id = $2', [roomId, id])),
    product,
    async upsertProduct(id, body, stock) {
      batchProducts.delete(id);
      await run('INSERT INTO products (room_id, id, body, stock) VALUES ($1, $2, $3, $4) ON CONFLICT (room_id, id) DO UPDATE SET body = excluded.body, stock = excluded.stock', [roomId, id, body, stock]);
      productsNow.set(id, { body, stock, variants: [] });
    },
    async deleteVariants(productId) {
      batchProducts.delete(productId);
      await run('DELETE FROM variants WHERE room_id = $1 AND product_id = $2', [roomId, productId]);
    },
    async insertVariant(productId, id, stock) {
      batchProducts.delete(productId);
      await run('INSERT INTO variants (room_id, product_id, id, stock) VALUES ($1, $2, $3, $4)', [roomId, productId, id, stock]);
      productsNow.get(productId)?.variants.push({ id, stock });
    },
    takeStock: async (productId, quantity) =>
      changedStock(productId, null, -quantity)(await run('UPDATE products SET stock = stock - $3 WHERE room_id = $1 AND id = $2 AND stock IS NOT NULL AND stock >= $3', [roomId, productId, quantity])),
    takeVariantStock: async (productId, variantId, quantity) =>
      changedStock(productId, variantId, -quantity)(
        await run('UPDATE variants SET stock = stock - $4 WHERE room_id = $1 AND product_id = $2 AND id = $3 AND stock IS NOT NULL AND stock >= $4', [roomId, productId, variantId, quantity]),
      ),
    returnStock: async (productId, quantity) =>
      changedStock(productId, null, quantity)(await run('UPDATE products SET stock = stock + $3 WHERE room_id = $1 AND id = $2 AND stock IS NOT NULL', [roomId, productId, quantity])),
    returnVariantStock: async (productId, variantId, quantity) =>
      changedStock(productId, variantId, quantity)(await run('UPDATE variants SET stock = stock + $4 WHERE room_id = $1 AND product_id = $2 AND id = $3 AND stock IS NOT NULL', [roomId, productId, variantId, quantity])),
    insertOrder(order) {
      inBatch();
      rows.order(order);
    },
    order: async (id) => (await query<{ body: string; status: string }>('SELECT body, status FROM orders WHERE room_id = $1 AND id = $2', [roomId, id]))[0] ?? null,
    setOrderStatus: async (id, status, body) => void (await run('UPDATE orders SET status = $3, body = $4 WHERE room_id = $1 AND id = $2', [roomId, id, status, body])),
    waitlisted: (productId, variantId, maxQuantity, limit) =>
      query<{ quantity: number; body: string }>(
        "SELECT quantity, body FROM orders WHERE room_id = $1 AND product_id = $2 AND variant_id IS NOT DISTINCT FROM $3 AND status = 'waitlisted' AND quantity <= $4 ORDER BY seq LIMIT $5",
        [roomId, productId, variantId, maxQuantity, limit],
      ),
    unnamedClaims: (productId, viewerId) =>
      query<{ body: string }>("SELECT body FROM orders WHERE room_id = $1 AND product_id = $2 AND viewer_id = $3 AND variant_id IS NULL AND status = 'waitlisted' ORDER BY seq", [roomId, productId, viewerId]),
    setPinned: async (json) => void (await run('UPDATE rooms SET pinned = $2 WHERE id = $1', [roomId, json])),
    setPromotion: async (json) => void (await run('UPDATE rooms SET promotion = $2 WHERE id = $1', [roomId, json])),
    addLikes: async (delta) => (await query<{ likes: number }>('UPDATE rooms SET likes = likes + $2 WHERE id = $1 RETURNING likes::float8 AS likes', [roomId, delta]))[0]?.likes ?? 0,
    setEnded: async (json) => void (await run('UPDATE rooms SET ended = $2 WHERE id = $1', [roomId, json])),
    insertAction(seq, at, actor, kind, body) {
      inBatch();
      rows.action(seq, at, actor, kind, body);
    },
    ban: async (viewerId) => (await run('UPDATE viewers SET banned = 1 WHERE room_id = $1 AND viewer_id = $2', [roomId, viewerId])) > 0,
  };
}
