import { afterEach, describe, expect, it } from 'vitest';
import { isStaleAppend, StaleAppendError, type LogEntry, type LoggedEvent, type RoomEventLog } from './roomEventLog.std';

// One suite for every engine behind RoomEventLog (issue 14): each back end's test file runs it
// against the real engine (SQLite on a file, JetStream on a nats-server the test starts).

export interface RoomEventLogBackend {
  /** The room's log on a connection of its own: each call is another node. Its close() closes that connection too. */
  open(roomId: string): Promise<RoomEventLog>;
  /** The engine goes down the hard way and comes back on the same data; the suite has closed every log first. */
  restart(): Promise<void>;
  /**
   * Whether a batch always lands whole, its seqs consecutive. SQLite: one transaction. JetStream
   * (nats-server 2.9, no atomic batch): another writer may get in after the batch's first entries,
   * which the append then refuses as stale with what it wrote; a retry lands the rest after.
   */
  readonly batchesWhole: boolean;
}

let rooms = 0;
const newRoomId = () => `room-${process.pid}-${++rooms}`;

export function entry(id: string, owner: string | null = null, kind = 'comment'): LogEntry {
  const at = 1_700_000_000_000 + Number(/\d+$/.exec(id)?.[0] ?? 0);
  return { id, at, kind, owner, body: JSON.stringify({ at, kind, comment: { id, text: `text of ${id}` } }) };
}

