import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { AckFrame, RoomEvent } from '../contract/room/roomEvents.std';
import type { OrderMessage, StudioAction } from '../contract/room/roomMessages.std';
import { createLogger } from '../main/log/logger.std';
import { openLiveRoom, type LiveRoom } from '../main/room/liveRoom.node';
import { migratePostgresRooms } from '../main/room/pg/pgRoomSchema.node';
import { openPostgresRoomStore } from '../main/room/pg/pgRoomStore.node';
import { openRoomDatabase } from '../main/room/roomDatabase.node';
import type { RoomStore } from '../main/room/roomStore.std';
import { openSqliteRoomStore } from '../main/room/sqliteRoomStore.node';
import { startPostgresServer, type PostgresServer } from './postgresServer.node';

// A LiveRoom on each of its stores, for tests that run the same orders, claims and waitlists
// against SQLite and PostgreSQL: the room's logic is one, so its answers must be the same.

const log = createLogger(() => {});

/** Where rooms are kept: `open` gives a store of a room (another node's, for PostgreSQL, on each call). */
export interface StoreKind {
  readonly name: 'sqlite' | 'postgres';
  open(roomId: string): Promise<RoomStore>;
  /** The stock left of a product (and its variants) as stored. */
  stockOf(roomId: string, productId: string): Promise<{ product: number | null; variants: Record<string, number | null> }>;
  close(): Promise<void>;
}

export function sqliteStores(): StoreKind {
  const dir = mkdtempSync(path.join(tmpdir(), 'room-store-'));
  const db = openRoomDatabase((file) => new Sqlite(file), path.join(dir, 'room.sqlite'));
  return {
    name: 'sqlite',
    open: (roomId) => Promise.resolve(openSqliteRoomStore(db, roomId, Date.now)),
    stockOf(roomId, productId) {
      const product = db.prepare<[string, string], { stock: number | null }>('SELECT stock FROM products WHERE room_id = ? AND id = ?').get(roomId, productId)?.stock ?? null;
      const rows = db.prepare<[string, string], { id: string; stock: number | null }>('SELECT id, stock FROM variants WHERE room_id = ? AND product_id = ? ORDER BY id').all(roomId, productId);
      return Promise.resolve({ product, variants: Object.fromEntries(rows.map((row) => [row.id, row.stock])) });
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** PostgreSQL: each `open` is a node of its own, with its own pool, on the one database (at `url`). */
export async function postgresStores(server?: PostgresServer): Promise<StoreKind & { readonly url: string }> {
  const own = server ?? (await startPostgresServer());
  const pools: pg.Pool[] = [];
  const pool = () => {
    const opened = new pg.Pool({ connectionString: own.url, max: 4 });
    // An idle connection the server ends (the test's server stopping) is an 'error' on the pool;
    // unheard, it would crash the test run after the test has passed.
    opened.on('error', () => {});
    pools.push(opened);
    return opened;
  };
  const admin = pool();
  await migratePostgresRooms(admin);
  return {
    name: 'postgres',
    url: own.url,
    open: (roomId) => openPostgresRoomStore(pool(), roomId, Date.now),
    async stockOf(roomId, productId) {
      const product = (await admin.query<{ stock: number | null }>('SELECT stock FROM products WHERE room_id = $1 AND id = $2', [roomId, productId])).rows[0]?.stock ?? null;
      const rows = (await admin.query<{ id: string; stock: number | null }>('SELECT id, stock FROM variants WHERE room_id = $1 AND product_id = $2 ORDER BY id', [roomId, productId])).rows;
      return { product, variants: Object.fromEntries(rows.map((row) => [row.id, row.stock])) };
    },
    async close() {
      await Promise.all(pools.map((opened) => opened.end()));
      if (!server) await own.stop();
    },
  };
}

export interface RoomNode {
  room: LiveRoom;
  /** Every event this node handed on, in the order it did. */
  events: RoomEvent[];
  act(action: StudioAction): Promise<AckFrame>;
  order(viewerId: string, order: Omit<OrderMessage, 'type' | 'clientId'> & { clientId?: string }): Promise<AckFrame>;
  comment(viewerId: string, text: string, name?: string): Promise<AckFrame>;
}

export async function roomNode(stores: StoreKind, roomId: string): Promise<RoomNode> {
  const events: RoomEvent[] = [];
  const room = openLiveRoom({
    store: await stores.open(roomId),
    roomId,
    now: Date.now,
    newId: randomUUID,
    log,
    videoState: () => ({ available: false, producers: 0, reason: 'No SFU in this test.' }),
    onEvent: (stored) => events.push(stored.event),
    defer: (run) => setImmediate(run),
  });
  return {
    room,
    events,
    act: (action) => room.act('studio', { type: 'action', clientId: randomUUID(), action }),
    order: (viewerId, { clientId, ...order }) => room.order(viewerId, { type: 'order', clientId: clientId ?? randomUUID(), ...order }),
    comment: (viewerId, text, name = viewerId) => room.comment(viewerId, { type: 'comment', clientId: randomUUID(), name, text }),
  };
}
