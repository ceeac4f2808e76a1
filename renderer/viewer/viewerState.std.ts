import type { Promotion, RoomComment, RoomEvent, RoomOrder, RoomSnapshot, ShowEnd } from '../../contract/room/roomEvents.std';
import type { MessageKey } from './i18n/messages.en.std';
import type { Translator } from './i18n/viewerTranslator.std';
import type { OrderStatus, RoomProduct } from '../../contract/room/roomMessages.std';
import type { VideoState } from '../../contract/room/sfuSignalling.std';
import { roomLimits } from '../../contract/room/roomMessages.std';
import { buyingClosed } from '../../contract/room/showEnd.std';
import { productAfterStock } from '../../contract/room/stockEvent.std';
import { sanitizeOverlayText } from '../features/compositor/draw/text.std';

// The viewer's page as data: every room frame is applied by a pure function here, so the
// store only wires them and the tests replay frames without a browser.

/** How many feed entries a phone keeps; older ones are dropped (the viewer's own are dropped last). */
export const FEED_LIMIT = 200;

export type ViewerConnection = 'connecting' | 'open' | 'reconnecting';

/** One of the viewer's own orders; `movedUp`: a claim that left the waitlist when another was cancelled. */
export type ViewerOrder = RoomOrder & { movedUp?: true };

export type FeedItem =
  | { kind: 'comment'; id: string; comment: RoomComment; own: boolean }
  | { kind: 'reply'; id: string; text: string; at: number; replyTo: { commentId: string; name: string; text: string } | null }
  /** The page was away longer than the room replays: what came between is not shown (the welcome's `skipped`). */
  | { kind: 'gap'; id: string; at: number };

export interface ViewerState {
  connection: ViewerConnection;
  /** Whether a welcome ever arrived: before it the banner says "Connecting…", after it "Reconnecting…". */
  welcomed: boolean;
  viewerId: string | null;
  banned: boolean;
  /** The last protocol error the room sent that the viewer should read (unauthorized, version…). */
  roomError: string | null;
  pinned: RoomComment | null;
  promotion: Promotion | null;
  viewerCount: number;
  likes: number;
  video: VideoState;
  /** The show ended (and until when Buy stays open), until the next one starts. */
  ended: ShowEnd | null;
  feed: FeedItem[];
  /** The viewer's own orders, newest last. */
  orders: ViewerOrder[];
  /** server clock − local clock, estimated from event times (ms); the flash-sale countdown runs on it. */
  clockOffsetMs: number | null;
}

/**
 * The room cleans viewers' text already; the page cleans it again as the stream's overlays do
 * (renderer/features/compositor/draw/text.std.ts): one line, no bidi overrides, at most two
 * combining marks per character, so zalgo cannot climb over the line above.
 */
export function cleanComment(comment: RoomComment): RoomComment {
  return { ...comment, name: sanitizeOverlayText(comment.name, roomLimits.nameChars), text: sanitizeOverlayText(comment.text, roomLimits.commentChars) };
}

export const initialViewerState: ViewerState = {
  connection: 'connecting',
  welcomed: false,
  viewerId: null,
  banned: false,
  roomError: null,
  pinned: null,
  promotion: null,
  viewerCount: 0,
  likes: 0,
  video: { available: false, producers: 0, reason: null },
  ended: null,
  feed: [],
  orders: [],
  clockOffsetMs: null,
};

/**
 * `clockOffsetMs`: the room's clock minus this device's, from the welcome (late by the delivery time at most).
 * `skipped`: the room did not replay what the page missed; a mark after the comments it has says so,
 * and the newest comments the room sends next go below it.
 */
export function applyWelcome(state: ViewerState, viewerId: string | null, snapshot: RoomSnapshot, clockOffsetMs: number, skipped?: { after: number; upTo: number }): ViewerState {
  const gap = skipped && state.feed.length > 0 ? [{ kind: 'gap' as const, id: `${skipped.after}-${skipped.upTo}`, at: itemTime(state.feed.at(-1)) }] : [];
  return {
    ...state,
    feed: gap.length > 0 ? trimFeed([...state.feed, ...gap]) : state.feed,
    clockOffsetMs,
    connection: 'open',
    welcomed: true,
    roomError: null,
    viewerId,
    pinned: snapshot.pinned && cleanComment(snapshot.pinned),
    promotion: snapshot.promotion,
    viewerCount: snapshot.viewerCount,
    likes: snapshot.likes,
    video: snapshot.video,
    ended: snapshot.ended,
  };
}

