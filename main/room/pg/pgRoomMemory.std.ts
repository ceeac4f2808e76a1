import type { StoredEventRow } from '../roomStore.std';

// What a node serving a room from PostgreSQL answers without a round trip: the room server's
// replay, a reloaded page's history and a retry's receipt are read synchronously (a replay must
// reach fanout.add with no event slipping between). The node holds the room's log as it has seen
// it: loaded when the room opens, then each batch's events once they commit, and those other nodes
// committed, read at the start of each batch. A show's log is bounded by the show, and the bounded
// replay of the cluster's event log is the way to drop it from memory.

/** What a receipt is kept under: its sender and their clientId. */
export const receiptKey = (sender: string, clientId: string) => `${sender}\u0000${clientId}`;

const VIEWER_PRIVATE = new Set(['comment', 'order', 'orderStatus']);

/** A comment event's comment id, read only when a hidden comment may be among those shown. */
const commentIdOf = (row: StoredEventRow) => (JSON.parse(row.body) as { comment?: { id: string } }).comment?.id;

/**
 * `fedBy`: 'batches' — this node's commits and its batches' catch-up feed the log in memory (one
 * process, or tests of the store); 'log' — only the room's event log does (`logged`), as a cluster
 * node's follower delivers it, so a replay, a welcome's lastSeq and the live feed are one sequence.
 */
export function createRoomMemory(initial: readonly StoredEventRow[], fedBy: 'batches' | 'log' = 'batches') {
  const log: StoredEventRow[] = [];
  const comments: StoredEventRow[] = [];
  const hidden = new Set<string>();
  const ownOrders = new Map<string, StoredEventRow[]>();
  const receipts = new Map<string, string>();

  /** Staged by the batch (kept changes) and by the running change, until COMMIT or a rollback. */
  const noneStaged = () => ({ events: [] as StoredEventRow[], receipts: new Map<string, string>() });
  let batch = noneStaged();
  let change = noneStaged();

  const add = (row: StoredEventRow) => {
    // Idempotent by seq: a follower and a batch may both know an event.
    if (log.length > 0 && (log.at(-1) as StoredEventRow).seq >= row.seq) return;
    // Held as given: a show's log is mostly comments, and parsing each one cost every node CPU
    // and garbage for a comment id only a reloaded page's history needs.
    const logged: StoredEventRow = row;
    log.push(logged);
    if (row.kind === 'comment') comments.push(logged);
    if (row.kind === 'commentHidden') {
      const { commentId } = JSON.parse(row.body) as { commentId?: string };
      if (commentId) hidden.add(commentId);
    }
    if ((row.kind === 'order' || row.kind === 'orderStatus') && row.owner !== null) {
      const list = ownOrders.get(row.owner) ?? [];
      list.push(logged);
      ownOrders.set(row.owner, list);
    }
  };
  for (const row of initial) add(row);

  /** The index of the first logged event after `seq`. */
  const firstAfter = (seq: number) => {
    let [low, high] = [0, log.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((log[middle] as StoredEventRow).seq <= seq) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  /** The kind of the event with this seq, held in the log or staged by the running batch; null when neither. */
  const eventKind = (seq: number) => {
    const event = log[firstAfter(seq - 1)];
    if (event !== undefined && event.seq === seq) return event.kind;
    return (batch.events.find((staged) => staged.seq === seq) ?? change.events.find((staged) => staged.seq === seq))?.kind ?? null;
  };
  const answer = (ack: string) => {
    const seq = (JSON.parse(ack) as { seq?: number | null }).seq;
    return { ack, eventKind: typeof seq === 'number' ? eventKind(seq) : null };
  };

  return {
    eventsSince(after: number, viewerId: string | null, limit: number): string[] {
      const found: string[] = [];
      for (let index = firstAfter(after); index < log.length && found.length < limit; index += 1) {
        const row = log[index] as StoredEventRow;
        if (viewerId === null || !VIEWER_PRIVATE.has(row.kind) || row.owner === viewerId) found.push(row.body);
      }
      return found;
    },
    arrivalHistory(viewerId: string, count: number): string[] {
      const shown: StoredEventRow[] = [];
      for (let index = comments.length - 1; index >= 0 && shown.length < count; index -= 1) {
        const row = comments[index] as StoredEventRow;
        if (hidden.size === 0 || !hidden.has(commentIdOf(row) ?? '')) shown.push(row);
      }
      return [...shown, ...(ownOrders.get(viewerId) ?? [])].sort((a, b) => a.seq - b.seq).map((row) => row.body);
    },
    /** A receipt this node committed, or null. */
    receipt(sender: string, clientId: string): { ack: string; eventKind: string | null } | null {
      const ack = receipts.get(receiptKey(sender, clientId));
      return ack === undefined ? null : answer(ack);
    },
    /** A receipt the running batch wrote (its running change included), or null. */
    stagedReceipt(sender: string, clientId: string): { ack: string; eventKind: string | null } | null {
      const key = receiptKey(sender, clientId);
      const ack = change.receipts.get(key) ?? batch.receipts.get(key);
      return ack === undefined ? null : answer(ack);
    },

    /** Events other nodes committed, read at the start of a batch. */
    committed(rows: readonly StoredEventRow[]) {
      if (fedBy === 'batches') for (const row of rows) add(row);
    },
    /** An event as the room's log delivered it (fedBy 'log'). */
    logged(row: StoredEventRow) {
      add(row);
    },
    /** The newest seq held. */
    lastSeq: () => log.at(-1)?.seq ?? 0,
    stageEvent(row: StoredEventRow) {
      change.events.push(row);
    },
    stageReceipt(sender: string, clientId: string, ack: string) {
      change.receipts.set(receiptKey(sender, clientId), ack);
    },
    keepChange() {
      batch.events.push(...change.events);
      for (const [key, ack] of change.receipts) batch.receipts.set(key, ack);
      change = noneStaged();
    },
    dropChange() {
      change = noneStaged();
    },
    commit() {
      if (fedBy === 'batches') for (const row of batch.events) add(row);
      for (const [key, ack] of batch.receipts) receipts.set(key, ack);
      batch = noneStaged();
    },
    dropBatch() {
      batch = noneStaged();
      change = noneStaged();
    },
  };
}
