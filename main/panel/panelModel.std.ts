import type { Promotion, RoomComment, RoomEvent, WelcomeFrame } from '../../contract/room/roomEvents.std';
import type { OrderStatus } from '../../contract/room/roomMessages.std';
import {
  PANEL_WINDOW,
  type MoneyByCurrency,
  type PanelComment,
  type PanelConnection,
  type PanelEvent,
  type PanelOrder,
  type PanelState,
  type PanelSummary,
  type ShowTotals,
} from '../../contract/schemas/panel.std';

// The studio's picture of its room, built from the room's events: the windows of comments and
// orders, the current pin, promotion, audience and the show's totals; and, alongside, what
// changed since the last `panel` event so the renderer gets small updates.

/** What a totals entry needs of an order: kept for every order of the show (a few numbers each) so a cancellation far back is still subtracted. */
interface OrderFacts {
  productId: string;
  quantity: number;
  amountMinor: number;
  currency: string;
  status: OrderStatus;
}

interface ProductTally {
  productName: string;
  orders: number;
  units: number;
  gmv: Map<string, number>;
}

export interface PanelModel {
  welcome(frame: WelcomeFrame, localNow: number): void;
  /** Applies events in seq order; returns the new orders that arrived live (not from a replay), for the purchase toast. */
  apply(events: RoomEvent[]): { liveOrders: PanelOrder[] };
  setConnection(connection: PanelConnection): void;
  state(): PanelState;
  pinned(): RoomComment | null;
  promotion(): Promotion | null;
  /** Whether events were applied up to what the room had when it said welcome. */
  caughtUp(): boolean;
  /** What changed since the last call, as a `panel` event; null when nothing did. */
  takeEvent(): PanelEvent | null;
}

