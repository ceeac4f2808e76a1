import type { OrderRow } from '../roomStore.std';
import { ROOM_COMMITS } from '../../roomCluster/roomCommits.std';

// The rows a PostgreSQL batch writes, held until the batch must talk to the database anyway and
// then written in one statement: a data-modifying CTE of one `INSERT … SELECT FROM
// json_array_elements(…)` per table, whatever the number of rows. A batch of comments then costs a
// fixed few round trips (issue 14's scale bench: one INSERT per row, inside the room row's lock,
// capped the room at ~1,000 events/s whatever the number of nodes). Each table's rows go as one
// JSON text: JSON.stringify is native, where node-postgres escapes an array parameter element by
// element in JavaScript (30–80 ms for a batch of 2,500 comments, against 6–10 ms).

interface Table<Row extends unknown[]> {
  /** `INSERT INTO t (room_id, …)`. */
  readonly head: string;
  /** The columns with their types, in the order of the INSERT's and of a row's values. */
  readonly columns: readonly (readonly [name: string, type: string])[];
  readonly tail?: string;
  readonly rows: Row[];
}

type EventRow = [seq: number, at: number, kind: string, owner: string | null, body: string];
type ReceiptRow = [sender: string, clientId: string, ack: string];
type CommentRow = [id: string, seq: number, viewerId: string, name: string, text: string, at: number];
type OrderRowValues = [id: string, seq: number, viewerId: string, productId: string, variantId: string | null, quantity: number, amountMinor: number, status: string, body: string];
type ActionRow = [seq: number, at: number, actor: string, kind: string, body: string];
type ViewerRow = [keyHash: string, viewerId: string];

const table = <Row extends unknown[]>(name: string, columns: string, tail?: string): Table<Row> => {
  const typed = columns.split(', ').map((column) => column.split(' ') as [string, string]);
  return { head: `INSERT INTO ${name} (room_id, ${typed.map(([column]) => column).join(', ')})`, columns: typed, ...(tail ? { tail } : {}), rows: [] };
};

/** Where the rows stood when a change began: a change rolled back to its savepoint drops what it added. */
export type RowsMark = readonly number[];

export interface BatchRows {
  event(...row: EventRow): void;
  receipt(...row: ReceiptRow): void;
  comment(...row: CommentRow): void;
  order(order: OrderRow): void;
  action(...row: ActionRow): void;
  viewer(...row: ViewerRow): void;
  mark(): RowsMark;
  /** Drops every row added after `mark`. */
  truncate(mark: RowsMark): void;
  /**
   * The statement writing the rows held before `upTo` (all of them when none is given) and, at
   * the batch's end, moving the room's last seq, in one round trip; null when there is nothing
   * to write. The rows it takes are no longer held (a mark taken before is then void).
   */
  take(roomId: string, options?: { upTo?: RowsMark; lastSeq?: number }): { text: string; values: unknown[] } | null;
}

export function createBatchRows(): BatchRows {
  const events = table<EventRow>('events', 'seq bigint, at bigint, kind text, owner text, body text');
  const receipts = table<ReceiptRow>('receipts', 'sender text, client_id text, ack text');
  const comments = table<CommentRow>('comments', 'id text, seq bigint, viewer_id text, name text, text text, at bigint');
  const orders = table<OrderRowValues>('orders', 'id text, seq bigint, viewer_id text, product_id text, variant_id text, quantity integer, amount_minor bigint, status text, body text');
  const actions = table<ActionRow>('actions', 'seq bigint, at bigint, actor text, kind text, body text');
  // A key first seen on two nodes at once is named the same by both (its id is the key's hash).
  const viewers = table<ViewerRow>('viewers', 'key_hash text, viewer_id text', 'ON CONFLICT DO NOTHING');
  const tables: readonly Table<unknown[]>[] = [events, receipts, comments, orders, actions, viewers] as unknown as Table<unknown[]>[];

  return {
    event: (...row) => void events.rows.push(row),
    receipt: (...row) => void receipts.rows.push(row),
    comment: (...row) => void comments.rows.push(row),
    order: (o) => void orders.rows.push([o.id, o.seq, o.viewerId, o.productId, o.variantId, o.quantity, o.amountMinor, o.status, o.body]),
    action: (...row) => void actions.rows.push(row),
    viewer: (...row) => void viewers.rows.push(row),
    mark: () => tables.map((held) => held.rows.length),
    truncate(mark) {
      tables.forEach((held, index) => (held.rows.length = Math.min(held.rows.length, mark[index] ?? 0)));
    },
    take(roomId, { upTo, lastSeq } = {}) {
      const values: unknown[] = [roomId];
      const parts: string[] = [];
      tables.forEach((held, index) => {
        const count = upTo ? Math.min(upTo[index] ?? 0, held.rows.length) : held.rows.length;
        if (count === 0) return;
        const taken = held.rows.splice(0, count);
        // A row is a JSON array, each value read by its column's position (a JSON null is NULL).
        values.push(JSON.stringify(taken));
        const read = held.columns.map(([, type], column) => `(r ->> ${column})::${type}`).join(', ');
        parts.push(`${held.head} SELECT $1, ${read} FROM json_array_elements($${values.length}::json) AS r${held.tail ? ` ${held.tail}` : ''}`);
      });
      if (lastSeq !== undefined) {
        values.push(lastSeq);
        parts.push(`UPDATE rooms SET last_seq = $${values.length} WHERE id = $1`);
        // Delivered with the commit, to the node relaying the room to its log (logRelay.node.ts).
        return { text: `WITH ${parts.map((sql, index) => `w${index} AS (${sql})`).join(', ')} SELECT pg_notify('${ROOM_COMMITS}', $1)`, values };
      }
      if (parts.length === 0) return null;
      if (parts.length === 1) return { text: parts[0] as string, values };
      return { text: `WITH ${parts.map((sql, index) => `w${index} AS (${sql})`).join(', ')} SELECT 1`, values };
    },
  };
}