const seqsOf = (events: readonly LoggedEvent[]) => events.map((event) => event.seq);
const idOf = (event: LoggedEvent) => (JSON.parse(event.body) as { comment: { id: string } }).comment.id;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** What a follower was given, and a promise for "at least n events" (a timeout, not a sleep). */
export function collector() {
  const events: LoggedEvent[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    events,
    onEvent(event: LoggedEvent) {
      events.push(event);
      for (const waiter of waiters.filter((w) => events.length >= w.n)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    until(n: number, ms = 15_000): Promise<void> {
      if (events.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the follower got ${events.length} events, not ${n}, within ${ms} ms`)), ms);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

/** An append that reads the last seq again and retries whenever another writer got in first. */
async function appendWithRetry(log: RoomEventLog, entries: readonly LogEntry[]): Promise<number[]> {
  for (;;) {
    try {
      return (await log.append(entries, await log.lastSeq())).seqs;
    } catch (error) {
      if (!isStaleAppend(error)) throw error;
    }
  }
}

async function refusal(append: Promise<unknown>): Promise<StaleAppendError> {
  const error = await append.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!isStaleAppend(error)) throw new Error(`expected a StaleAppendError, got ${String(error)}`);
  return error;
}

export function roomEventLogSuite(engine: string, backend: () => RoomEventLogBackend): void {
  describe(`the room event log on ${engine}`, () => {
    const opened: RoomEventLog[] = [];
    const open = async (roomId: string) => {
      const log = await backend().open(roomId);
      opened.push(log);
      return log;
    };
    const closeAll = () => Promise.all(opened.splice(0).map((log) => log.close()));
    afterEach(closeAll);

    it('numbers a room\'s events 1, 2, 3… and hands them back with seq first, kind, owner and time', async () => {
      const log = await open(newRoomId());
      expect(await log.lastSeq()).toBe(0);
      expect(await log.append([entry('a1', 'viewer-1'), entry('a2'), entry('a3', 'viewer-2', 'order')], 0)).toEqual({ seqs: [1, 2, 3] });
      expect(await log.append([entry('a4'), entry('a5')], 3)).toEqual({ seqs: [4, 5] });
      expect(await log.append([], 5)).toEqual({ seqs: [] });
      expect(await log.lastSeq()).toBe(5);

      const events = await log.read(0, 100);
      expect(seqsOf(events)).toEqual([1, 2, 3, 4, 5]);
      expect(events[0]).toEqual({ seq: 1, at: entry('a1').at, kind: 'comment', owner: 'viewer-1', body: `{"seq":1,${entry('a1').body.slice(1)}` });
      expect(events[2]).toMatchObject({ seq: 3, kind: 'order', owner: 'viewer-2' });
      expect(events[1]?.owner).toBeNull();
      expect(JSON.parse(events[4]?.body ?? '')).toEqual({ seq: 5, ...(JSON.parse(entry('a5').body) as object) });

      // Another room's log is its own: its seqs start at 1.
      const other = await open(newRoomId());
      expect(await other.append([entry('b1')], 0)).toEqual({ seqs: [1] });
    });

    it('refuses an append against a stale last seq, from this node or another, and lands nothing of it', async () => {
      const roomId = newRoomId();
      const [a, b] = [await open(roomId), await open(roomId)];
      await a.append([entry('a1')], 0);
      const seenByBoth = await b.lastSeq();
      expect(seenByBoth).toBe(1);

      expect(await a.append([entry('a2'), entry('a3')], seenByBoth)).toEqual({ seqs: [2, 3] });
      const stale = await refusal(b.append([entry('b1'), entry('b2')], seenByBoth));
      expect(stale).toMatchObject({ expectedLastSeq: 1, lastSeq: 3, written: [] });
      await refusal(a.append([entry('a9')], 0));
      await refusal(a.append([entry('a9')], 7));

      expect((await b.read(0, 10)).map(idOf)).toEqual(['a1', 'a2', 'a3']);
      expect(await b.append([entry('b1'), entry('b2')], stale.lastSeq ?? -1)).toEqual({ seqs: [4, 5] });
    });

    it('two nodes appending 200 batches each as fast as they can: every seq once, no gap, each batch in order (and whole where the engine can)', async () => {
      const roomId = newRoomId();
      const [a, b] = [await open(roomId), await open(roomId)];
      const write = async (log: RoomEventLog, writer: string) => {
        const batches: number[][] = [];
        for (let n = 0; n < 200; n++) batches.push(await appendWithRetry(log, [entry(`${writer}-${2 * n}`), entry(`${writer}-${2 * n + 1}`)]));
        return batches;
      };
      const [fromA, fromB] = await Promise.all([write(a, 'a'), write(b, 'b')]);

      const events = await a.read(0, 1000);
      expect(seqsOf(events)).toEqual(range(1, 800));
      expect(await b.lastSeq()).toBe(800);
      const ids = events.map(idOf);
      expect(new Set(ids).size).toBe(800);
      for (const writer of ['a', 'b']) {
        expect(ids.filter((id) => id.startsWith(`${writer}-`))).toEqual(range(0, 399).map((n) => `${writer}-${n}`));
      }
      for (const [seq1 = 0, seq2 = 0] of [...fromA, ...fromB]) {
        if (backend().batchesWhole) expect(seq2).toBe(seq1 + 1);
        else expect(seq2).toBeGreaterThan(seq1);
      }
      // Both writers really raced: neither wrote all of its batches before the other began.
      const firstOf = (batches: number[][]) => batches[0]?.[0] ?? 0;
      const lastOf = (batches: number[][]) => batches.at(-1)?.[1] ?? 0;
      expect(firstOf(fromA) < lastOf(fromB) && firstOf(fromB) < lastOf(fromA)).toBe(true);
    });

    it('appends an id once: a re-append answers its first seq, on any node, whatever the expected seq', async () => {
      const roomId = newRoomId();
      const [a, b] = [await open(roomId), await open(roomId)];
      expect(await a.append([entry('x1'), entry('x2')], 0)).toEqual({ seqs: [1, 2] });
      expect(await a.append([entry('x1'), entry('x2')], 0)).toEqual({ seqs: [1, 2] });
      expect(await b.append([entry('x1')], 2)).toEqual({ seqs: [1] });
      expect(await b.append([entry('x2'), entry('x3')], 2)).toEqual({ seqs: [2, 3] });
      expect(await a.append([entry('x1'), entry('x3'), entry('x4')], 3)).toEqual({ seqs: [1, 3, 4] });

      // A logged id before a new one against a stale seq: the logged one answers, the new one is refused.
      const stale = await refusal(b.append([entry('x2'), entry('x5')], 1));
      expect(stale).toMatchObject({ expectedLastSeq: 1, lastSeq: 4, written: [2] });
      expect(await b.append([entry('x2'), entry('x5')], 4)).toEqual({ seqs: [2, 5] });
      expect((await a.read(0, 10)).map(idOf)).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
    });

    it('reads any window of the log', async () => {
      const log = await open(newRoomId());
      await log.append(range(1, 10).map((n) => entry(`w${n}`)), 0);
      expect(seqsOf(await log.read(0, 3))).toEqual([1, 2, 3]);
      expect(seqsOf(await log.read(3, 3))).toEqual([4, 5, 6]);
      expect(seqsOf(await log.read(7, 100))).toEqual([8, 9, 10]);
      expect(seqsOf(await log.read(9, 5))).toEqual([10]);
      expect(await log.read(10, 5)).toEqual([]);
      expect(await log.read(20, 5)).toEqual([]);
      expect((await log.read(4, 1))[0]?.body).toBe(`{"seq":5,${entry('w5').body.slice(1)}`);
    });

    it('follows from the middle: the backlog once, in order, then live events, and nothing once stopped', async () => {
      const log = await open(newRoomId());
      await log.append(range(1, 5).map((n) => entry(`f${n}`)), 0);
      const seen = collector();
      const following = await log.follow(2, seen.onEvent);
      await seen.until(3);
      expect(seqsOf(seen.events)).toEqual([3, 4, 5]);

      await log.append([entry('f6')], 5);
      await log.append([entry('f7'), entry('f8')], 6);
      await seen.until(6);
      expect(seqsOf(seen.events)).toEqual([3, 4, 5, 6, 7, 8]);
      expect(seen.events).toEqual(await log.read(2, 100));

      await following.stop();
      await log.append([entry('f9')], 8);
      const later = collector();
      const witness = await log.follow(8, later.onEvent);
      await later.until(1);
      await witness.stop();
      expect(seqsOf(seen.events)).toEqual([3, 4, 5, 6, 7, 8]);
    });

    it('a follower on another node sees both nodes\' events in the same order as the writer\'s own', async () => {
      const roomId = newRoomId();
      const [a, b] = [await open(roomId), await open(roomId)];
      const [onA, onB] = [collector(), collector()];
      const followA = await a.follow(0, onA.onEvent);
      const followB = await b.follow(0, onB.onEvent);
      await Promise.all([
        (async () => {
          for (let n = 0; n < 50; n++) await appendWithRetry(a, [entry(`a-${n}`)]);
        })(),
        (async () => {
          for (let n = 0; n < 50; n++) await appendWithRetry(b, [entry(`b-${n}`)]);
        })(),
      ]);
      await Promise.all([onA.until(100), onB.until(100)]);
      expect(seqsOf(onA.events)).toEqual(range(1, 100));
      expect(onB.events).toEqual(onA.events);
      expect(onA.events).toEqual(await b.read(0, 1000));
      await Promise.all([followA.stop(), followB.stop()]);
    });

    it('keeps every event, and its ids, across the engine going down hard', async () => {
      const roomId = newRoomId();
      const before = await open(roomId);
      await before.append(range(1, 20).map((n) => entry(`d${n}`, n % 2 ? `viewer-${n}` : null)), 0);
      const logged = await before.read(0, 100);
      await closeAll();

      await backend().restart();
      const after = await open(roomId);
      expect(await after.lastSeq()).toBe(20);
      expect(await after.read(0, 100)).toEqual(logged);
      expect(await after.append([entry('d7'), entry('d21')], 20)).toEqual({ seqs: [7, 21] });
      await refusal(after.append([entry('d22')], 20));
    });
  });
}
