import { connect, type NatsConnection } from 'nats';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsServer, type NatsServer } from '../../testing/natsServer.node';
import { startPostgresServer, type PostgresServer } from '../../testing/postgresServer.node';
import { createLogger } from '../log/logger.std';
import { openJetStreamRoomEventLog } from '../roomLog/jetStreamRoomEventLog.node';
import { createLogRelay } from './logRelay.node';
import { ROOM_COMMITS } from './roomCommits.std';

// The outbox relay on a real PostgreSQL and a real nats-server (issue 14): rows a node committed
// and never published (it died in between) reach the log by another node's sweep alone, at their
// own seq; two nodes relaying the same rows at once leave each seq in the log once; one node
// relays a room at a time, others' commits reaching it by NOTIFY, and another takes over when
// its session dies.

let nats: NatsServer;
let postgres: PostgresServer;
let pool: pg.Pool;
let nc: NatsConnection;
const log = createLogger(() => {});

beforeAll(async () => {
  [nats, postgres] = await Promise.all([startNatsServer(), startPostgresServer()]);
  pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
  pool.on('error', () => {});
  // The outbox as the room's schema has it (main/room/pg/pgRoomSchema.node.ts).
  await pool.query('CREATE TABLE events (room_id text NOT NULL, seq bigint NOT NULL, at bigint NOT NULL, kind text NOT NULL, owner text, body text NOT NULL, PRIMARY KEY (room_id, seq))');
  nc = await connect({ servers: nats.url });
}, 60_000);

afterAll(async () => {
  await nc?.close();
  await pool?.end();
  await Promise.all([nats?.dispose(), postgres?.stop()]);
});

/** Commits `count` comment events of a room to the outbox, as a batch would, from `from` + 1 on. */
async function committed(roomId: string, from: number, count: number) {
  for (let seq = from + 1; seq <= from + count; seq += 1) {
    const body = JSON.stringify({ seq, at: 1000 + seq, kind: 'comment', comment: { id: `c${seq}`, viewerId: 'v-1', name: 'Ana', text: `#${seq}`, at: 1000 + seq } });
    await pool.query('INSERT INTO events (room_id, seq, at, kind, owner, body) VALUES ($1, $2, $3, $4, $5, $6)', [roomId, seq, 1000 + seq, 'comment', 'v-1', body]);
  }
}

/** What a batch's commit sends with it (pgBatchRows.std.ts): the relaying node hears of rows another node committed. */
const notifyCommit = (roomId: string) => pool.query('SELECT pg_notify($1, $2)', [ROOM_COMMITS, roomId]);

/** Resolves once the log holds `seq`. */
async function logReaches(eventLog: { follow: (after: number, onEvent: (event: { seq: number }) => void) => Promise<{ stop(): Promise<void> }> }, seq: number) {
  let reached = () => {};
  const done = new Promise<void>((resolve) => (reached = resolve));
  const following = await eventLog.follow(0, (event) => {
    if (event.seq === seq) reached();
  });
  await done;
  await following.stop();
}

const bodies = async (roomId: string) => (await pool.query<{ body: string }>('SELECT body FROM events WHERE room_id = $1 ORDER BY seq', [roomId])).rows.map((row) => row.body);

describe('the relay of a room’s outbox to its event log', () => {
  it('relays, by its sweep alone, what a node committed and died before publishing, each at its seq, byte for byte', { timeout: 10_000 }, async () => {
    await committed('swept', 0, 30);
    const eventLog = await openJetStreamRoomEventLog({ nc, roomId: 'swept' });
    const relay = createLogRelay({ pool, roomId: 'swept', eventLog, log });
    try {
      // Nothing calls `committed` or `relay`: only the sweep runs.
      const seen: string[] = [];
      let allThirty = () => {};
      const arrived = new Promise<void>((resolve) => (allThirty = resolve));
      const following = await eventLog.follow(0, (event) => {
        if (seen.push(event.body) === 30) allThirty();
      });
      await arrived;
      await following.stop();
      expect(seen).toEqual(await bodies('swept'));
    } finally {
      await relay.close();
      await eventLog.close();
    }
  });

  it('leaves each seq once in the log when two nodes relay the same rows together', async () => {
    const [logA, logB] = await Promise.all([openJetStreamRoomEventLog({ nc, roomId: 'raced' }), openJetStreamRoomEventLog({ nc, roomId: 'raced' })]);
    const [a, b] = [createLogRelay({ pool, roomId: 'raced', eventLog: logA, log }), createLogRelay({ pool, roomId: 'raced', eventLog: logB, log })];
    try {
      for (let round = 0; round < 10; round += 1) {
        await committed('raced', round * 20, 20);
        await Promise.all([a.relay(), b.relay(), a.relay(), b.relay()]);
      }
      expect(await logA.lastSeq()).toBe(200);
      expect((await logA.read(0, 1000)).map((event) => event.body)).toEqual(await bodies('raced'));
    } finally {
      await Promise.all([a.close(), b.close()]);
      await Promise.all([logA.close(), logB.close()]);
    }
  });

  it('relays from one node at a time: another node’s commit reaches the log by its NOTIFY, and a node takes over when the relaying one’s session dies', { timeout: 20_000 }, async () => {
    const [logA, logB] = await Promise.all([openJetStreamRoomEventLog({ nc, roomId: 'held' }), openJetStreamRoomEventLog({ nc, roomId: 'held' })]);
    // A's sweep never runs in this test: only a NOTIFY can make it relay B's rows. B sweeps often, to take over.
    const a = createLogRelay({ pool, roomId: 'held', eventLog: logA, log, sweepMs: 600_000 });
    const b = createLogRelay({ pool, roomId: 'held', eventLog: logB, log, sweepMs: 100 });
    try {
      await a.relay();
      const holders = () => pool.query<{ pid: number }>("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted");
      const [held] = (await holders()).rows;
      expect((await holders()).rows).toHaveLength(1);

      // B commits: its own relay does nothing (it does not hold the room); A relays on the NOTIFY.
      await committed('held', 0, 20);
      await b.relay();
      expect(await logA.lastSeq()).toBe(0);
      await notifyCommit('held');
      await logReaches(logA, 20);

      // A's connection dies (the node with it): its lock goes, and B's sweep takes the room over.
      await pool.query('SELECT pg_terminate_backend($1)', [held?.pid]);
      await committed('held', 20, 20);
      await logReaches(logB, 40);
      expect((await logB.read(0, 100)).map((event) => event.body)).toEqual(await bodies('held'));
      expect((await holders()).rows.map((row) => row.pid)).not.toContain(held?.pid);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await Promise.all([logA.close(), logB.close()]);
    }
  });
});
