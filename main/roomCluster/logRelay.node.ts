import type { Pool } from 'pg';
import type { Logger } from '../log/logger.std';
import { isStaleAppend, withoutSeq, type LogEntry, type RoomEventLog } from '../roomLog/roomEventLog.std';

// A cluster node's relay of a room's committed events from PostgreSQL to its JetStream log
// (issue 14). A batch writes its events to the `events` table (the outbox) in its transaction;
// once it commits, they are appended to the log so that the log's seq is the room's seq: each
// entry's id is its seq and it is appended at exactly seq - 1. Whatever the log lacks is relayed
// in order from the outbox, an earlier seq another node committed included, so any node may relay
// any seq; two nodes relaying the same rows at once are refused by the log's id and expected-seq
// checks, not duplicated. A sweep relays what a node that died between its commit and its
// publish left behind.

const SWEEP_MS = 1000;
const ROWS_PER_APPEND = 500;

export interface LogRelay {
  /** A batch of this node committed up to `seq`: relay now. */
  committed(seq: number): void;
  /** Relays every outbox row past the log's last seq; resolves once the log has them. */
  relay(): Promise<void>;
  close(): Promise<void>;
}

export function createLogRelay(deps: { pool: Pool; roomId: string; eventLog: RoomEventLog; log: Logger }): LogRelay {
  const { pool, roomId, eventLog, log } = deps;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const relayOnce = async () => {
    let logged = await eventLog.lastSeq();
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
      } catch (error) {
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
    running = relayOnce()
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

  const sweep = setInterval(() => void relay(), SWEEP_MS);
  return {
    committed: () => void relay(),
    relay,
    async close() {
      closed = true;
      clearInterval(sweep);
      await running;
    },
  };
}
