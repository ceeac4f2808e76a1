import Sqlite from 'better-sqlite3';
import type { RoomEvent, RoomOrder } from '../../contract/room/roomEvents.std';
import type { OrderStatus } from '../../contract/room/roomMessages.std';
import type { FulfilmentOrder, OrderWebhookPayload } from '../../contract/schemas/fulfilment.std';
import { fulfilmentOrderOf } from './fulfilmentOrder.std';

// The studio's own book of its room's orders, in `<data dir>/orders.sqlite`: every order with
// its latest status (what the CSV exports: the panel keeps only the newest 500), the webhook's
// outbox, and the webhook's settings. The room's log is the truth; this book follows it. The
// core's feed replays the log from seq 0 at each start, so an event is taken once: an order
// already in the book, or a status change older than the book's, is history already handled.
// That is also what makes the outbox exactly-once per event across restarts: an event is
// queued in the same transaction that records it, and a queued row leaves only once the
// endpoint accepted it. WAL + synchronous NORMAL: a crash of the process loses nothing
// committed; a power cut could lose the last few, which the replay then queues again under
// the same delivery ids (the receiver drops repeats by id).

export interface WebhookSettings {
  url: string;
  /** Sealed by the secret box (context `order-webhook`), never stored plain. */
  sealedSecret: string;
  /** Events that happened from this moment (the room's clock) go to the webhook; older ones were before it was set. */
  since: number;
}

export interface OutboxEntry {
  sequence: number;
  deliveryId: string;
  type: OrderWebhookPayload['type'];
  body: string;
  attempts: number;
}

export interface OrderBook {
  /** Takes the room's events in seq order (replayed or live); answers how many deliveries it queued. */
  record(events: readonly RoomEvent[]): number;
  /** Every order, oldest first, with its latest status. */
  orders(): FulfilmentOrder[];
  webhook(): WebhookSettings | null;
  /** null turns the webhook off and drops what was waiting for it. */
  setWebhook(settings: WebhookSettings | null): void;
  /** The oldest delivery not yet accepted. */
  next(): OutboxEntry | null;
  delivered(sequence: number): void;
  attempted(sequence: number): void;
  waiting(): number;
  close(): void;
}

const schema = `
  CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    -- The seq of the event that set the status: older ones replayed at a restart change nothing.
    status_seq INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS orders_by_time ON orders (at, seq);
  CREATE TABLE IF NOT EXISTS outbox (
    sequence INTEGER PRIMARY KEY,
    delivery_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export function openOrderBook(file: string): OrderBook {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(schema);
  const getOrder = db.prepare<[string], { status_seq: number; body: string }>('SELECT status_seq, body FROM orders WHERE id = ?');
  const insertOrder = db.prepare<[string, number, number, number, string]>('INSERT OR IGNORE INTO orders (id, seq, at, status_seq, body) VALUES (?, ?, ?, ?, ?)');
  const updateOrder = db.prepare<[number, string, string]>('UPDATE orders SET status_seq = ?, body = ? WHERE id = ?');
  const allOrders = db.prepare<[], { body: string }>('SELECT body FROM orders ORDER BY at, seq');
  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const putSetting = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const deleteSetting = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  const enqueue = db.prepare<[number, string, string, string]>('INSERT OR IGNORE INTO outbox (sequence, delivery_id, type, body) VALUES (?, ?, ?, ?)');
  const head = db.prepare<[], { sequence: number; delivery_id: string; type: OutboxEntry['type']; body: string; attempts: number }>(
    'SELECT sequence, delivery_id, type, body, attempts FROM outbox ORDER BY sequence LIMIT 1',
  );
  const remove = db.prepare<[number]>('DELETE FROM outbox WHERE sequence = ?');
  const countAttempt = db.prepare<[number]>('UPDATE outbox SET attempts = attempts + 1 WHERE sequence = ?');
  const countWaiting = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM outbox');
  const clearOutbox = db.prepare('DELETE FROM outbox');

  let webhook: WebhookSettings | null = (() => {
    const stored = getSetting.get('webhook');
    return stored ? (JSON.parse(stored.value) as WebhookSettings) : null;
  })();
  // The payloads' `sequence` keeps counting across deliveries, restarts and emptied outboxes.
  let lastSequence = Number(getSetting.get('lastSequence')?.value ?? 0);

  const queue = (type: OutboxEntry['type'], eventSeq: number, at: number, order: RoomOrder, previousStatus: OrderStatus | null): void => {
    const sequence = lastSequence + 1;
    const deliveryId = `${order.id}.${eventSeq}`;
    const payload: OrderWebhookPayload = { id: deliveryId, type, sequence, occurredAt: new Date(at).toISOString(), previousStatus, order: fulfilmentOrderOf(order) };
    if (enqueue.run(sequence, deliveryId, type, JSON.stringify(payload)).changes === 0) return;
    lastSequence = sequence;
  };

  const record = db.transaction((events: readonly RoomEvent[]): number => {
    const before = lastSequence;
    for (const event of events) {
      const toWebhook = webhook !== null && event.at >= webhook.since;
      if (event.kind === 'order') {
        if (insertOrder.run(event.order.id, event.seq, event.order.at, event.seq, JSON.stringify(event.order)).changes === 0) continue;
        if (toWebhook) queue('order.created', event.seq, event.at, event.order, null);
      } else if (event.kind === 'orderStatus') {
        const found = getOrder.get(event.orderId);
        if (!found || found.status_seq >= event.seq) continue;
        const order = JSON.parse(found.body) as RoomOrder;
        const previous = order.status;
        const changed: RoomOrder = { ...order, status: event.status };
        updateOrder.run(event.seq, JSON.stringify(changed), event.orderId);
        if (toWebhook && previous !== event.status) queue('order.status_changed', event.seq, event.at, changed, previous);
      }
    }
    if (lastSequence !== before) putSetting.run('lastSequence', String(lastSequence));
    return lastSequence - before;
  });

  return {
    record: (events) => (events.some((event) => event.kind === 'order' || event.kind === 'orderStatus') ? record(events) : 0),
    orders: () => allOrders.all().map((row) => fulfilmentOrderOf(JSON.parse(row.body) as RoomOrder)),
    webhook: () => webhook,
    setWebhook(settings) {
      db.transaction(() => {
        if (settings === null) {
          deleteSetting.run('webhook');
          clearOutbox.run();
        } else putSetting.run('webhook', JSON.stringify(settings));
      })();
      webhook = settings;
    },
    next() {
      const row = head.get();
      return row ? { sequence: row.sequence, deliveryId: row.delivery_id, type: row.type, body: row.body, attempts: row.attempts } : null;
    },
    delivered: (sequence) => void remove.run(sequence),
    attempted: (sequence) => void countAttempt.run(sequence),
    waiting: () => countWaiting.get()?.n ?? 0,
    close: () => db.close(),
  };
}
