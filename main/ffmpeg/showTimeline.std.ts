// The reading side of a show's timeline.jsonl (written by showTimelineWriter.node.ts): one
// JSON object per line, `{ at, seq, kind, … }`, `at` in epoch ms. Read tolerantly: after a crash
// the last line can be torn (the core killed mid-append), and a newer Shopcast may write kinds this
// one does not know; both are skipped, never fatal, since the recording matters more than its marks.
//
// Times come out in show time (ms from the `live` line, where the recording starts).

export interface ReplayChapter {
  productId: string;
  productName: string;
  startMs: number;
  /** null: it lasted until the end of the show, whose length was not given. */
  endMs: number | null;
}

export interface Money {
  currency: string;
  amountMinor: number;
}

export interface ProductSales {
  productId: string;
  productName: string;
  orders: number;
  units: number;
  gmv: Money[];
}

export interface PinMark {
  atMs: number;
  /** null: the pin was taken down. */
  comment: { id: string; name: string; text: string } | null;
}

export interface OrderTotals {
  orders: number;
  units: number;
  gmv: Money[];
  byProduct: ProductSales[];
}

export interface ReadTimeline {
  /** Epoch ms when the show went live; null without a readable `live` line. */
  liveAt: number | null;
  chapters: ReplayChapter[];
  pins: PinMark[];
  /** Orders still standing: a cancelled one counts for nothing. */
  orders: OrderTotals;
  /** Comments shown (hidden ones not counted). */
  comments: number;
  /** Those comments in show order, and the orders with their last status, within the recording: the replay's conversation. */
  commentList: (TimelineComment & { atMs: number })[];
  orderList: (TimelineOrder & { atMs: number; status: string })[];
  /** Show time of the last event read: the show lasted at least this long. */
  lastEventMs: number | null;
  /** Lines skipped (torn or unreadable). */
  skippedLines: number;
}

export interface ReadTimelineOptions {
  /** The recording's length: the last chapter ends there, and marks past it are dropped. */
  durationMs?: number | null;
}

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const stringOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
export const integer = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null);

/** An order as its lines tell it; `atMs` from its first line (a later one, replayed after a reconnect, brings only news). */
type OrderSeen = TimelineOrder & { atMs: number; status: string };

function addMoney(totals: Map<string, number>, currency: string, amountMinor: number): void {
  totals.set(currency, (totals.get(currency) ?? 0) + amountMinor);
}

const moneyOf = (totals: ReadonlyMap<string, number>): Money[] =>
  [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));

function totalsOf(orders: Iterable<OrderSeen>): OrderTotals {
  let count = 0;
  let units = 0;
  const gmv = new Map<string, number>();
  const products = new Map<string, { productName: string; orders: number; units: number; gmv: Map<string, number> }>();
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    count += 1;
    units += order.quantity;
    addMoney(gmv, order.currency, order.amountMinor);
    let product = products.get(order.productId);
    if (!product) products.set(order.productId, (product = { productName: order.productName, orders: 0, units: 0, gmv: new Map() }));
    product.orders += 1;
    product.units += order.quantity;
    addMoney(product.gmv, order.currency, order.amountMinor);
  }
  return {
    orders: count,
    units,
    gmv: moneyOf(gmv),
    byProduct: [...products].map(([productId, product]) => ({ productId, productName: product.productName, orders: product.orders, units: product.units, gmv: moneyOf(product.gmv) })),
  };
}

export interface TimelineComment {
  id: string;
  name: string;
  text: string;
}

export interface TimelineOrder {
  id: string;
  productId: string;
  productName: string;
  buyerName: string;
  quantity: number;
  amountMinor: number;
  currency: string;
  /** null: the line does not say (its status lines do). */
  status: string | null;
}

/** The comment of a `comment` or `pinned` line, or null when it has none readable. */
export function commentOf(value: unknown): TimelineComment | null {
  if (!isObject(value)) return null;
  const id = stringOf(value['id']);
  return id === null ? null : { id, name: stringOf(value['name']) ?? '', text: stringOf(value['text']) ?? '' };
}

/** The order of an `order` line, or null when its id, product, quantity or money is missing. */
export function orderOf(value: unknown): TimelineOrder | null {
  if (!isObject(value)) return null;
  const id = stringOf(value['id']);
  const productId = stringOf(value['productId']);
  const quantity = integer(value['quantity']);
  const amountMinor = integer(value['amountMinor']);
  const currency = stringOf(value['currency']);
  if (id === null || productId === null || quantity === null || amountMinor === null || currency === null) return null;
  return { id, productId, productName: stringOf(value['productName']) ?? productId, buyerName: stringOf(value['buyerName']) ?? '', quantity, amountMinor, currency, status: stringOf(value['status']) };
}

export interface TimelineLines {
  /** Every readable line, `at` a finite number. */
  lines: Json[];
  /** The `live` line: where the recording starts. */
  live: Json | null;
  liveAt: number | null;
  /** An epoch-ms `at` as show time: before the live line (a clock step) counts as the start. */
  showTime: (at: number) => number;
  skippedLines: number;
}

