import type { RoomEvent, RoomOrder } from '../../contract/room/roomEvents.std';
import type { OrderStatus } from '../../contract/room/roomMessages.std';
import { currencySchema, type Currency } from '../../contract/schemas/product.std';
import { BEST_SELLERS_SHOWN, type ShowResults } from '../../contract/schemas/showResults.std';

// A show's results from the room events the studio heard while it was on: computed once, when
// End Live is pressed, from what the show itself did (the panel's totals span the room's whole log).

export interface ShowRecord {
  showId: string | null;
  startedAt: number;
  endedAt: number;
  /** The audience when the show started: the room sends a count only when it changes. */
  viewersAtStart: number;
  /** The show's order, orderStatus, viewerCount and promotion events, in seq order. */
  events: readonly RoomEvent[];
  buyUntil: number | null;
}

/** The kinds a summary reads: a tally keeps only these. */
export const RESULT_EVENT_KINDS: ReadonlySet<RoomEvent['kind']> = new Set(['order', 'orderStatus', 'viewerCount', 'promotion']);

const standing = (status: OrderStatus) => status === 'new' || status === 'handled';

export function summarizeShow(show: ShowRecord): ShowResults {
  let peakViewers = show.viewersAtStart;
  const orders = new Map<string, RoomOrder>();
  const clips = new Map<string, string>();
  for (const event of show.events) {
    if (event.kind === 'viewerCount') peakViewers = Math.max(peakViewers, event.count);
    else if (event.kind === 'order') orders.set(event.order.id, event.order);
    else if (event.kind === 'orderStatus') {
      // A status for an order of an earlier show is not this show's business.
      const order = orders.get(event.orderId);
      if (order) orders.set(order.id, { ...order, status: event.status });
    } else if (event.kind === 'promotion' && event.promotion && !clips.has(event.promotion.product.id)) {
      clips.set(event.promotion.product.id, event.promotion.product.name);
    }
  }

  const gmv = new Map<Currency, number>();
  const byProduct = new Map<string, { productId: string; name: string; quantity: number; amount: { amountMinor: number; currency: Currency } }>();
  let count = 0;
  let units = 0;
  for (const order of orders.values()) {
    // The room sells only in the catalogue's currencies; anything else cannot be shown as money.
    const currency = currencySchema.safeParse(order.currency);
    if (!standing(order.status) || !currency.success) continue;
    count += 1;
    units += order.quantity;
    gmv.set(currency.data, (gmv.get(currency.data) ?? 0) + order.amountMinor);
    const key = `${order.productId}\u0000${currency.data}`;
    const product = byProduct.get(key) ?? { productId: order.productId, name: order.productName, quantity: 0, amount: { amountMinor: 0, currency: currency.data } };
    product.quantity += order.quantity;
    product.amount.amountMinor += order.amountMinor;
    byProduct.set(key, product);
  }

  return {
    showId: show.showId,
    startedAt: show.startedAt,
    endedAt: show.endedAt,
    durationMs: Math.max(0, Math.round(show.endedAt - show.startedAt)),
    peakViewers,
    orders: count,
    units,
    gmv: [...gmv].sort((a, b) => b[1] - a[1]).map(([currency, amountMinor]) => ({ amountMinor, currency })),
    bestSellers: [...byProduct.values()].sort((a, b) => b.quantity - a.quantity || b.amount.amountMinor - a.amount.amountMinor).slice(0, BEST_SELLERS_SHOWN),
    clips: [...clips].map(([productId, name]) => ({ productId, name })),
    buyUntil: show.buyUntil,
  };
}
