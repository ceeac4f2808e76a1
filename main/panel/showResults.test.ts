import { describe, expect, it } from 'vitest';
import type { RoomEvent, RoomEventBody, RoomOrder } from '../../contract/room/roomEvents.std';
import type { RoomProduct } from '../../contract/room/roomMessages.std';
import { summarizeShow, type ShowRecord } from './showResults.std';
import { createShowTally } from './showTally.std';

let seq = 0;
const event = (body: RoomEventBody): RoomEvent => ({ seq: ++seq, at: 1000 + seq, ...body });
const order = (id: string, productId: string, productName: string, quantity: number, unitPriceMinor: number, currency = 'CNY'): RoomEvent =>
  event({
    kind: 'order',
    order: { id, viewerId: `v-${id}`, productId, productName, variantId: null, variantLabel: null, quantity, unitPriceMinor, amountMinor: unitPriceMinor * quantity, currency, buyerName: 'Li', contact: '1', note: null, status: 'new', source: 'buy', at: 1000 } satisfies RoomOrder,
  });
const product = (id: string, name: string): RoomProduct => ({ id, name, priceMinor: 100, listPriceMinor: null, currency: 'CNY', stock: null, photo: null });
const promoted = (id: string, name: string, startedAt: number): RoomEvent => event({ kind: 'promotion', promotion: { product: product(id, name), flashSale: null, claimKeywords: [], startedAt } });

const show = (events: RoomEvent[], viewersAtStart = 2): ShowRecord => ({ showId: 's1', startedAt: 10_000, endedAt: 10_000 + 65 * 60_000 + 400, viewersAtStart, events, buyUntil: null });

describe('the show’s results', () => {
  it('adds up the orders that stand, per currency, names the best sellers by quantity, and the clips once per product', () => {
    const results = summarizeShow(
      show([
        promoted('tea', 'Teapot', 1),
        event({ kind: 'viewerCount', count: 40 }),
        order('o1', 'tea', 'Teapot', 2, 5900),
        order('o2', 'tea', 'Teapot', 1, 4900),
        promoted('cup', 'Cup', 2),
        order('o3', 'cup', 'Cup', 4, 1000),
        order('o4', 'cup', 'Cup', 5, 1000),
        event({ kind: 'orderStatus', orderId: 'o4', viewerId: 'v-o4', status: 'cancelled' }),
        order('o5', 'cup', 'Cup', 1, 1000),
        event({ kind: 'orderStatus', orderId: 'o5', viewerId: 'v-o5', status: 'waitlisted' }),
        order('o6', 'mug', 'Mug', 1, 800, 'USD'),
        order('o7', 'bowl', 'Bowl', 1, 300),
        // A stock update re-sends the promotion: still one clip of the teapot.
        promoted('tea', 'Teapot', 3),
        event({ kind: 'viewerCount', count: 12 }),
        // Handling an order of an earlier show changes nothing here.
        event({ kind: 'orderStatus', orderId: 'old', viewerId: 'v-old', status: 'cancelled' }),
      ]),
    );
    expect(results).toEqual({
      showId: 's1',
      startedAt: 10_000,
      endedAt: 10_000 + 65 * 60_000 + 400,
      durationMs: 65 * 60_000 + 400,
      peakViewers: 40,
      orders: 5,
      units: 9,
      gmv: [
        { amountMinor: 5900 * 2 + 4900 + 4000 + 300, currency: 'CNY' },
        { amountMinor: 800, currency: 'USD' },
      ],
      bestSellers: [
        { productId: 'cup', name: 'Cup', quantity: 4, amount: { amountMinor: 4000, currency: 'CNY' } },
        { productId: 'tea', name: 'Teapot', quantity: 3, amount: { amountMinor: 16_700, currency: 'CNY' } },
        { productId: 'mug', name: 'Mug', quantity: 1, amount: { amountMinor: 800, currency: 'USD' } },
      ],
      clips: [
        { productId: 'tea', name: 'Teapot' },
        { productId: 'cup', name: 'Cup' },
      ],
      buyUntil: null,
    });
  });

  it('reports a quiet show as nothing sold, with the audience it started with', () => {
    expect(summarizeShow(show([], 7))).toMatchObject({ peakViewers: 7, orders: 0, units: 0, gmv: [], bestSellers: [], clips: [] });
  });

  it('keeps only the show’s own events, and none once it finished', () => {
    const tally = createShowTally();
    tally.record([order('before', 'tea', 'Teapot', 1, 100)]);
    expect(tally.finish({ showId: null, endedAt: 1, buyUntil: null })).toBeNull();
    tally.begin(100, 3);
    tally.record([order('during', 'tea', 'Teapot', 1, 100), event({ kind: 'comment', comment: { id: 'c', viewerId: 'v', name: 'n', text: 't', at: 1 } })]);
    const record = tally.finish({ showId: 's', endedAt: 200, buyUntil: 500 });
    expect(record?.events.map((e) => e.kind)).toEqual(['order']);
    expect(summarizeShow(record ?? show([]))).toMatchObject({ orders: 1, durationMs: 100, buyUntil: 500 });
    tally.record([order('after', 'tea', 'Teapot', 1, 100)]);
    expect(tally.finish({ showId: 's', endedAt: 300, buyUntil: null })).toBeNull();
  });
});
