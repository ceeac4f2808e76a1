import type { OrderRow } from '../roomStore.std';

// The rows a PostgreSQL batch writes, held until the batch must talk to the database anyway and
// then written in one statement: a data-modifying CTE of one `INSERT … SELECT FROM unnest(…)`
// per table, whatever the number of rows. A batch of comments then costs a fixed few round trips
// (issue 14's scale bench: one INSERT per row, inside the room row's lock, capped the room at
// ~1,000 events/s whatever the number of nodes).

interface Table<Row extends unknown[]> {
  /** `INSERT INTO t (room_id, …) SELECT $1, * FROM unnest(…)`, with the placeholders' types in column order. */
  readonly head: string;
  readonly types: readonly string[];
  readonly tail?: string;
  readonly rows: Row[];
}

type EventRow = [seq: number, at: number, kind: string, owner: string | null, body: string];
type ReceiptRow = [sender: string, clientId: string, ack: string];
type CommentRow = [id: string, seq: number, viewerId: string, name: string, text: string, at: number];
type OrderRowValues = [id: string, seq: number, viewerId: string, productId: string, variantId: string | null, quantity: number, amountMinor: number, status: string, body: string];
type ActionRow = [seq: number, at: number, actor: string, kind: string, body: string];
type ViewerRow = [keyHash: string, viewerId: string];

const table = <Row extends unknown[]>(head: string, types: readonly string[], tail?: string): Table<Row> => ({ head, types, ...(tail ? { tail } : {}), rows: [] });

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
  /** Whether rows were added after `mark` (all of them when none is given). */
  holdsAfter(mark?: RowsMark): boolean;
  /**
   * The statement writing the rows held before `upTo` (all of them when none is given) and, at
   * the batch's end, moving the room's last seq, in one round trip; null when there is nothing
   * to write. The rows it takes are no longer held (a mark taken before is then void).
   */
  take(roomId: string, options?: { upTo?: RowsMark; lastSeq?: number }): { text: string; values: unknown[] } | null;
}

export function createBatchRows(): BatchRows {
  const events = table<EventRow>('INSERT INTO events (room_id, seq, at, kind, owner, body)', ['bigint', 'bigint', 'text', 'text', 'text']);
  const receipts = table<ReceiptRow>('INSERT INTO receipts (room_id, sender, client_id, ack)', ['text', 'text', 'text']);
  const comments = table<CommentRow>('INSERT INTO comments (room_id, id, seq, viewer_id, name, text, at)', ['text', 'bigint', 'text', 'text', 'text', 'bigint']);
  const orders = table<OrderRowValues>('INSERT INTO orders (room_id, id, seq, viewer_id, product_id, variant_id, quantity, amount_minor, status, body)', [
    'text',
    'bigint',
    'text',
    'text',
    'text',
    'integer',
    'bigint',
    'text',
    'text',
  ]);
  const actions = table<ActionRow>('INSERT INTO actions (room_id, seq, at, actor, kind, body)', ['bigint', 'bigint', 'text', 'text', 'text']);
  // A key first seen on two nodes at once is named the same by both (its id is the key's hash).
  const viewers = table<ViewerRow>('INSERT INTO viewers (room_id, key_hash, viewer_id)', ['text', 'text'], 'ON CONFLICT DO NOTHING');
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
    holdsAfter: (mark) => tables.some((held, index) => held.rows.length > (mark?.[index] ?? 0)),
    take(roomId, { upTo, lastSeq } = {}) {
      const values: unknown[] = [roomId];
      const parts: string[] = [];
      tables.forEach((held, index) => {
        const count = upTo ? Math.min(upTo[index] ?? 0, held.rows.length) : held.rows.length;
        if (count === 0) return;
        const taken = held.rows.splice(0, count);
        const arrays = held.types.map((type, column) => {
          values.push(taken.map((row) => row[column]));
          return `$${values.length}::${type}[]`;
        });
        parts.push(`${held.head} SELECT $1, * FROM unnest(${arrays.join(', ')})${held.tail ? ` ${held.tail}` : ''}`);
      });
      if (lastSeq !== undefined) {
        values.push(lastSeq);
        parts.push(`UPDATE rooms SET last_seq = $${values.length} WHERE id = $1`);
      }
      if (parts.length === 0) return null;
      if (parts.length === 1) return { text: parts[0] as string, values };
      return { text: `WITH ${parts.map((sql, index) => `w${index} AS (${sql})`).join(', ')} SELECT 1`, values };
    },
  };
}
