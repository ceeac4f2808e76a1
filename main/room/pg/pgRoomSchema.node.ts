import type { Pool } from 'pg';

// The rooms' tables in PostgreSQL, for a room served by several nodes: the SQLite file's tables
// (roomDatabase.node.ts) as they are today, plus rooms.last_seq, the newest seq written, which a
// batch allocates from under the room row's lock (two nodes never write the same seq), and CHECKs
// that make an oversold stock a failed statement even if the guarded UPDATE were ever bypassed.
// Times and money are bigint; reads cast them to float8, exact for any JS number the room writes.

const migrations: readonly string[] = [
  `CREATE TABLE rooms (
     id text PRIMARY KEY,
     created_at bigint NOT NULL,
     pinned text,
     promotion text,
     likes bigint NOT NULL DEFAULT 0,
     ended text,
     last_seq bigint NOT NULL DEFAULT 0
   );
   -- The room's log, and the outbox of the cluster's event log: written in the batch that made it.
   CREATE TABLE events (
     room_id text NOT NULL,
     seq bigint NOT NULL,
     at bigint NOT NULL,
     kind text NOT NULL,
     owner text,
     body text NOT NULL,
     PRIMARY KEY (room_id, seq)
   );
   CREATE INDEX events_by_owner ON events (room_id, owner) WHERE owner IS NOT NULL;
   CREATE TABLE comments (
     room_id text NOT NULL,
     id text NOT NULL,
     seq bigint NOT NULL,
     viewer_id text NOT NULL,
     name text NOT NULL,
     text text NOT NULL,
     at bigint NOT NULL,
     hidden integer NOT NULL DEFAULT 0,
     PRIMARY KEY (room_id, id)
   );
   CREATE INDEX comments_by_seq ON comments (room_id, seq);
   CREATE TABLE products (
     room_id text NOT NULL,
     id text NOT NULL,
     body text NOT NULL,
     stock integer CHECK (stock >= 0),
     PRIMARY KEY (room_id, id)
   );
   CREATE TABLE variants (
     room_id text NOT NULL,
     product_id text NOT NULL,
     id text NOT NULL,
     stock integer CHECK (stock >= 0),
     PRIMARY KEY (room_id, product_id, id)
   );
   CREATE TABLE orders (
     room_id text NOT NULL,
     id text NOT NULL,
     seq bigint NOT NULL,
     viewer_id text NOT NULL,
     product_id text NOT NULL,
     variant_id text,
     quantity integer NOT NULL,
     amount_minor bigint NOT NULL,
     status text NOT NULL,
     body text NOT NULL,
     PRIMARY KEY (room_id, id)
   );
   CREATE INDEX orders_waitlisted ON orders (room_id, product_id, variant_id, seq) WHERE status = 'waitlisted';
   CREATE TABLE actions (
     room_id text NOT NULL,
     seq bigint NOT NULL,
     at bigint NOT NULL,
     actor text NOT NULL,
     kind text NOT NULL,
     body text NOT NULL
   );
   CREATE TABLE receipts (
     room_id text NOT NULL,
     sender text NOT NULL,
     client_id text NOT NULL,
     ack text NOT NULL,
     PRIMARY KEY (room_id, sender, client_id)
   );
   CREATE TABLE viewers (
     room_id text NOT NULL,
     key_hash text NOT NULL,
     viewer_id text NOT NULL,
     banned integer NOT NULL DEFAULT 0,
     PRIMARY KEY (room_id, key_hash),
     UNIQUE (room_id, viewer_id)
   );`,
  // Product photos by content address, read by every node (a studio's photo sent through one node, fetched from another).
  `CREATE TABLE photos (
     room_id text NOT NULL,
     hash text NOT NULL,
     type text NOT NULL,
     bytes bytea NOT NULL,
     PRIMARY KEY (room_id, hash)
   );`,
];

/** Brings the database's room tables up to date; nodes starting together migrate one at a time. */
export async function migratePostgresRooms(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('shopcast room schema'))");
    await client.query('CREATE TABLE IF NOT EXISTS room_schema (version integer NOT NULL)');
    const found = await client.query<{ version: number }>('SELECT version FROM room_schema');
    const version = found.rows[0]?.version ?? 0;
    if (version > migrations.length) throw new Error(`The rooms' database was written by a newer Shopcast (schema ${version}); update Shopcast to open it.`);
    for (const [index, sql] of migrations.entries()) if (index >= version) await client.query(sql);
    if (found.rows.length === 0) await client.query('INSERT INTO room_schema (version) VALUES ($1)', [migrations.length]);
    else await client.query('UPDATE room_schema SET version = $1', [migrations.length]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
