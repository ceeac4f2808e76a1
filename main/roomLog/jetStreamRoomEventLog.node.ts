import {
  DeliverPolicy,
  DiscardPolicy,
  headers,
  NatsError,
  nanos,
  RetentionPolicy,
  StorageType,
  type JsMsg,
  type NatsConnection,
  type PubAck,
} from 'nats';
import { StaleAppendError, withSeq, type Following, type LogEntry, type LoggedEvent, type RoomEventLog } from './roomEventLog.std';

// A room's log on NATS JetStream (issue 14): one file-stored stream per room, whose stream
// sequence is the room's seq (dense per stream, assigned by the server), so a viewer resumes on
// any node. Why JetStream and not Redis Streams: docs/ARCHITECTURE.md, "The room's event log".
//
// Publishing is conditional and idempotent by the server's own checks, in the order it makes them
// (nats-server's processJetStreamMsg): a Nats-Msg-Id seen within the duplicate window answers the
// original seq and stores nothing; then Nats-Expected-Last-Sequence refuses a writer whose last
// seq is stale. A batch is pipelined: its first entry expects the last seq, each next one expects
// the previous entry's id as the stream's last message id, so no other writer's message can land
// inside it. Past the duplicate window a re-sent id is a new message: the writer that retries that
// late holds a stale seq and is refused, unless it reads the last seq again first.

const subjectPrefix = 'shopcast.room.';
const streamPrefix = 'SHOPCAST_ROOM_';
// JetStream's own default: long enough to cover a writer's retries after a lost answer.
const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;
const READ_TIMEOUT_MS = 5_000;
// Reads and follows each use an ordered consumer (ephemeral, in the server's memory). They are
// deleted when done; one left behind by a node that died goes this long after its last pull,
// rather than the client's default 5 minutes (a replay storm would leave thousands).
const CONSUMER_INACTIVE_MS = 30_000;

// nats-server's JSStreamWrongLastSequenceErrF and JSStreamWrongLastMsgIDErrF.
const WRONG_LAST_SEQUENCE = 10071;
const WRONG_LAST_MSG_ID = 10070;

const header = { kind: 'Shopcast-Kind', at: 'Shopcast-At', owner: 'Shopcast-Owner' } as const;

/**
 * A room id as one subject token and a stream name: letters, digits, '-' as they are, anything
 * else (a '.', '*', '>' or space would change what the name means) as _<hex>_, '_' included, so
 * two ids never share a name.
 */
export function roomLogNames(roomId: string): { stream: string; subject: string } {
  const token = [...roomId].map((char) => (/^[A-Za-z0-9-]$/.test(char) ? char : `_${char.codePointAt(0)?.toString(16)}_`)).join('');
  return { stream: `${streamPrefix}${token}`, subject: `${subjectPrefix}${token}` };
}

export interface JetStreamRoomEventLogOptions {
  nc: NatsConnection;
  roomId: string;
  duplicateWindowMs?: number;
}

const apiErrorCode = (error: unknown) => (error instanceof NatsError ? (error.api_error?.err_code ?? null) : null);

const PUBLISHES_PER_TURN = 250;

/** The stream's last seq from the server's refusal ("wrong last sequence: 12"), when it says it. */
const lastSeqIn = (error: unknown) => {
  const said = error instanceof NatsError ? /wrong last sequence: (\d+)/.exec(error.api_error?.description ?? '') : null;
  return said?.[1] === undefined ? null : Number(said[1]);
};

function loggedEvent(message: JsMsg): LoggedEvent {
  const owner = message.headers?.get(header.owner) ?? '';
  return {
    seq: message.seq,
    at: Number(message.headers?.get(header.at)),
    kind: message.headers?.get(header.kind) ?? '',
    owner: message.headers?.has(header.owner) ? owner : null,
    body: withSeq(message.seq, message.string()),
  };
}

