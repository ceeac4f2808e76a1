import type BetterSqlite3 from 'better-sqlite3';
import { movePhotosOutOfRows } from './roomPhotos.node';

// One SQLite file holds every room of a room server: events (the sequence-numbered log a client
// resumes from), comments, orders, products and their variants, the action log and the receipts that make a retried
// message count once. WAL with synchronous=NORMAL: a transaction is in the log before it is
// acknowledged, so killing the process loses nothing acknowledged (only power loss could lose
// the newest few, which the room accepts for 5,000 comments/s).

export type Database = BetterSqlite3.Database;

/** SQL, or a step SQL cannot express (hashing, base64) run in the same transaction. */
const migrations: readonly (string | ((db: Database) => void))[] = [
  `CREATE TABLE rooms (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     pinned TEXT,
     promotion TEXT,
     likes INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE events (
     room_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     at INTEGER NOT NULL,
     kind TEXT NOT NULL,
     -- The viewer an event is about (a comment's author, an order's buyer): their own events
     -- always reach them, and orders reach nobody else but the studio.
     owner TEXT,
     body TEXT NOT NULL,
     PRIMARY KEY (room_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE comments (
     room_id TEXT NOT NULL,
     id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     viewer_id TEXT NOT NULL,
     name TEXT NOT NULL,
     text TEXT NOT NULL,
     at INTEGER NOT NULL,
     hidden INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (room_id, id)
   );
   CREATE TABLE products (
     room_id TEXT NOT NULL,
     id TEXT NOT NULL,
     body TEXT NOT NULL,
     -- NULL: stock not tracked. Decremented only by an UPDATE guarded with stock >= quantity.
     stock INTEGER,
     PRIMARY KEY (room_id, id)
   );
   CREATE TABLE orders (
     room_id TEXT NOT NULL,
     id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     viewer_id TEXT NOT NULL,
     product_id TEXT NOT NULL,
     quantity INTEGER NOT NULL,
     amount_minor INTEGER NOT NULL,
     status TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (room_id, id)
   );
   CREATE TABLE actions (
     room_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     at INTEGER NOT NULL,
     actor TEXT NOT NULL,
     kind TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE receipts (
     room_id TEXT NOT NULL,
     sender TEXT NOT NULL,
     client_id TEXT NOT NULL,
     ack TEXT NOT NULL,
     PRIMARY KEY (room_id, sender, client_id)
   ) WITHOUT ROWID;
   CREATE TABLE viewers (
     room_id TEXT NOT NULL,
     key_hash TEXT NOT NULL,
     viewer_id TEXT NOT NULL,
     banned INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (room_id, key_hash)
   );
   CREATE UNIQUE INDEX viewers_by_id ON viewers (room_id, viewer_id);`,
  // What a reloaded viewer's page gets: the newest comments, and their own orders.
  `CREATE INDEX comments_by_seq ON comments (room_id, seq);
   CREATE INDEX events_by_owner ON events (room_id, owner) WHERE owner IS NOT NULL;`,
  // Comment-to-claim: the waitlist moves up oldest first per product. Rows written before claims
  // get what the contract now requires (an order's source, a promotion's claim words) once, here,
  // so every replay, snapshot and markOrder reads them as they are without an upgrade on each read.
  `CREATE INDEX orders_waitlisted ON orders (room_id, product_id, seq) WHERE status = 'waitlisted';
   UPDATE events SET body = json_set(body, '$.order.source', 'buy')
     WHERE kind = 'order' AND json_type(body, '$.order.source') IS NULL;
   UPDATE events SET body = json_set(body, '$.promotion.claimKeywords', json('[]'))
     WHERE kind = 'promotion' AND json_type(body, '$.promotion') = 'object' AND json_type(body, '$.promotion.claimKeywords') IS NULL;
   UPDATE orders SET body = json_set(body, '$.source', 'buy') WHERE json_type(body, '$.source') IS NULL;
   UPDATE rooms SET promotion = json_set(promotion, '$.claimKeywords', json('[]'))
     WHERE promotion IS NOT NULL AND json_type(promotion, '$.claimKeywords') IS NULL;`,
  // A show's end (and its Buy grace) outlives a room restart: a late order is still refused.
  `ALTER TABLE rooms ADD COLUMN ended TEXT;`,
  // Variants (sizes, colours) with their own stock, taken by the same guarded UPDATE as a
  // product's; a product with variants keeps their sum in products.stock. The waitlist moves up
  // per variant. Orders written before variants name none (null), in every copy of their body.
  `CREATE TABLE variants (
     room_id TEXT NOT NULL,
     product_id TEXT NOT NULL,
     id TEXT NOT NULL,
     -- NULL: stock not tracked. Decremented only by an UPDATE guarded with stock >= quantity.
     stock INTEGER,
     PRIMARY KEY (room_id, product_id, id)
   ) WITHOUT ROWID;
   ALTER TABLE orders ADD COLUMN variant_id TEXT;
   DROP INDEX orders_waitlisted;
   CREATE INDEX orders_waitlisted ON orders (room_id, product_id, variant_id, seq) WHERE status = 'waitlisted';
   UPDATE events SET body = json_set(body, '$.order.variantId', NULL, '$.order.variantLabel', NULL)
     WHERE kind = 'order' AND json_type(body, '$.order.variantId') IS NULL;
   UPDATE orders SET body = json_set(body, '$.variantId', NULL, '$.variantLabel', NULL) WHERE json_type(body, '$.variantId') IS NULL;`,
  // Product photos stored once, served by address (roomPhotos.node.ts), instead of inline in
  // every event and welcome (issue 14). Not WITHOUT ROWID: a row is a whole picture.
  `CREATE TABLE photos (
     room_id TEXT NOT NULL,
     hash TEXT NOT NULL,
     type TEXT NOT NULL,
     bytes BLOB NOT NULL,
     PRIMARY KEY (room_id, hash)
   );`,
  // The photos already inline in products, promotions and the log move there, once.
  movePhotosOutOfRows,
];

export function openRoomDatabase(open: (file: string) => Database, file: string): Database {
  const db = open(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    db.close();
    throw new Error(`The room database ${file} was written by a newer Shopcast (schema ${version}); update Shopcast to open it.`);
  }
  db.transaction(() => {
    for (const [index, migration] of migrations.entries()) {
      if (index < version) continue;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
    }
    db.pragma(`user_version = ${migrations.length}`);
  })();
  return db;
}
