import path from 'node:path';
import type { Promotion, RoomEvent } from '../../contract/room/roomEvents.std';
import type { LiveSession } from '../../contract/schemas/live.std';
import type { Logger } from '../log/logger.std';

// The show's timeline next to its recording: `<recordingPath>/timeline.jsonl`, one JSON object
// per line, `{ at, seq, kind, … }` with `at` on the room's clock (epoch ms). The first line
// (`kind: 'live'`, seq 0) says when the recording started, so a replay turns `at` into a position
// in the video. Promotion lines are the replay's chapter marks (the product promoted when the show
// starts gets one at the `live` line's moment); pins, comments (and their hiding),
// orders and their statuses let it show the show's conversation alongside. Buyers' contacts and
// notes stay in the room's database: a recording folder gets copied around.
//
// Lines are batched and appended at most every FLUSH_INTERVAL_MS (or at once past
// MAX_BUFFERED_CHARS), one append at a time, so a rush of comments costs a few writes a second
// and never a synchronous one.

export const TIMELINE_FILE = 'timeline.jsonl';
export const FLUSH_INTERVAL_MS = 500;
export const MAX_BUFFERED_CHARS = 256 * 1024;

export interface ShowTimelineDeps {
  appendFile: (file: string, text: string) => Promise<void>;
  schedule: (ms: number, run: () => void) => () => void;
  now: () => number;
  log: Logger;
  /** The product promoted right now, as the panel last heard from the room. */
  promotion: () => Promotion | null;
}

export interface ShowTimeline {
  /** Follows the go-live state: opens a timeline when a show is live (or reconnecting) with a recording folder, closes it when the show ends. */
  follow(session: LiveSession): void;
  /** The room's events as the panel received them live; kept only while a timeline is open. */
  record(events: readonly RoomEvent[]): void;
  /** Resolves once everything recorded so far is in the file. */
  flush(): Promise<void>;
}

/** A `promotion` line: the replay's chapter mark (null: the promotion ended). */
export function promotionLine(at: number, seq: number, promotion: Promotion | null): Record<string, unknown> {
  if (!promotion) return { at, seq, kind: 'promotion', product: null, flashSale: null, claimKeywords: [] };
  // The photo stays out: it can be 200 KB, and the catalogue has it.
  const { photo: _photo, ...product } = promotion.product;
  return { at, seq, kind: 'promotion', product, flashSale: promotion.flashSale, claimKeywords: promotion.claimKeywords };
}

/** The line for one room event, or null for what a replay does not need (audience, likes, the room's product list…). */
export function timelineLine(event: RoomEvent): Record<string, unknown> | null {
  const { at, seq } = event;
  switch (event.kind) {
    case 'promotion':
      return promotionLine(at, seq, event.promotion);
    case 'pinned':
      return { at, seq, kind: 'pinned', comment: event.comment };
    case 'comment':
      return { at, seq, kind: 'comment', comment: event.comment };
    case 'commentHidden':
      return { at, seq, kind: 'commentHidden', commentId: event.commentId };
    case 'order': {
      const { contact: _contact, note: _note, ...order } = event.order;
      return { at, seq, kind: 'order', order };
    }
    case 'orderStatus':
      return { at, seq, kind: 'orderStatus', orderId: event.orderId, status: event.status };
    case 'reply':
    case 'stock':
    case 'viewerCount':
    case 'likes':
    case 'viewerBanned':
    case 'products':
    case 'show':
      return null;
    default: {
      const never: never = event;
      return never;
    }
  }
}

export function createShowTimeline(deps: ShowTimelineDeps): ShowTimeline {
  let file: string | null = null;
  let showId: string | null = null;
  let buffer: string[] = [];
  let bufferedChars = 0;
  let cancelFlush: (() => void) | null = null;
  let writing: Promise<void> = Promise.resolve();

  const writeOut = () => {
    cancelFlush?.();
    cancelFlush = null;
    if (!file || buffer.length === 0) return writing;
    const target = file;
    const text = buffer.join('');
    buffer = [];
    bufferedChars = 0;
    writing = writing.then(() =>
      deps.appendFile(target, text).catch((error: unknown) => {
        // The show goes on without its chapter marks rather than stopping for them.
        deps.log.error('show timeline not written', { file: target, error });
      }),
    );
    return writing;
  };

  const push = (line: Record<string, unknown>) => {
    const text = `${JSON.stringify(line)}\n`;
    buffer.push(text);
    bufferedChars += text.length;
    if (bufferedChars >= MAX_BUFFERED_CHARS) void writeOut();
    else cancelFlush ??= deps.schedule(FLUSH_INTERVAL_MS, () => void writeOut());
  };

  return {
    follow(session) {
      const live = (session.state === 'live' || session.state === 'reconnecting') && session.recordingPath !== null;
      if (live && session.showId !== showId && session.recordingPath) {
        void writeOut();
        showId = session.showId;
        file = path.join(session.recordingPath, TIMELINE_FILE);
        const at = session.liveAt ?? session.startedAt ?? deps.now();
        push({ at, seq: 0, kind: 'live', showId });
        // A product promoted before Go Live is on screen from the first frame, and often sells
        // most: its chapter (and clip) starts with the show, not at its next promotion.
        const promoted = deps.promotion();
        if (promoted) push(promotionLine(at, 0, promoted));
        deps.log.info('show timeline started', { file });
      } else if (!live && file && session.state !== 'starting') {
        void writeOut();
        file = null;
        showId = null;
      }
    },
    record(events) {
      if (!file) return;
      for (const event of events) {
        const line = timelineLine(event);
        if (line) push(line);
      }
    },
    flush: () => writeOut(),
  };
}
