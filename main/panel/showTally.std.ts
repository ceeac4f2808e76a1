import type { RoomEvent } from '../../contract/room/roomEvents.std';
import { RESULT_EVENT_KINDS, type ShowRecord } from './showResults.std';

// What the show's results are computed from, kept while a show is on: the room events of the
// kinds a summary reads, heard live (never the log's replay of earlier shows).

export interface ShowTally {
  begin(startedAt: number, viewersAtStart: number): void;
  record(events: readonly RoomEvent[]): void;
  /** The show so far, or null when none began; the tally stops keeping events. */
  finish(end: Pick<ShowRecord, 'showId' | 'endedAt' | 'buyUntil'>): ShowRecord | null;
}

export function createShowTally(): ShowTally {
  let show: { startedAt: number; viewersAtStart: number; events: RoomEvent[] } | null = null;
  return {
    begin(startedAt, viewersAtStart) {
      show = { startedAt, viewersAtStart, events: [] };
    },
    record(events) {
      if (!show) return;
      for (const event of events) if (RESULT_EVENT_KINDS.has(event.kind)) show.events.push(event);
    },
    finish(end) {
      const ended = show;
      show = null;
      return ended ? { ...ended, ...end } : null;
    },
  };
}
