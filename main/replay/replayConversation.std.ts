import type { ReplayComment, ReplayMark, ReplayOrder } from '../../contract/schemas/replay.std';
import type { ReadTimeline } from '../ffmpeg/showTimeline.std';

// What the replay's player shows beside the video: the show's comments and orders on the show's
// clock, and the marks on its timeline (each promotion, each pin, each burst of orders). Read from
// the same reading of timeline.jsonl as the chapters (readShowTimeline).

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

/** The player's side of a read timeline (readShowTimeline with the recording's length). */
export function replayConversation(timeline: ReadTimeline, durationMs: number | null): ReplayConversation {
  const recorded = (atMs: number) => durationMs === null || atMs <= durationMs;
  const orders = timeline.orderList.map(({ atMs, id, buyerName, productName, quantity, amountMinor, currency, status }) => ({ atMs, id, buyerName, productName, quantity, amountMinor, currency, status }));
  const marks: ReplayMark[] = [
    ...timeline.chapters.map((chapter) => ({ kind: 'promotion' as const, atMs: chapter.startMs, endMs: chapter.endMs, productId: chapter.productId, productName: chapter.productName })),
    ...timeline.pins.flatMap((pin) => (pin.comment && recorded(pin.atMs) ? [{ kind: 'pin' as const, atMs: pin.atMs, name: pin.comment.name, text: pin.comment.text }] : [])),
    ...orderSpikes(orders.filter((order) => order.status !== 'cancelled').map((order) => order.atMs)).map((spike) => ({ kind: 'orders' as const, ...spike })),
  ].sort((a, b) => a.atMs - b.atMs);
  return { comments: timeline.commentList.slice(0, MAX_REPLAY_COMMENTS), orders, marks };
}
