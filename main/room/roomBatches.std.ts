import type { AckFrame, RoomEvent, RoomEventBody } from '../../contract/room/roomEvents.std';
import type { Logger } from '../log/logger.std';
import type { ReceiptKey, RoomRow, RoomStore } from './roomStore.std';

// A room's group commit. Changes queued within a turn run in one transaction of the room's store,
// each in its own savepoint (a change that throws takes back only itself), one batch in flight at
// a time; the batch's events are handed on, then its acks answered, only after the commit: nothing
// acknowledged is ever lost. The batch numbers the events it writes from the room's last seq.

/** An event as stored and fanned out: its JSON is built once, for the database and every socket. */
export interface StoredEvent {
  event: RoomEvent;
  json: string;
  /** The viewer the event is about (comment author, buyer), or null. */
  owner: string | null;
}

export interface RoomBatchesDeps {
  store: RoomStore;
  now: () => number;
  log: Logger;
  /** Called after each committed event, in seq order. */
  onEvent: (stored: StoredEvent) => void;
  /** Runs the batch once the messages read together have been queued (setImmediate). */
  defer: (run: () => void) => void;
  /** Another writer committed since this room's last batch: its row as it is now, and those events. */
  catchUp: (row: RoomRow, missed: readonly RoomEvent[]) => void;
}

export interface RoomBatches {
  lastSeq(): number;
  /** Inside a change: writes the event with the next seq, handed on once the batch commits. */
  append(body: RoomEventBody, owner: string | null): Promise<RoomEvent>;
  /** Queues a change for the next batch; settles once that batch has committed. `message`: the receipt the change checks. */
  commit(change: () => Promise<AckFrame | null>, message?: ReceiptKey): Promise<AckFrame | null>;
}

interface Queued {
  change: () => Promise<AckFrame | null>;
  message: ReceiptKey | undefined;
  resolve: (ack: AckFrame | null) => void;
  reject: (error: unknown) => void;
}

export function createRoomBatches(deps: RoomBatchesDeps): RoomBatches {
  const { store, now, log } = deps;
  let seq = store.opened.lastSeq;
  /** Events of the running transaction, handed to listeners only once it commits. */
  let staged: StoredEvent[] = [];
  let queue: Queued[] = [];
  /** One batch at a time: the next is scheduled only once the running one has settled. */
  let batchScheduled = false;

  const append = async (body: RoomEventBody, owner: string | null): Promise<RoomEvent> => {
    const event = { seq: seq + 1, at: now(), ...body } as RoomEvent;
    const json = JSON.stringify(event);
    await store.insertEvent(event.seq, event.at, body.kind, owner, json);
    seq = event.seq;
    staged.push({ event, json, owner });
    return event;
  };

  /** Commits every queued change in one transaction; events go out, then acks, only after it. */
  const commitQueued = async () => {
    const items = queue;
    queue = [];
    let seqBefore = seq;
    staged = [];
    let missed: StoredEvent[] = [];
    const outcomes: ({ ok: true; ack: AckFrame | null } | { ok: false; error: unknown })[] = [];
    try {
      const start = await store.begin(seq, items.flatMap((item) => (item.message ? [item.message] : [])));
      if (start) {
        missed = start.missed.map((found) => ({ event: JSON.parse(found.body) as RoomEvent, json: found.body, owner: found.owner }));
        deps.catchUp(start.row, missed.map((stored) => stored.event));
        seq = Math.max(seq, start.row.lastSeq);
        seqBefore = seq;
      }
      for (const item of items) {
        const itemSeq = seq;
        const itemStaged = staged.length;
        await store.savepoint();
        try {
          const ack = await item.change();
          await store.release();
          outcomes.push({ ok: true, ack });
        } catch (error) {
          seq = itemSeq;
          staged.length = itemStaged;
          await store.rollbackToSavepoint();
          outcomes.push({ ok: false, error });
        }
      }
      await store.commit(seq);
    } catch (error) {
      seq = seqBefore;
      staged = [];
      await Promise.resolve(store.rollback()).catch((rollbackError: unknown) => log.error('room rollback failed', { error: rollbackError }));
      log.error('room commit failed', { error });
      // Committed by another writer all the same: this node's sockets still hear them.
      for (const stored of missed) deps.onEvent(stored);
      for (const item of items) item.reject(error);
      return;
    }
    const done = staged;
    staged = [];
    // Other writers' events first: every socket hears the room in seq order.
    for (const stored of missed) deps.onEvent(stored);
    for (const stored of done) deps.onEvent(stored);
    items.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) item.resolve(outcome.ack);
      else item.reject(outcome?.error);
    });
  };

  const runBatch = () => {
    void commitQueued().finally(() => {
      if (queue.length > 0) deps.defer(runBatch);
      else batchScheduled = false;
    });
  };

  return {
    lastSeq: () => seq,
    append,
    commit: (change, message) =>
      new Promise((resolve, reject) => {
        queue.push({ change, message, resolve, reject });
        if (batchScheduled) return;
        batchScheduled = true;
        deps.defer(runBatch);
      }),
  };
}