/** Drops the oldest entries beyond FEED_LIMIT, others' before the viewer's own. */
export function trimFeed(feed: FeedItem[], limit = FEED_LIMIT): FeedItem[] {
  let excess = feed.length - limit;
  if (excess <= 0) return feed;
  const isOwn = (item: FeedItem) => item.kind === 'comment' && item.own;
  const others = feed.filter((item) => !isOwn(item)).length;
  let dropOthers = Math.min(excess, others);
  excess -= dropOthers;
  let dropOwn = excess;
  return feed.filter((item) => {
    if (isOwn(item)) {
      if (dropOwn > 0) {
        dropOwn -= 1;
        return false;
      }
      return true;
    }
    if (dropOthers > 0) {
      dropOthers -= 1;
      return false;
    }
    return true;
  });
}

function withComment(feed: FeedItem[], comment: RoomComment, own: boolean): FeedItem[] {
  const index = feed.findIndex((item) => item.kind === 'comment' && item.id === comment.id);
  if (index >= 0) {
    const existing = feed[index];
    if (existing?.kind !== 'comment') return feed;
    const next = feed.slice();
    next[index] = { ...existing, comment, own: existing.own || own };
    return next;
  }
  // Comments arrive in order almost always; one that is older than the newest goes in its place.
  const entry: FeedItem = { kind: 'comment', id: comment.id, comment, own };
  let at = feed.length;
  while (at > 0 && itemTime(feed[at - 1]) > comment.at) at -= 1;
  const next = feed.slice();
  next.splice(at, 0, entry);
  return trimFeed(next);
}

function itemTime(item: FeedItem | undefined): number {
  if (!item) return Number.NEGATIVE_INFINITY;
  return item.kind === 'comment' ? item.comment.at : item.at;
}

/** The viewer's comment, as the room acknowledged it: shown at once, whatever the broadcast does. */
export function applyOwnComment(state: ViewerState, comment: RoomComment): ViewerState {
  return { ...state, feed: withComment(state.feed, cleanComment(comment), true) };
}

function withOrder(orders: ViewerOrder[], order: RoomOrder): ViewerOrder[] {
  const index = orders.findIndex((existing) => existing.id === order.id);
  if (index < 0) return [...orders, order];
  const next = orders.slice();
  next[index] = order;
  return next;
}

function withStatus(orders: ViewerOrder[], orderId: string, status: OrderStatus): ViewerOrder[] {
  return orders.map((order) => {
    if (order.id !== orderId) return order;
    return order.status === 'waitlisted' && status === 'new' ? { ...order, status, movedUp: true } : { ...order, status };
  });
}

function withProductUpdate(promotion: Promotion | null, update: (product: RoomProduct) => RoomProduct | null): Promotion | null {
  if (!promotion) return promotion;
  const product = update(promotion.product);
  return product ? { ...promotion, product } : promotion;
}

