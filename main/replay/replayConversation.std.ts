import type { ReplayComment, ReplayMark, ReplayOrder } from '../../contract/schemas/replay.std';
import { commentOf, orderOf, stringOf, timelineLines, type PinMark, type ReplayChapter } from './showTimeline.std';

// What the replay's player shows beside the video: the show's comments and orders on the show's
// clock, and the marks on its timeline (each promotion, each pin, each burst of orders). Read from
// the same timeline.jsonl as the chapters (showTimeline.std.ts), as tolerantly.

/** A burst of orders: at least this many within the window is marked on the timeline. */
export const ORDER_SPIKE_MIN = 3;
export const ORDER_SPIKE_WINDOW_MS = 30_000;
/** A long show's comments beyond this are left out of the player (the room's database keeps them all). */
export const MAX_REPLAY_COMMENTS = 20_000;

export interface ReplayConversation {
  comments: ReplayComment[];
  orders: ReplayOrder[];
  marks: ReplayMark[];
}

/** Marks where `min` orders (or more) fall within `windowMs`, at the first of them; one mark per burst. */
export function orderSpikes(times: readonly number[], min = ORDER_SPIKE_MIN, windowMs = ORDER_SPIKE_WINDOW_MS): { atMs: number; orders: number }[] {
  const sorted = [...times].sort((a, b) => a - b);
  const spikes: { atMs: number; orders: number }[] = [];
  let start = 0;
  while (start < sorted.length) {
    const from = sorted[start] ?? 0;
    let end = start;
    while (end < sorted.length && (sorted[end] ?? 0) < from + windowMs) end += 1;
    if (end - start >= min) {
      spikes.push({ atMs: from, orders: end - start });
      start = end;
    } else start += 1;
  }
  return spikes;
}

export function readReplayConversation(
  text: string,
  summary: { chapters: readonly ReplayChapter[]; pins: readonly PinMark[]; durationMs: number | null },
): ReplayConversation {
  const { lines, showTime } = timelineLines(text);
  const durationMs = summary.durationMs;
  const recorded = (atMs: number) => durationMs === null || atMs <= durationMs;
  const comments: ReplayComment[] = [];
  const hidden = new Set<string>();
  const orders = new Map<string, ReplayOrder>();
  const statuses = new Map<string, string>();
  for (const line of lines) {
    const atMs = showTime(line['at'] as number);
    switch (line['kind']) {
      case 'comment': {
        const comment = commentOf(line['comment']);
        if (comment && recorded(atMs)) comments.push({ atMs, ...comment });
        break;
      }
      case 'commentHidden': {
        const id = stringOf(line['commentId']);
        if (id !== null) hidden.add(id);
        break;
      }
      case 'order': {
        const order = orderOf(line['order']);
        if (!order || !recorded(atMs)) break;
        // The first line of an order says when it came; a later one (replayed after a reconnect) only its news.
        orders.set(order.id, {
          atMs: orders.get(order.id)?.atMs ?? atMs,
          id: order.id,
          buyerName: order.buyerName,
          productName: order.productName,
          quantity: order.quantity,
          amountMinor: order.amountMinor,
          currency: order.currency,
          status: order.status ?? 'new',
        });
        break;
      }
      case 'orderStatus': {
        const id = stringOf(line['orderId']);
        const status = stringOf(line['status']);
        if (id !== null && status !== null) statuses.set(id, status);
        break;
      }
      default:
        break;
    }
  }
  const orderList = [...orders.values()].map((order) => ({ ...order, status: statuses.get(order.id) ?? order.status })).sort((a, b) => a.atMs - b.atMs);
  const marks: ReplayMark[] = [
    ...summary.chapters.map((chapter) => ({ kind: 'promotion' as const, atMs: chapter.startMs, endMs: chapter.endMs, productId: chapter.productId, productName: chapter.productName })),
    ...summary.pins.flatMap((pin) => (pin.comment && recorded(pin.atMs) ? [{ kind: 'pin' as const, atMs: pin.atMs, name: pin.comment.name, text: pin.comment.text }] : [])),
    ...orderSpikes(orderList.filter((order) => order.status !== 'cancelled').map((order) => order.atMs)).map((spike) => ({ kind: 'orders' as const, ...spike })),
  ].sort((a, b) => a.atMs - b.atMs);
  return {
    comments: comments.filter((comment) => !hidden.has(comment.id)).slice(0, MAX_REPLAY_COMMENTS),
    orders: orderList,
    marks,
  };
}