/** Opens (creating it if new) the room's stream; the connection stays the caller's. */
export async function openJetStreamRoomEventLog({ nc, roomId, duplicateWindowMs = DEFAULT_DUPLICATE_WINDOW_MS }: JetStreamRoomEventLogOptions): Promise<RoomEventLog> {
  const { stream, subject } = roomLogNames(roomId);
  const jsm = await nc.jetstreamManager();
  // Adding a stream that exists with the same config is a no-op, so two nodes may both open it.
  await jsm.streams.add({
    name: stream,
    subjects: [subject],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_msgs: -1,
    max_bytes: -1,
    max_age: 0,
    num_replicas: 1,
    duplicate_window: nanos(duplicateWindowMs),
  });
  const js = nc.jetstream();

  const lastSeq = async () => (await jsm.streams.info(stream)).state.last_seq;

  const publish = (entry: LogEntry, expect: { lastSequence: number } | { lastMsgID: string }) => {
    const h = headers();
    h.set(header.kind, entry.kind);
    h.set(header.at, String(entry.at));
    if (entry.owner !== null) h.set(header.owner, entry.owner);
    return js.publish(subject, entry.body, { msgID: entry.id, headers: h, expect });
  };

  const orderedConsumer = (afterSeq: number) =>
    js.consumers.get(stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterSeq + 1, inactive_threshold: CONSUMER_INACTIVE_MS });
  // A server that is down cannot be asked to delete it: the inactive threshold does instead.
  const remove = (consumer: { delete(): Promise<boolean> }) => consumer.delete().catch(() => false);

  const stops = new Set<() => Promise<void>>();

  return {
    roomId,
    lastSeq,
    async append(entries, expectedLastSeq) {
      const seqs: number[] = [];
      let expected = expectedLastSeq;
      let from = 0;
      while (from < entries.length) {
        // js.publish writes its request before it first awaits, so the round goes out in order. The
        // whole round is in flight at once (a deeper pipeline: 16,000 events/s against 8,000 in
        // rounds of 1,000), written a slice per turn so the node's loop is never held long.
        // Each answer is settled as it is made: one refused while later slices are still being
        // written would otherwise be an unhandled rejection.
        const round: Promise<PromiseSettledResult<PubAck>>[] = [];
        for (let k = 0; from + k < entries.length; k++) {
          if (k > 0 && k % PUBLISHES_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
          const published = publish(entries[from + k] as LogEntry, k === 0 ? { lastSequence: expected } : { lastMsgID: entries[from + k - 1]?.id ?? '' });
          round.push(published.then((value) => ({ status: 'fulfilled', value }) as const, (reason: unknown) => ({ status: 'rejected', reason }) as const));
        }
        const answers = await Promise.all(round);
        let k = 0;
        for (; k < answers.length; k++) {
          const answer = answers[k] as PromiseSettledResult<PubAck>;
          if (answer.status === 'fulfilled') {
            seqs.push(answer.value.seq);
            if (!answer.value.duplicate) expected = answer.value.seq;
            continue;
          }
          const code = apiErrorCode(answer.reason);
          if (k === 0 && code === WRONG_LAST_SEQUENCE) throw new StaleAppendError(expectedLastSeq, lastSeqIn(answer.reason), seqs);
          // A later entry refused because the one before it was already logged, and so is not the
          // stream's last message: it goes again, first of a new round, against the last seq.
          if (k > 0 && code === WRONG_LAST_MSG_ID) break;
          throw answer.reason;
        }
        from += k;
      }
      return { seqs };
    },
    async read(afterSeq, limit) {
      const wanted = Math.min(limit, (await lastSeq()) - afterSeq);
      if (wanted <= 0) return [];
      const consumer = await orderedConsumer(afterSeq);
      try {
        const events: LoggedEvent[] = [];
        const messages = await consumer.fetch({ max_messages: wanted, expires: READ_TIMEOUT_MS });
        for await (const message of messages) {
          events.push(loggedEvent(message));
          if (events.length === wanted) break;
        }
        return events;
      } finally {
        await remove(consumer);
      }
    },
    async follow(afterSeq, onEvent): Promise<Following> {
      // An ordered consumer: the client checks every delivery's sequence and recreates the
      // consumer from the last one it delivered on a gap or a lost server, so each event comes
      // once, in order, across reconnects.
      const consumer = await orderedConsumer(afterSeq);
      let stopped = false;
      const messages = await consumer.consume({
        // Pulled 1,000 at a time (the client's default is 100): a busy show's log is thousands of
        // events a second, and each pull is a request of its own.
        max_messages: 1000,
        callback: (message) => {
          if (!stopped) onEvent(loggedEvent(message));
        },
      });
      const stop = async () => {
        stopped = true;
        stops.delete(stop);
        await messages.close();
        await remove(consumer);
      };
      stops.add(stop);
      return { stop };
    },
    async close() {
      await Promise.all([...stops].map((stop) => stop()));
    },
  };
}