export function applyEvent(state: ViewerState, event: RoomEvent): ViewerState {
  switch (event.kind) {
    case 'comment': {
      const own = state.viewerId !== null && event.comment.viewerId === state.viewerId;
      return { ...state, feed: withComment(state.feed, cleanComment(event.comment), own) };
    }
    case 'commentHidden': {
      // The author keeps seeing what they wrote; everyone else's copy goes, quotes of it too.
      const feed = state.feed
        .filter((item) => !(item.kind === 'comment' && item.id === event.commentId && !item.own))
        .map((item) => (item.kind === 'reply' && item.replyTo?.commentId === event.commentId ? { ...item, replyTo: null } : item));
      const quoted = state.feed.some((item) => item.kind === 'reply' && item.replyTo?.commentId === event.commentId);
      const pinned = state.pinned?.id === event.commentId ? null : state.pinned;
      return feed.length === state.feed.length && pinned === state.pinned && !quoted ? state : { ...state, feed, pinned };
    }
    case 'reply': {
      if (state.feed.some((item) => item.kind === 'reply' && item.id === event.replyId)) return state;
      const original = event.commentId === null ? undefined : state.feed.find((item) => item.kind === 'comment' && item.id === event.commentId);
      const replyTo = original?.kind === 'comment' ? { commentId: original.id, name: original.comment.name, text: original.comment.text } : null;
      const entry: FeedItem = { kind: 'reply', id: event.replyId, text: sanitizeOverlayText(event.text, roomLimits.replyChars), at: event.at, replyTo };
      return { ...state, feed: trimFeed([...state.feed, entry]) };
    }
    case 'order':
      // The room sends a viewer only their own orders; a stray one is not this viewer's business.
      if (state.viewerId !== null && event.order.viewerId !== state.viewerId) return state;
      return { ...state, orders: withOrder(state.orders, event.order) };
    case 'orderStatus':
      if (state.viewerId !== null && event.viewerId !== state.viewerId) return state;
      return { ...state, orders: withStatus(state.orders, event.orderId, event.status) };
    case 'pinned':
      return { ...state, pinned: event.comment && cleanComment(event.comment) };
    case 'promotion':
      return { ...state, promotion: event.promotion };
    case 'stock':
      return { ...state, promotion: withProductUpdate(state.promotion, (product) => (product.id === event.productId ? productAfterStock(product, event) : null)) };
    case 'viewerCount':
      return { ...state, viewerCount: event.count };
    case 'likes':
      return { ...state, likes: event.total };
    case 'viewerBanned': {
      if (event.viewerId === state.viewerId) return { ...state, banned: true };
      const feed = state.feed.filter((item) => !(item.kind === 'comment' && item.comment.viewerId === event.viewerId));
      return feed.length === state.feed.length ? state : { ...state, feed };
    }
    case 'products':
      return { ...state, promotion: withProductUpdate(state.promotion, (product) => event.products.find((next) => next.id === product.id) ?? null) };
    case 'show':
      return { ...state, ended: event.ended };
    default: {
      const never: never = event;
      return never;
    }
  }
}

/**
 * server − local clock. Every event was stamped before it reached us, so `at − receivedAt`
 * underestimates the offset by the delivery time (and by much more for a replayed event): the
 * largest value seen is the closest.
 */
export function estimateClockOffset(previous: number | null, events: readonly { at: number }[], receivedAt: number): number | null {
  let best = previous;
  for (const event of events) {
    const offset = event.at - receivedAt;
    if (best === null || offset > best) best = offset;
  }
  return best;
}

export function applyEvents(state: ViewerState, events: readonly RoomEvent[], receivedAt: number): ViewerState {
  let next = state;
  for (const event of events) next = applyEvent(next, event);
  const clockOffsetMs = estimateClockOffset(state.clockOffsetMs, events, receivedAt);
  return clockOffsetMs === next.clockOffsetMs ? next : { ...next, clockOffsetMs };
}

export function applyConnection(state: ViewerState, roomState: 'connecting' | 'open' | 'closed'): ViewerState {
  const connection: ViewerConnection = roomState === 'open' ? 'open' : state.welcomed ? 'reconnecting' : 'connecting';
  return connection === state.connection ? state : { ...state, connection };
}

/** What the card shows of a flash sale at `now` (server time). */
export type SalePhase = { phase: 'none' } | { phase: 'running'; remainingMs: number } | { phase: 'over' };

export function salePhase(promotion: Promotion | null, serverNow: number): SalePhase {
  const sale = promotion?.flashSale;
  if (!sale) return { phase: 'none' };
  const remainingMs = sale.endsAt - serverNow;
  return remainingMs > 0 ? { phase: 'running', remainingMs } : { phase: 'over' };
}

/** Whether Buy is offered at `now` (server time): during the show, in the grace after it (with what is left), or not any more. */
export type BuyWindow = { phase: 'show' } | { phase: 'grace'; remainingMs: number } | { phase: 'closed' };

export function buyWindow(ended: ShowEnd | null, serverNow: number): BuyWindow {
  if (ended === null) return { phase: 'show' };
  if (buyingClosed(ended, serverNow) || ended.buyUntil === null) return { phase: 'closed' };
  return { phase: 'grace', remainingMs: ended.buyUntil - serverNow };
}

