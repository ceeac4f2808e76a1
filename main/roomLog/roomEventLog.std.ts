// A room's ordered event log (issue 14), the one interface the room writes and follows whatever
// engine holds it: SQLite in the room's own file (the embedded default, one node) or a NATS
// JetStream stream per room (several nodes; a viewer resumes on any of them). The log's sequence
// is the room's `seq`: dense, 1, 2, 3… per room, assigned by the log, never by the writer.

/** What a writer appends: one room event, its `seq` not yet known. */
export interface LogEntry {
  /**
   * The append's idempotency key: appending an id the log already holds appends nothing and
   * answers the seq it was logged at (JetStream: only within the stream's duplicate window).
   */
  id: string;
  at: number;
  kind: string;
  /** The viewer the event is about (a comment's author, an order's buyer), or null. */
  owner: string | null;
  /** The event as a JSON object text without `seq`: the log puts `seq` in (`withSeq`). */
  body: string;
}

/** An event as the log holds it: `body` is the event's JSON with `seq` first, as the room sends it. */
export interface LoggedEvent {
  seq: number;
  at: number;
  kind: string;
  owner: string | null;
  body: string;
}

export interface Following {
  /** Stops delivering; nothing is delivered once this resolves. */
  stop(): Promise<void>;
}

export interface RoomEventLog {
  readonly roomId: string;
  /** The seq of the newest event, 0 for an empty log. */
  lastSeq(): Promise<number>;
  /**
   * Appends `entries` in order, only while the log's last seq is `expectedLastSeq`: a writer that
   * read a stale seq (another node appended since) gets a `StaleAppendError` and no event of it
   * lands after another writer's. Entries whose id is already logged are not appended again and
   * answer their original seq, whatever `expectedLastSeq` says, so a retry of an append whose
   * answer was lost is safe. Answers one seq per entry, in order.
   */
  append(entries: readonly LogEntry[], expectedLastSeq: number): Promise<{ seqs: number[] }>;
  /** Up to `limit` events after `afterSeq`, in seq order. */
  read(afterSeq: number, limit: number): Promise<LoggedEvent[]>;
  /**
   * Delivers every event after `afterSeq` once, in seq order, then each new one as it is
   * appended (by this node or another), until stopped. Resolves once following has started.
   */
  follow(afterSeq: number, onEvent: (event: LoggedEvent) => void): Promise<Following>;
  /** Stops every follower of this log; the connection or database it was given stays open. */
  close(): Promise<void>;
}

/**
 * An append refused because the log's last seq was not the one the writer expected. `written`:
 * the seqs of the entries before the refused one (already logged ids, or — JetStream only, where
 * a batch is not one transaction — entries appended before another writer got in); appending the
 * same entries again against `lastSeq` answers those same seqs and appends the rest.
 */
export class StaleAppendError extends Error {
  override readonly name = 'StaleAppendError';
  constructor(
    readonly expectedLastSeq: number,
    /** The log's last seq when it refused, when the engine says it. */
    readonly lastSeq: number | null,
    readonly written: readonly number[],
  ) {
    super(`The room's event log is at seq ${lastSeq ?? 'unknown'}, not ${expectedLastSeq}: another writer appended first.`);
  }
}

export const isStaleAppend = (error: unknown): error is StaleAppendError => error instanceof StaleAppendError;

/**
 * The event's JSON with `seq` put first, byte for byte what the room has always stored and sent
 * (`{ seq, at, ...body }`), without parsing the body again.
 */
export function withSeq(seq: number, body: string): string {
  if (!body.startsWith('{') || !body.endsWith('}')) throw new Error('A logged event body is a JSON object.');
  const rest = body.slice(1).trimStart();
  return rest === '}' ? `{"seq":${seq}}` : `{"seq":${seq},${rest}`;
}

/** The inverse of `withSeq`: the room's stored JSON (`seq` first) without it, unparsed when it is first. */
export function withoutSeq(body: string): string {
  const leading = /^\{"seq":\d+(,|\})/.exec(body);
  if (leading) return leading[1] === '}' ? '{}' : `{${body.slice(leading[0].length)}`;
  const { seq: _seq, ...rest } = JSON.parse(body) as { seq?: number };
  return JSON.stringify(rest);
}
