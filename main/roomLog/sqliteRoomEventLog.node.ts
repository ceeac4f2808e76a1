import type BetterSqlite3 from 'better-sqlite3';
import { StaleAppendError, withSeq, type Following, type LogEntry, type LoggedEvent, type RoomEventLog } from './roomEventLog.std';

// The embedded default: a room's log in the room server's own SQLite file, in the `events` table
// the room has always written (main/room/roomDatabase.node.ts), body stored with its seq as
// before, so rows written before the log and rows written through it read alike. One node: the
// conditional append holds across connections to the file (an IMMEDIATE transaction takes the
// write lock before reading the last seq), and followers hear appends through an in-process bell.

const READ_CHUNK = 1000;

/** Rings a room's followers after an append commits: shared by every log over one file in a process. */
export interface AppendBell {
  ring(roomId: string): void;
  listen(roomId: string, wake: () => void): () => void;
}

export function createAppendBell(): AppendBell {
  const listeners = new Map<string, Set<() => void>>();
  return {
    ring(roomId) {
      for (const wake of listeners.get(roomId) ?? []) wake();
    },
    listen(roomId, wake) {
      const room = listeners.get(roomId) ?? new Set();
      listeners.set(roomId, room);
      room.add(wake);
      return () => {
        room.delete(wake);
        if (room.size === 0) listeners.delete(roomId);
      };
    },
  };
}

interface EventRow {
  seq: number;
  at: number;
  kind: string;
  owner: string | null;
  body: string;
}

export interface SqliteRoomEventLogOptions {
  db: BetterSqlite3.Database;
  roomId: string;
  bell: AppendBell;
}

export function openSqliteRoomEventLog({ db, roomId, bell }: SqliteRoomEventLogOptions): RoomEventLog {
  // Which idempotency key was logged at which seq. The events table has no column for it and
  // belongs to the room's schema; this moves into its migrations when the room writes through
  // the log. Kept forever: SQLite's dedupe has no window.
  db.exec(`CREATE TABLE IF NOT EXISTS event_ids (
     room_id TEXT NOT NULL,
     id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     PRIMARY KEY (room_id, id)
   ) WITHOUT ROWID`);
  const q = {
    lastSeq: db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events WHERE room_id = ?'),
    loggedId: db.prepare<[string, string], { seq: number }>('SELECT seq FROM event_ids WHERE room_id = ? AND id = ?'),
    insertEvent: db.prepare<[string, number, number, string, string | null, string]>(
      'INSERT INTO events (room_id, seq, at, kind, owner, body) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertId: db.prepare<[string, string, number]>('INSERT INTO event_ids (room_id, id, seq) VALUES (?, ?, ?)'),
    read: db.prepare<[string, number, number], EventRow>(
      'SELECT seq, at, kind, owner, body FROM events WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
  };
  const lastSeq = () => q.lastSeq.get(roomId)?.seq ?? 0;

  const appendAll = db.transaction((entries: readonly LogEntry[], expectedLastSeq: number) => {
    let last = lastSeq();
    const seqs: number[] = [];
    for (const entry of entries) {
      const logged = q.loggedId.get(roomId, entry.id);
      if (logged) {
        seqs.push(logged.seq);
        continue;
      }
      // Only the first new entry can meet another writer's: the transaction holds the lock after.
      if (last !== expectedLastSeq) throw new StaleAppendError(expectedLastSeq, last, seqs);
      const seq = last + 1;
      q.insertEvent.run(roomId, seq, entry.at, entry.kind, entry.owner, withSeq(seq, entry.body));
      q.insertId.run(roomId, entry.id, seq);
      last = expectedLastSeq = seq;
      seqs.push(seq);
    }
    return seqs;
  });

  const stops = new Set<() => void>();

  return {
    roomId,
    lastSeq: async () => lastSeq(),
    async append(entries, expectedLastSeq) {
      const seqs = appendAll.immediate(entries, expectedLastSeq);
      // A batch of already logged ids wakes followers for nothing: they read no new row.
      if (seqs.length > 0) bell.ring(roomId);
      return { seqs };
    },
    read: async (afterSeq, limit) => q.read.all(roomId, afterSeq, limit),
    async follow(afterSeq, onEvent): Promise<Following> {
      let cursor = afterSeq;
      let stopped = false;
      let scheduled = false;
      // A chunk per turn, so a long backlog does not hold the room's event loop.
      const drain = () => {
        scheduled = false;
        if (stopped) return;
        const rows = q.read.all(roomId, cursor, READ_CHUNK);
        for (const row of rows) {
          if (stopped) return;
          cursor = row.seq;
          onEvent(row satisfies LoggedEvent);
        }
        if (rows.length === READ_CHUNK) wake();
      };
      const wake = () => {
        if (scheduled || stopped) return;
        scheduled = true;
        setImmediate(drain);
      };
      const unlisten = bell.listen(roomId, wake);
      const stop = () => {
        stopped = true;
        unlisten();
        stops.delete(stop);
      };
      stops.add(stop);
      wake();
      return { stop: async () => stop() };
    },
    async close() {
      for (const stop of [...stops]) stop();
    },
  };
}