/**
 * "mm:ss" (rounded up, so it reads 00:01 until the sale ends, never 00:00 while still on);
 * "h:mm:ss" from an hour, where minutes alone would read 90:00.
 */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** One variant's stock on the card: "L: 3 left", "L: sold out", or its label when not tracked. */
export function variantStockLabel(variant: { label: string; stock: number | null }, { t }: Translator): string {
  const label = sanitizeOverlayText(variant.label, 30);
  if (variant.stock === null) return label;
  return variant.stock === 0 ? t('product.variantSoldOut', { label }) : t('product.variantLeft', { label, count: variant.stock });
}

/** "7 left", "Sold out", or nothing when stock is not tracked. */
export function stockLabel(stock: number | null, { t }: Translator): string | null {
  if (stock === null) return null;
  return stock === 0 ? t('product.soldOut') : t('product.left', { count: stock });
}

const orderStatusKeys: Record<OrderStatus, MessageKey> = { new: 'orders.status.new', handled: 'orders.status.handled', cancelled: 'orders.status.cancelled', waitlisted: 'orders.status.waitlisted' };

/** A claim that named no size or colour of the promoted product with variants: it waits for the viewer to say which. */
export function needsVariant(order: ViewerOrder, promotion: Promotion | null): boolean {
  return order.source === 'claim' && order.status === 'waitlisted' && order.variantId === null && promotion?.product.id === order.productId && (promotion.product.variants?.length ?? 0) > 0;
}

/**
 * What a claim naming no variant asks: an example comment with the promotion's first word and a
 * label in stock, and the labels in stock (in the viewer's language's "or" list); null when the
 * claim does not need one.
 */
export function variantQuestion(order: ViewerOrder, promotion: Promotion | null, translator: Translator): string | null {
  if (!promotion || !needsVariant(order, promotion)) return null;
  const inStock = (promotion.product.variants ?? []).filter((variant) => variant.stock !== 0).map((variant) => sanitizeOverlayText(variant.label, 30));
  const [first] = inStock;
  if (first === undefined) return translator.t('orders.claim.whichVariantNone');
  // The word the viewer used (the room's note quotes their comment), else the promotion's first.
  const quoted = order.note?.match(/"(.*)"$/u)?.[1]?.normalize('NFKC').toLowerCase() ?? '';
  const used = promotion.claimKeywords.find((word) => quoted.startsWith(word.normalize('NFKC').toLowerCase())) ?? promotion.claimKeywords[0] ?? '';
  const word = sanitizeOverlayText(used, 20);
  return translator.t('orders.claim.whichVariant', { example: `"${word} ${first}"`, labels: translator.alternatives(inStock) });
}

/** What became of an order, in the buyer's words: a claim says "Claimed" until the shop acts, unless it waited its turn first. */
export function orderStatusText(order: ViewerOrder, { t }: Translator, promotion: Promotion | null = null): string {
  if (needsVariant(order, promotion)) return t('orders.claim.needsVariant');
  if (order.source === 'claim') {
    if (order.status === 'waitlisted') return t('orders.claim.waitlisted');
    if (order.status === 'new' && !order.movedUp) return t('orders.claim.claimed');
  }
  return t(orderStatusKeys[order.status]);
}

/** `Comment "+1" to claim`, every word listed when there are several; null when claims are off. */
export function claimHint(promotion: Promotion, translator: Translator): string | null {
  const words = promotion.claimKeywords.map((word) => `"${sanitizeOverlayText(word, 20)}"`);
  if (words.length === 0) return null;
  const listed = translator.alternatives(words);
  const labels = (promotion.product.variants ?? []).filter((variant) => variant.stock !== 0).map((variant) => sanitizeOverlayText(variant.label, 30));
  if (labels.length > 0) return translator.t('product.claimVariant', { words: listed, labels: translator.alternatives(labels) });
  // Past the stock a claim still counts: it joins the waitlist, which the Buy button cannot offer.
  return translator.t(promotion.product.stock === 0 ? 'product.claimWaitlist' : 'product.claim', { words: listed });
}

