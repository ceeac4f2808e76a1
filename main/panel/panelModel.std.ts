import type { Promotion, RoomComment, RoomEvent, WelcomeFrame } from '../../contract/room/roomEvents.std';
import type { OrderStatus } from '../../contract/room/roomMessages.std';
import { productAfterStock } from '../../contract/room/stockEvent.std';
import {
  PANEL_ACTIVITY_WINDOW,
  PANEL_UPDATE_MAX_COMMENTS,
  PANEL_WINDOW,
  type ActivityEntry,
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
//
// A `waitlisted` claim is a wish, not a sale: it counts only in `waitlisted` until the room moves
// it up to `new` (a cancellation or a restock freed units), and from then on like any order.

/** What a totals entry needs of an order: kept for every order of the show (a few numbers each) so a cancellation far back is still subtracted. */
interface OrderFacts {
  productId: string;
  productName: string;
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

/** Stock the room changed while the studio watched: a product's units, and its variants' by id. */
export interface LiveStock {
  left: number | null;
  variants: Map<string, number | null>;
}

export interface PanelModel {
  welcome(frame: WelcomeFrame, localNow: number): void;
  /**
   * Applies events in seq order. Returns the new orders that arrived live (not from a replay), for
   * the purchase toast; the products whose stock changed live, for the catalogue; and the live
   * events themselves, for the show's timeline.
   */
  apply(events: RoomEvent[]): { liveOrders: PanelOrder[]; liveStock: Map<string, LiveStock>; liveEvents: RoomEvent[] };
  setConnection(connection: PanelConnection): void;
  state(): PanelState;
  pinned(): RoomComment | null;
  promotion(): Promotion | null;
  /** The product promoted now, else the last one promoted since this studio connected (not from an older show's replay). */
  lastPromotedId(): string | null;
  /** Units left per product as the room last said (products, promotion and stock events, replays included); null: not tracked. */
  stock(): ReadonlyMap<string, number | null>;
  /** A comment in the window, for the activity log's words. */
  comment(commentId: string): PanelComment | undefined;
  order(orderId: string): PanelOrder | undefined;
  /** The newest name a viewer used in the window's comments or orders. */
  viewerName(viewerId: string): string | null;
  addActivity(entry: ActivityEntry): void;
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
  let waitlisted = 0;
  const stock = new Map<string, number | null>();
  let lastPromotedId: string | null = null;
  let activity: ActivityEntry[] = [];

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

  const tally = (facts: OrderFacts, sign: 1 | -1) => {
    const entry = tallies.get(facts.productId) ?? { productName: facts.productName, orders: 0, units: 0, gmv: new Map<string, number>() };
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
    return { orders: orderCount, units, gmv: money(gmv), newOrders, waitlisted, byProduct };
  };

  const summary = (): PanelSummary => ({ connection, pinned, promotion, viewerCount, likes, totals: totals(), clockOffsetMs, activity: [...activity] });
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
    // More than an update carries since the last event: the whole state says it more briefly.
    if (newComments.length > PANEL_UPDATE_MAX_COMMENTS) {
      newComments = [];
      overflowed = true;
    }
  };

  const addOrder = (order: PanelOrder) => {
    if (orderFacts.has(order.id)) return false;
    orders.push(order);
    ordersById.set(order.id, order);
    if (orders.length >= PANEL_WINDOW * 2) {
      for (const gone of orders.slice(0, orders.length - PANEL_WINDOW)) ordersById.delete(gone.id);
      orders = orders.slice(-PANEL_WINDOW);
    }
    const facts: OrderFacts = {
      productId: order.productId,
      productName: order.productName,
      quantity: order.quantity,
      amountMinor: order.amountMinor,
      currency: order.currency,
      status: order.status,
    };
    orderFacts.set(order.id, facts);
    if (counted(facts.status)) tally(facts, 1);
    if (facts.status === 'new') newOrders += 1;
    if (facts.status === 'waitlisted') waitlisted += 1;
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
    if (facts.status === 'waitlisted') waitlisted -= 1;
    if (status === 'waitlisted') waitlisted += 1;
    if (counted(facts.status) && !counted(status)) tally(facts, -1);
    if (!counted(facts.status) && counted(status)) tally(facts, 1);
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
      if (promotion) {
        lastPromotedId = promotion.product.id;
        stock.set(promotion.product.id, promotion.product.stock);
      }
      clockOffsetMs = frame.serverTime - localNow;
      summaryChanged = true;
    },
    apply(events) {
      const liveOrders: PanelOrder[] = [];
      const liveStock = new Map<string, LiveStock>();
      const liveEvents: RoomEvent[] = [];
      const setStock = (productId: string, left: number | null, replayed: boolean, variants: readonly { id: string; stock: number | null }[] = []) => {
        stock.set(productId, left);
        if (replayed) return;
        const live = liveStock.get(productId) ?? { left, variants: new Map() };
        live.left = left;
        for (const variant of variants) live.variants.set(variant.id, variant.stock);
        liveStock.set(productId, live);
      };
      for (const event of events) {
        if (event.seq <= lastSeq) continue;
        lastSeq = event.seq;
        const replayed = event.seq <= welcomeSeq;
        if (!replayed) liveEvents.push(event);
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
            if (event.promotion) setStock(event.promotion.product.id, event.promotion.product.stock, replayed, event.promotion.product.variants);
            if (replayed) break;
            promotion = event.promotion;
            if (promotion) lastPromotedId = promotion.product.id;
            summaryChanged = true;
            break;
          case 'stock':
            setStock(event.productId, event.left, replayed, event.variant ? [{ id: event.variant.id, stock: event.variant.left }] : []);
            if (replayed || promotion?.product.id !== event.productId) break;
            promotion = { ...promotion, product: productAfterStock(promotion.product, event) };
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
          case 'products':
            for (const product of event.products) setStock(product.id, product.stock, replayed, product.variants);
            break;
          case 'reply':
          case 'viewerBanned':
          case 'show':
            // Shown by the viewers' pages.
            break;
          default: {
            const never: never = event;
            return never;
          }
        }
      }
      return { liveOrders, liveStock, liveEvents };
    },
    setConnection(next) {
      connection = next;
      summaryChanged = true;
    },
    state: whole,
    pinned: () => pinned,
    promotion: () => promotion,
    lastPromotedId: () => promotion?.product.id ?? lastPromotedId,
    stock: () => stock,
    comment: (commentId) => commentsById.get(commentId),
    order: (orderId) => ordersById.get(orderId),
    viewerName(viewerId) {
      // The window is a thousand entries at most: a scan per action is nothing.
      for (let i = comments.length - 1; i >= 0; i -= 1) if (comments[i]?.viewerId === viewerId) return comments[i]?.name ?? null;
      for (let i = orders.length - 1; i >= 0; i -= 1) if (orders[i]?.viewerId === viewerId) return orders[i]?.buyerName ?? null;
      return null;
    },
    addActivity(entry) {
      activity = [...activity.slice(-(PANEL_ACTIVITY_WINDOW - 1)), entry];
      summaryChanged = true;
    },
    caughtUp: () => lastSeq >= welcomeSeq,
    takeEvent() {
      const nothing = !summaryChanged && lastSeq === sentSeq && newComments.length === 0 && hiddenIds.size === 0 && freshOrders.length === 0 && statusChanges.size === 0;
      if (nothing) return null;
      const event: PanelEvent = overflowed
        ? { kind: 'state', state: whole() }
        : {
            kind: 'update',
            lastSeq,
            comments: newComments.map((comment) => ({ ...comment })),
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

/** Orders that are sales: not cancelled, and not a claim still waiting for stock. */
function counted(status: OrderStatus): boolean {
  return status === 'new' || status === 'handled';
}

function money(amounts: Map<string, number>): MoneyByCurrency {
  return [...amounts].map(([currency, amountMinor]) => ({ currency, amountMinor }));
}
