import type { ShowEnd } from './roomEvents.std';

// One rule for whether Buy is open after a show, read by the room (which refuses the order) and
// by the viewers' page (which hides Buy at the same moment, on the room's clock).

/** Whether orders are refused at `now` (room clock): the show ended and its grace, if any, ran out. */
export function buyingClosed(ended: ShowEnd | null, now: number): boolean {
  return ended !== null && (ended.buyUntil === null || now >= ended.buyUntil);
}

/** The room's record of a show ending at `now` with Buy open `graceMinutes` longer (0: closed at once). */
export function showEndAt(now: number, graceMinutes: number): ShowEnd {
  return { endedAt: now, buyUntil: graceMinutes > 0 ? now + graceMinutes * 60_000 : null };
}
