import type { Pool, PoolClient } from 'pg';
import type { Logger } from '../log/logger.std';
import { ROOM_COMMITS } from './roomCommits.std';
import { isStaleAppend, withoutSeq, type LogEntry, type RoomEventLog } from '../roomLog/roomEventLog.std';

// A cluster node's relay of a room's committed events from PostgreSQL to its JetStream log
// (issue 14). A batch writes its events to the `events` table (the outbox) in its transaction;
// once it commits, they are appended to the log so that the log's seq is the room's seq: each
// entry's id is its seq and it is appended at exactly seq - 1. Whatever the log lacks is relayed
// in order from the outbox, an earlier seq another node committed included, so any node may relay
// any seq; two nodes relaying the same rows at once are refused by the log's id and expected-seq
// checks, not duplicated. A sweep relays what a node that died between its commit and its
// publish left behind.
//
// One node relays a room at a time: the holder of a PostgreSQL advisory lock on it, on a
// connection of its own. Two relays of the same rows only cost work, but under load every node
// was relaying nearly every row (each commit starts a relay on its node), which halved what the
// log took in (issue 14's scale bench). The holder relays on its own commits, on every other
// node's (each batch sends a NOTIFY on `ROOM_COMMITS` with its commit; the holder LISTENs) and on
// its sweep. A holder that dies loses its session and with it the lock: another node's next sweep
// takes it and relays what was left.

const SWEEP_MS = 1000;
const ROWS_PER_APPEND = 5000;

export interface LogRelay {
  /** A batch of this node committed up to `seq`: relay now. */
  committed(seq: number): void;
  /** When this node holds the room's relay (taking it if free): relays every outbox row past the log's last seq; resolves once the log has them. */
  relay(): Promise<void>;
  close(): Promise<void>;
}

export function createLogRelay(deps: { pool: Pool; roomId: string; eventLog: RoomEventLog; log: Logger; sweepMs?: number }): LogRelay {
  const { pool, roomId, eventLog, log } = deps;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  /** The connection holding the room's advisory lock, while this node relays the room. */
  let holder: PoolClient | null = null;
  let leading: Promise<boolean> | null = null;
  /** Where the log was after this node's last relay: asked of the log only at first, after a refusal and after holding the room again. */
  let relayedTo: number | null = null;

  const letGo = (client: PoolClient, error?: Error) => {
    if (holder === client) {
      holder = null;
      relayedTo = null;
    }
    client.release(error ?? true);
  };
  const lead = async (): Promise<boolean> => {
    if (holder || closed) return holder !== null;
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext('shopcast-relay:' || $1)) AS locked", [roomId]);
      if (!rows[0]?.locked || closed) {
        client.release();
        return false;
      }
      holder = client;
      client.on('notification', (message) => {
        if (message.payload === roomId) void relay();
      });
      // A lost connection is a lost lock: another node's sweep takes the room.
      client.on('error', (error) => letGo(client, error));
      await client.query(`LISTEN ${ROOM_COMMITS}`);
      log.info('relaying the room to its event log from this node', { roomId });
      return true;
    } catch (error) {
      letGo(client, error as Error);
      throw error;
    }
  };
  /** One attempt at a time; an unreachable database is the next sweep's to try again. */
  const leads = () => {
    leading ??= lead()
      .catch((error: unknown) => {
        log.warn('could not ask PostgreSQL who relays the room', { roomId, error: (error as Error).message });
        return false;
      })
      .finally(() => (leading = null));
    return leading;
  };

  const relayOnce = async () => {
    let logged = relayedTo ?? (await eventLog.lastSeq());
    for (;;) {
      const { rows } = await pool.query<{ seq: number; at: number; kind: string; owner: string | null; body: string }>(
        'SELECT seq::float8 AS seq, at::float8 AS at, kind, owner, body FROM events WHERE room_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [roomId, logged, ROWS_PER_APPEND],
      );
      const first = rows[0];
      if (!first) return;
      // The log holds every seq before the outbox's next: one it skipped would be a gap for every viewer.
      if (first.seq !== logged + 1) throw new Error(`room ${roomId}: the event log is at seq ${logged} but the database's next event is ${first.seq}`);
      const entries: LogEntry[] = rows.map((row) => ({ id: String(row.seq), at: row.at, kind: row.kind, owner: row.owner, body: withoutSeq(row.body) }));
      try {
        const { seqs } = await eventLog.append(entries, logged);
        const mismatch = seqs.findIndex((seq, index) => seq !== rows[index]?.seq);
        if (mismatch >= 0) throw new Error(`room ${roomId}: the event log put seq ${rows[mismatch]?.seq} at ${seqs[mismatch]} (a log left from another database?)`);
        logged = seqs.at(-1) ?? logged;
        relayedTo = logged;
      } catch (error) {
        relayedTo = null;
        // Another node relayed first: go on from where the log is now.
        if (!isStaleAppend(error)) throw error;
        logged = error.lastSeq ?? (await eventLog.lastSeq());
      }
    }
  };

  /** One relay at a time per room on this node; a request during one runs it once more after. */
  const relay = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = leads()
      .then((holds) => (holds ? relayOnce() : undefined))
      .catch((error: unknown) => log.error('relaying the room to its event log failed; the sweep tries again', { roomId, error }))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void relay();
        }
      });
    return running;
  };

  const sweep = setInterval(() => void relay(), deps.sweepMs ?? SWEEP_MS);
  return {
    committed: () => void relay(),
    relay,
    async close() {
      closed = true;
      clearInterval(sweep);
      await leading;
      await running;
      // The lock goes with the session: a connection back in the pool would keep it.
      if (holder) letGo(holder);
    },
  };
}