export function createPanelModel(): PanelModel {
  // The windows are trimmed in steps (at twice their size) so a fast show does not shift the array on every comment.
  let comments: PanelComment[] = [];
  const commentsById = new Map<string, PanelComment>();
  let orders: PanelOrder[] = [];
  const ordersById = new Map<string, PanelOrder>();
  const orderFacts = new Map<string, OrderFacts>();
  const tallies = new Map<string, ProductTally>();
  let newOrders = 0;

  let connection: PanelConnection = { state: 'connecting', message: null };
  let pinned: RoomComment | null = null;
  let promotion: Promotion | null = null;
  let viewerCount = 0;
  let likes = 0;
  let lastSeq = 0;
  let welcomeSeq = 0;
  let clockOffsetMs = 0;

  // Since the last event.
  let newComments: PanelComment[] = [];
  const hiddenIds = new Set<string>();
  let freshOrders: PanelOrder[] = [];
  const statusChanges = new Map<string, OrderStatus>();
  let summaryChanged = true;
  let sentSeq = 0;
  let overflowed = false;

  const tally = (facts: OrderFacts, productName: string, sign: 1 | -1) => {
    const entry = tallies.get(facts.productId) ?? { productName, orders: 0, units: 0, gmv: new Map<string, number>() };
    tallies.set(facts.productId, entry);
    entry.orders += sign;
    entry.units += sign * facts.quantity;
    entry.gmv.set(facts.currency, (entry.gmv.get(facts.currency) ?? 0) + sign * facts.amountMinor);
  };

  const totals = (): ShowTotals => {
    const gmv = new Map<string, number>();
    let orderCount = 0;
    let units = 0;
    const byProduct = [...tallies.entries()].map(([productId, entry]) => {
      orderCount += entry.orders;
      units += entry.units;
      for (const [currency, amount] of entry.gmv) gmv.set(currency, (gmv.get(currency) ?? 0) + amount);
      return { productId, productName: entry.productName, orders: entry.orders, units: entry.units, gmv: money(entry.gmv) };
    });
    return { orders: orderCount, units, gmv: money(gmv), newOrders, byProduct };
  };

  const summary = (): PanelSummary => ({ connection, pinned, promotion, viewerCount, likes, totals: totals(), clockOffsetMs });
  const whole = (): PanelState => ({ ...summary(), lastSeq, comments: comments.slice(-PANEL_WINDOW), orders: orders.slice(-PANEL_WINDOW) });

  const addComment = (comment: RoomComment, seq: number) => {
    if (commentsById.has(comment.id)) return;
    const entry: PanelComment = { ...comment, seq, hidden: false };
    comments.push(entry);
    commentsById.set(entry.id, entry);
    if (comments.length >= PANEL_WINDOW * 2) {
      for (const gone of comments.slice(0, comments.length - PANEL_WINDOW)) commentsById.delete(gone.id);
      comments = comments.slice(-PANEL_WINDOW);
    }
    newComments.push(entry);
    if (newComments.length >= PANEL_WINDOW * 2) newComments = newComments.slice(-PANEL_WINDOW);
  };

  const addOrder = (order: PanelOrder) => {
    if (orderFacts.has(order.id)) return false;
    orders.push(order);
    ordersById.set(order.id, order);
    if (orders.length >= PANEL_WINDOW * 2) {
      for (const gone of orders.slice(0, orders.length - PANEL_WINDOW)) ordersById.delete(gone.id);
      orders = orders.slice(-PANEL_WINDOW);
    }
    const facts: OrderFacts = { productId: order.productId, quantity: order.quantity, amountMinor: order.amountMinor, currency: order.currency, status: order.status };
    orderFacts.set(order.id, facts);
    if (facts.status !== 'cancelled') tally(facts, order.productName, 1);
    if (facts.status === 'new') newOrders += 1;
    freshOrders.push(order);
    // More new orders than a window since the last event: the whole state says it more briefly.
    if (freshOrders.length > PANEL_WINDOW) overflowed = true;
    summaryChanged = true;
    return true;
  };

  const setOrderStatus = (orderId: string, status: OrderStatus) => {
    const facts = orderFacts.get(orderId);
    if (!facts || facts.status === status) return;
    if (facts.status === 'new') newOrders -= 1;
    if (status === 'new') newOrders += 1;
    const name = tallies.get(facts.productId)?.productName ?? facts.productId;
    if (facts.status !== 'cancelled' && status === 'cancelled') tally(facts, name, -1);
    if (facts.status === 'cancelled' && status !== 'cancelled') tally(facts, name, 1);
    facts.status = status;
    const inWindow = ordersById.get(orderId);
    if (inWindow) {
      inWindow.status = status;
      statusChanges.set(orderId, status);
      if (statusChanges.size > PANEL_WINDOW) overflowed = true;
    }
    summaryChanged = true;
  };

  return {
    welcome(frame, localNow) {
      // The snapshot is the room's state as of frame.lastSeq: replayed events up to there add
      // comments and orders but do not take the pin, promotion or audience back in time.
      welcomeSeq = frame.lastSeq;
      pinned = frame.snapshot.pinned;
      promotion = frame.snapshot.promotion;
      viewerCount = frame.snapshot.viewerCount;
      likes = frame.snapshot.likes;
      clockOffsetMs = frame.serverTime - localNow;
      summaryChanged = true;
    },
    apply(events) {
      const liveOrders: PanelOrder[] = [];
      for (const event of events) {
        if (event.seq <= lastSeq) continue;
        lastSeq = event.seq;
        const replayed = event.seq <= welcomeSeq;
        switch (event.kind) {
          case 'comment':
            addComment(event.comment, event.seq);
            break;
          case 'commentHidden': {
            const entry = commentsById.get(event.commentId);
            if (entry && !entry.hidden) {
              entry.hidden = true;
              hiddenIds.add(entry.id);
            }
            break;
          }
          case 'order': {
            const order: PanelOrder = { ...event.order, seq: event.seq };
            if (addOrder(order) && !replayed) liveOrders.push(order);
            break;
          }
          case 'orderStatus':
            setOrderStatus(event.orderId, event.status);
            break;
          case 'pinned':
            if (replayed) break;
            pinned = event.comment;
            summaryChanged = true;
            break;
          case 'promotion':
            if (replayed) break;
            promotion = event.promotion;
            summaryChanged = true;
            break;
          case 'stock':
            if (replayed || promotion?.product.id !== event.productId) break;
            promotion = { ...promotion, product: { ...promotion.product, stock: event.left } };
            summaryChanged = true;
            break;
          case 'viewerCount':
            if (replayed) break;
            viewerCount = event.count;
            summaryChanged = true;
            break;
          case 'likes':
            if (replayed) break;
            likes = event.total;
            summaryChanged = true;
            break;
          case 'reply':
          case 'viewerBanned':
          case 'products':
            // Shown by the viewers' pages; the panel's own catalogue is the studio's (a later step).
            break;
          default: {
            const never: never = event;
            return never;
          }
        }
      }
      return { liveOrders };
    },
    setConnection(next) {
      connection = next;
      summaryChanged = true;
    },
    state: whole,
    pinned: () => pinned,
    promotion: () => promotion,
    caughtUp: () => lastSeq >= welcomeSeq,
    takeEvent() {
      const nothing = !summaryChanged && lastSeq === sentSeq && newComments.length === 0 && hiddenIds.size === 0 && freshOrders.length === 0 && statusChanges.size === 0;
      if (nothing) return null;
      const event: PanelEvent = overflowed
        ? { kind: 'state', state: whole() }
        : {
            kind: 'update',
            lastSeq,
            comments: newComments.slice(-PANEL_WINDOW).map((comment) => ({ ...comment })),
            hiddenCommentIds: [...hiddenIds].slice(-PANEL_WINDOW),
            orders: freshOrders.map((order) => ({ ...order })),
            orderStatuses: [...statusChanges].map(([orderId, status]) => ({ orderId, status })),
            summary: summaryChanged ? summary() : null,
          };
      sentSeq = lastSeq;
      newComments = [];
      hiddenIds.clear();
      freshOrders = [];
      statusChanges.clear();
      summaryChanged = false;
      overflowed = false;
      return event;
    },
  };
}

function money(amounts: Map<string, number>): MoneyByCurrency {
  return [...amounts].map(([currency, amountMinor]) => ({ currency, amountMinor }));
}
