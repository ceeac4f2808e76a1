import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomEvent, RoomOrder } from '../../contract/room/roomEvents.std';
import type { OrderWebhookPayload } from '../../contract/schemas/fulfilment.std';
import { openOrderBook, type OrderBook } from './orderBook.node';

// The order book on a real SQLite file: the room's log replayed at every start changes nothing
// and queues nothing twice; deliveries keep their order and numbering across reopenings.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const fileIn = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'order-book-'));
  dirs.push(dir);
  return path.join(dir, 'orders.sqlite');
};

const order = (id: string, at: number): RoomOrder => ({
  id,
  viewerId: 'v-1',
  productId: 'p1',
  productName: 'Teapot', variantId: null, variantLabel: null,
  quantity: 1,
  unitPriceMinor: 5900,
  amountMinor: 5900,
  currency: 'CNY',
  buyerName: `Buyer ${id}`,
  contact: null,
  note: null,
  status: 'new',
  source: 'buy',
  at,
});
const placed = (seq: number, id: string): RoomEvent => ({ seq, at: 1000 + seq, kind: 'order', order: order(id, 1000 + seq) });
const marked = (seq: number, orderId: string, status: 'handled' | 'cancelled'): RoomEvent => ({ seq, at: 1000 + seq, kind: 'orderStatus', orderId, viewerId: 'v-1', status });
const drain = (book: OrderBook) => {
  const sent: OrderWebhookPayload[] = [];
  for (let entry = book.next(); entry; entry = book.next()) {
    sent.push(JSON.parse(entry.body) as OrderWebhookPayload);
    book.delivered(entry.sequence);
  }
  return sent;
};
const webhook = { url: 'https://shop.example.com/hook', sealedSecret: 'sealed', since: 1000 };

describe('the order book', () => {
  it('takes each event once: a replayed log queues nothing again and an older status changes nothing', () => {
    const file = fileIn();
    const book = openOrderBook(file);
    book.setWebhook(webhook);
    const log = [placed(1, 'a'), placed(2, 'b'), marked(3, 'a', 'handled'), marked(4, 'a', 'cancelled')];
    expect(book.record(log)).toBe(4);
    expect(book.record(log)).toBe(0);
    expect(drain(book).map((payload) => [payload.sequence, payload.type, payload.order.id, payload.previousStatus, payload.order.status])).toEqual([
      [1, 'order.created', 'a', null, 'new'],
      [2, 'order.created', 'b', null, 'new'],
      [3, 'order.status_changed', 'a', 'new', 'handled'],
      [4, 'order.status_changed', 'a', 'handled', 'cancelled'],
    ]);
    expect(book.orders().map((row) => [row.id, row.status])).toEqual([
      ['a', 'cancelled'],
      ['b', 'new'],
    ]);
    book.close();

    // Reopened (a restart): the whole log again, then one new event, numbered after the last.
    const again = openOrderBook(file);
    expect(again.record([...log, placed(5, 'c')])).toBe(1);
    expect(drain(again).map((payload) => [payload.sequence, payload.id])).toEqual([[5, 'c.5']]);
    again.close();
  });

  it('sends only what happened since the webhook was set up, and drops what waits when it is turned off', () => {
    const book = openOrderBook(fileIn());
    book.record([placed(1, 'early')]);
    book.setWebhook({ ...webhook, since: 1002 });
    book.record([placed(2, 'late'), marked(3, 'early', 'handled')]);
    // A change to an earlier order is sent: it carries the whole order, so the shop learns of it then.
    expect(book.waiting()).toBe(2);
    expect(book.next()?.deliveryId).toBe('late.2');
    book.setWebhook(null);
    expect(book.waiting()).toBe(0);
    book.record([placed(4, 'off')]);
    expect(book.next()).toBeNull();
    expect(book.orders().map((row) => row.id)).toEqual(['early', 'late', 'off']);
    book.close();
  });
});
