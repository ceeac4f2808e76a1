import { eventsFrame } from './fanout.std';

// A resume, sent at the pace the socket takes it (issue 14). The room used to read and send a
// client's whole gap in one go: a 100-byte hello with `resumeFrom: 0` cost the room the whole
// log in memory, once per socket, and stalled every other socket while it was read. Now one
// chunk is read, handed to the socket, and the next is read only once that one has been
// written out (ws calls back then) — never more than one chunk ahead, so a socket that does
// not read holds one chunk, not the log — and only on a later turn of the loop, so every other
// socket's acks go between two chunks.

/** Events per chunk: 100 small events (photos are URLs) read and framed in well under a millisecond. */
export const REPLAY_CHUNK_EVENTS = 100;

export interface ReplaySocket {
  readonly bufferedAmount: number;
  /** `ws`'s send: `done` is called once the frame is written out, or with the error that ended the socket. */
  send(data: string, done: (error?: Error) => void): void;
}

export interface PacedReplayOptions {
  socket: ReplaySocket;
  /** Up to `limit` events after `seq`, as stored JSON, in seq order. */
  read: (seq: number, limit: number) => string[];
  from: number;
  /** The socket's slow-socket cap: a socket holding more than this unsent is dropped, as by the fan-out. */
  capBytes: number;
  /** Runs `run` on a later turn of the event loop. */
  defer: (run: () => void) => void;
  isClosed: () => boolean;
  /**
   * Called once, in the same turn as the read that reached the room's newest event: joining the
   * live feed there leaves no gap (every committed event is in the log; a later one is published).
   */
  onCaughtUp: () => void;
  onSlow: (bufferedBytes: number) => void;
}

export function replayPaced(options: PacedReplayOptions): void {
  const { socket } = options;
  let after = options.from;
  const step = () => {
    if (options.isClosed()) return;
    if (socket.bufferedAmount > options.capBytes) return options.onSlow(socket.bufferedAmount);
    const chunk = options.read(after, REPLAY_CHUNK_EVENTS);
    const last = chunk.at(-1);
    if (last === undefined) return options.onCaughtUp();
    after = (JSON.parse(last) as { seq: number }).seq;
    const more = chunk.length === REPLAY_CHUNK_EVENTS;
    socket.send(eventsFrame(chunk), (error) => {
      if (!error && more) options.defer(step);
    });
    if (!more) options.onCaughtUp();
  };
  step();
}