/** The readable lines of a timeline.jsonl and its clock; torn or foreign lines are counted, not fatal. */
export function timelineLines(text: string): TimelineLines {
  const lines: Json[] = [];
  let skippedLines = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      const line = JSON.parse(raw) as unknown;
      if (isObject(line) && finite(line['at']) !== null) lines.push(line);
      else skippedLines += 1;
    } catch {
      skippedLines += 1;
    }
  }
  const live = lines.find((line) => line['kind'] === 'live') ?? null;
  const liveAt = live ? (finite(live['at']) ?? null) : null;
  return { lines, live, liveAt, showTime: (at) => Math.max(0, at - (liveAt ?? at)), skippedLines };
}

export function readShowTimeline(text: string, options: ReadTimelineOptions = {}): ReadTimeline {
  const { lines, live, liveAt, showTime, skippedLines } = timelineLines(text);
  const durationMs = options.durationMs ?? null;

  const chapters: ReplayChapter[] = [];
  const pins: PinMark[] = [];
  const orders = new Map<string, OrderSeen>();
  const hidden = new Set<string>();
  const commentList: (TimelineComment & { atMs: number })[] = [];
  let lastEventMs: number | null = null;
  const close = (atMs: number) => {
    const open = chapters.at(-1);
    if (open && open.endMs === null) open.endMs = Math.max(open.startMs, atMs);
  };

  for (const line of lines) {
    const atMs = showTime(line['at'] as number);
    if (line !== live) lastEventMs = Math.max(lastEventMs ?? 0, atMs);
    switch (line['kind']) {
      case 'promotion': {
        if (liveAt === null) break;
        const product = isObject(line['product']) ? line['product'] : null;
        const productId = product ? stringOf(product['id']) : null;
        const open = chapters.at(-1);
        // The same product promoted again without a break (a flash sale started on it) is one chapter.
        if (productId !== null && open?.endMs === null && open.productId === productId) break;
        close(atMs);
        if (product && productId !== null) chapters.push({ productId, productName: stringOf(product['name']) ?? productId, startMs: atMs, endMs: null });
        break;
      }
      case 'pinned':
        pins.push({ atMs, comment: commentOf(line['comment']) });
        break;
      case 'comment': {
        const comment = commentOf(line['comment']);
        if (comment) commentList.push({ atMs, ...comment });
        break;
      }
      case 'commentHidden': {
        const id = stringOf(line['commentId']);
        if (id !== null) hidden.add(id);
        break;
      }
      case 'order': {
        const order = orderOf(line['order']);
        if (!order) break;
        const seen = orders.get(order.id);
        // A status line may arrive before its order's line in a replayed batch: it still wins.
        orders.set(order.id, { ...order, atMs: seen && seen.currency !== '' ? seen.atMs : atMs, status: seen?.status ?? order.status ?? 'new' });
        break;
      }
      case 'orderStatus': {
        const id = stringOf(line['orderId']);
        const status = stringOf(line['status']);
        if (id === null || status === null) break;
        const order = orders.get(id);
        if (order) order.status = status;
        else orders.set(id, { id, productId: '', productName: '', buyerName: '', quantity: 0, amountMinor: 0, currency: '', status, atMs });
        break;
      }
      default:
        // `live`, and kinds a newer Shopcast writes.
        break;
    }
  }

  let kept = chapters.filter((chapter) => chapter.endMs === null || chapter.endMs > chapter.startMs);
  if (durationMs !== null) {
    // Marks written after the recording stopped (it died before the room did) have no video.
    kept = kept
      .filter((chapter) => chapter.startMs < durationMs)
      .map((chapter) => ({ ...chapter, endMs: chapter.endMs === null ? durationMs : Math.min(chapter.endMs, durationMs) }));
  }
  const recorded = (atMs: number) => durationMs === null || atMs <= durationMs;
  const shown = commentList.filter((comment) => !hidden.has(comment.id) && recorded(comment.atMs));
  const read = [...orders.values()].filter((order) => order.currency !== '').sort((a, b) => a.atMs - b.atMs);
  // The show's sales all count, even those after its recording stopped; the player lists those it can show.
  const orderList = read.filter((order) => recorded(order.atMs));
  return {
    liveAt,
    chapters: kept,
    pins,
    orders: totalsOf(read),
    comments: shown.length,
    commentList: shown,
    orderList,
    lastEventMs,
    skippedLines,
  };
}

/** The products promoted during the show, once each, in the order they first appeared. */
export function productsPromoted(chapters: readonly ReplayChapter[]): { productId: string; productName: string }[] {
  const seen = new Map<string, string>();
  for (const chapter of chapters) if (!seen.has(chapter.productId)) seen.set(chapter.productId, chapter.productName);
  return [...seen].map(([productId, productName]) => ({ productId, productName }));
}
