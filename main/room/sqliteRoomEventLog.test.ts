import Database from 'better-sqlite3';
import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomEventLogSuite } from '../roomLog/roomEventLog.suite';
import { createAppendBell, openSqliteRoomEventLog, type AppendBell } from '../roomLog/sqliteRoomEventLog.node';
import { openRoomDatabase } from './roomDatabase.node';

// The room's event log on SQLite, over the room's own database (openRoomDatabase), here beside
// the schema it writes into. Each open() is another connection to the same file (the embedded
// log's nodes share one process, and so one bell); restart() drops the bell as a process would,
// and the suite reopens the file.

let dir = '';
let file = '';
let bell: AppendBell = createAppendBell();
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopcast-roomlog-'));
  file = path.join(dir, 'room.sqlite');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const openDatabase = () => openRoomDatabase((at) => new Database(at), file);

roomEventLogSuite('SQLite', () => ({
  batchesWhole: true,
  async open(roomId) {
    const db = openDatabase();
    const log = openSqliteRoomEventLog({ db, roomId, bell });
    return {
      ...log,
      async close() {
        await log.close();
        db.close();
      },
    };
  },
  async restart() {
    bell = createAppendBell();
  },
}));

describe('the room event log on SQLite, in the room\'s own events table', () => {
  it('reads the events the room wrote before it and appends after them', async () => {
    const db = openDatabase();
    const body = (seq: number) => JSON.stringify({ seq, at: 5, kind: 'likes', likes: seq });
    const insert = db.prepare('INSERT INTO events (room_id, seq, at, kind, owner, body) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('older', 1, 5, 'likes', null, body(1));
    insert.run('older', 2, 5, 'likes', null, body(2));
    const log = openSqliteRoomEventLog({ db, roomId: 'older', bell });
    try {
      expect(await log.lastSeq()).toBe(2);
      expect(await log.read(1, 5)).toEqual([{ seq: 2, at: 5, kind: 'likes', owner: null, body: body(2) }]);
      expect(await log.append([{ id: 'n3', at: 5, kind: 'likes', owner: null, body: JSON.stringify({ at: 5, kind: 'likes', likes: 3 }) }], 2)).toEqual({ seqs: [3] });
      expect(db.prepare('SELECT body FROM events WHERE room_id = ? AND seq = 3').pluck().get('older')).toBe(body(3));
    } finally {
      await log.close();
      db.close();
    }
  });
});
