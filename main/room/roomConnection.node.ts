import type { z } from 'zod';
import type { AckFrame, ErrorFrame, RoomErrorCode, WelcomeFrame } from '../../contract/room/roomEvents.std';
import { actionMessageSchema, type ActionMessage, helloSchema, ROOM_PROTOCOL_VERSION, roomLimits, type RoomProduct, viewerMessageSchema } from '../../contract/room/roomMessages.std';
import type { Logger } from '../log/logger.std';
import { roomErrorCodeOf } from '../sfu/sfuErrors.std';
import { tokenMatches } from '../security/tokenMatches.node';
import { eventsFrame, type Fanout } from './fanout.std';
import type { LiveRoom } from './liveRoom.node';
import type { RateLimiter } from './rateLimiter.std';
import { roomCloseCodes } from './roomCloseCodes.std';
import { replayPaced } from './pacedReplay.std';
import type { RoomRateLimits } from './roomLimits.std';
import type { RoomPhotos } from './roomPhotos.node';
import type { RoomVideo, ViewerVideo } from './roomVideo.std';

// One socket of a live room, from hello to close. Every frame is checked here, at the edge:
// size, JSON, protocol version, schema (unknown fields refused), rate limits. A refusal names
// what was wrong; the socket stays open unless it keeps flooding.

export interface ConnectionSocket {
  readonly bufferedAmount: number;
  /** `done`: once the frame is written out (a resume paces itself on it). */
  send(data: string, done?: (error?: Error) => void): void;
  send(data: Uint8Array, options: { binary: false }): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

export interface RoomRuntime {
  room: LiveRoom;
  fanout: Fanout;
  video: RoomVideo;
  /** The room's viewers' sockets: this node's, plus, in a cluster, those the other nodes last said they hold. */
  viewers(): number;
  /** Whether this viewer key has joined the room before (then it adds no row). */
  knowsViewer(viewerKey: string): boolean;
}

export interface ConnectionContext {
  roomId: string;
  address: string;
  /**
   * The room, or null when no such room exists (a studio hello with the token creates it); a
   * promise while a cluster node opens it from the shared database (the hello waits).
   */
  runtime: (create: boolean) => RoomRuntime | null | Promise<RoomRuntime | null>;
  studioToken: string;
  limits: RoomRateLimits;
  limiters: {
    commentPerViewer: RateLimiter;
    commentPerAddress: RateLimiter;
    orderPerViewer: RateLimiter;
    orderPerAddress: RateLimiter;
    newViewerPerAddress: RateLimiter;
  };
  socketLimiter: RateLimiter;
  /** Where the room keeps product photos: a studio's inline photo is stored and sent on by its address. */
  photos: RoomPhotos;
  nowMs: () => number;
  /** Runs `run` after `ms` unless cancelled: the hello timeout. */
  schedule: (ms: number, run: () => void) => () => void;
  /** Runs `run` on a later turn of the loop (setImmediate): a resume's next chunk. */
  defer: (run: () => void) => void;
  log: Logger;
  onJoined: () => void;
}

const WRONG_TOKEN = 'The studio token is wrong.';
/**
 * How far back a viewer's resume is replayed, in the room's seqs: a phone that lost the room
 * for half a minute of a busy show (50 events a second) gets every one of them back. Further
 * behind, the replay would be a feed the page no longer shows (it keeps FEED_LIMIT entries), so
 * the viewer is welcomed as a new arrival is, with `skipped` saying what was left out.
 */
export const REPLAY_WINDOW_EVENTS = 2000;
/** How many recent comments a viewer arriving without history gets (with all of their own orders). */
const RECENT_COMMENTS = 20;

// A studio follows the video state too (whether a broadcaster is on), without consuming media.
type Peer = { role: 'studio'; actor: string; video: ViewerVideo } | { role: 'viewer'; viewerId: string; video: ViewerVideo };

/** The studio's products as the room keeps them: each inline photo stored once, replaced by its address. */
function photosByAddress(message: ActionMessage, photos: RoomPhotos, roomId: string): ActionMessage | Promise<ActionMessage> {
  const { action } = message;
  if (action.kind !== 'upsertProducts') return message;
  const products = action.products.map((product) => photos.withPhotoUrl(roomId, product));
  if (!products.some((product) => product instanceof Promise)) return { ...message, action: { ...action, products: products as RoomProduct[] } };
  return Promise.all(products).then((stored) => ({ ...message, action: { ...action, products: stored } }));
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The message is not valid.';
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}

export function handleRoomConnection(socket: ConnectionSocket, context: ConnectionContext): { onMessage(data: Buffer | string, isBinary: boolean): void; onClose(): void } {
  const { limits, log } = context;
  let peer: Peer | null = null;
  let runtime: RoomRuntime | null = null;
  let refusalsInARow = 0;
  let closed = false;
  /** The studio's actions waiting for their photos to be stored (cluster), so they still reach the room in the order sent. */
  let studioTurn: Promise<void> | null = null;
  /** Messages read while the room opens for this socket's hello (cluster), or null. */
  let waiting: unknown[] | null = null;
  const send = (frame: object) => {
    if (!closed) socket.send(JSON.stringify(frame));
  };
  const sendError = (code: RoomErrorCode, message: string) => send({ type: 'error', code, message } satisfies ErrorFrame);
  const sendAck = (ack: AckFrame) => send(ack);
  const withPhotoUrls = (message: ActionMessage) => photosByAddress(message, context.photos, context.roomId);
  /** Refuses the hello and closes the socket: nothing more is read from it. */
  const refuseHello = (code: RoomErrorCode, message: string, closeCode: number, reason: string) => {
    sendError(code, message);
    closed = true;
    socket.close(closeCode, reason);
  };
  // A silent socket would hold one of its address's sockets and its slot in the room for good.
  const cancelHelloTimeout = context.schedule(limits.helloTimeoutMs, () => {
    if (!peer && !closed) refuseHello('not-ready', `Say hello within ${limits.helloTimeoutMs / 1000} s of connecting.`, roomCloseCodes.policy, 'No hello in time.');
  });

  /** Acks once the room committed; a failed commit is answered too, so the client retries. */
  const answer = (pending: Promise<AckFrame>, clientId: string) =>
    pending.then(sendAck, (error: unknown) => {
      log.error('a room change failed', { error });
      sendAck({ type: 'ack', clientId, ok: false, code: 'failed', message: 'The room could not save that just now; try again.' });
    });

  const refused = (code: RoomErrorCode, message: string, clientId: string | null) => {
    refusalsInARow += 1;
    if (refusalsInARow >= limits.floodCloseAfter) {
      log.warn('closing a flooding socket', { address: context.address, refusals: refusalsInARow });
      closed = true;
      socket.close(roomCloseCodes.policy, 'Too many refused messages.');
      return;
    }
    if (clientId) sendAck({ type: 'ack', clientId, ok: false, code, message });
    else sendError(code, message);
  };

  const welcome = (role: 'viewer' | 'studio', viewerId: string | null, runtimeOf: RoomRuntime, skipped?: WelcomeFrame['skipped']) => {
    const { room, video } = runtimeOf;
    // The viewer being welcomed joins the fan-out only after its replay: count it already, so a
    // lone viewer sees 1, not 0. The room's own count follows at onJoined.
    const viewerCount = runtimeOf.viewers() + (role === 'viewer' ? 1 : 0);
    const snapshot = { ...room.snapshot(), viewerCount, video: video.videoState() };
    const frame: WelcomeFrame = { type: 'welcome', v: ROOM_PROTOCOL_VERSION, roomId: context.roomId, role, viewerId, lastSeq: room.lastSeq(), serverTime: context.nowMs(), snapshot, ...(skipped ? { skipped } : {}) };
    send(frame);
  };

  /** Replays what came after `from` at the socket's pace, then joins the live feed (`join`). */
  const replay = (room: LiveRoom, from: number, viewerId: string | null, join: () => void) =>
    replayPaced({
      socket,
      read: (after, limit) => room.eventsSince(after, viewerId, limit),
      from,
      capBytes: viewerId === null ? limits.maxStudioBufferBytes : limits.maxViewerBufferBytes,
      defer: context.defer,
      isClosed: () => closed,
      onCaughtUp: join,
      onSlow: (bufferedBytes) => {
        log.warn('dropped a slow socket during its resume', { roomId: context.roomId, who: viewerId === null ? 'studio' : 'viewer', bufferedBytes });
        closed = true;
        socket.terminate();
      },
    });

  const onHello = (json: unknown) => {
    // Any hello is answered now, by a welcome or by closing the socket.
    cancelHelloTimeout();
    const parsed = helloSchema.safeParse(json);
    if (!parsed.success) {
      const attempt = json as { type?: unknown; v?: unknown; role?: unknown } | null;
      if (attempt?.type === 'hello' && attempt.v !== ROOM_PROTOCOL_VERSION) {
        return refuseHello('unsupported-version', `This room speaks protocol version ${ROOM_PROTOCOL_VERSION}; reload the page or update the app.`, roomCloseCodes.policy, 'Expected a hello.');
      }
      // A token the schema refuses (too short, too long, missing) is a wrong token: say so, as for any other.
      if (attempt?.type === 'hello' && attempt.role === 'studio' && parsed.error.issues.some((issue) => issue.path[0] === 'token')) {
        return refuseHello('unauthorized', WRONG_TOKEN, roomCloseCodes.policy, 'Unauthorized.');
      }
      return refuseHello('not-ready', `Say hello first: ${firstIssue(parsed.error)}`, roomCloseCodes.policy, 'Expected a hello.');
    }
    const hello = parsed.data;
    if (hello.role === 'studio' && !tokenMatches(hello.token, context.studioToken)) return refuseHello('unauthorized', WRONG_TOKEN, roomCloseCodes.policy, 'Unauthorized.');
    const found = context.runtime(hello.role === 'studio');
    if (!(found instanceof Promise)) return helloTo(hello, found);
    // A cluster node opening the room from the shared database: what the client sends meanwhile
    // waits for the welcome, in order.
    waiting = [];
    found.then(
      (opened) => {
        const queued = waiting ?? [];
        waiting = null;
        if (closed) return;
        helloTo(hello, opened);
        for (const json of queued) onParsed(json);
      },
      (error: unknown) => {
        waiting = null;
        log.error('a room could not be opened', { roomId: context.roomId, error });
        refuseHello('failed', 'The room could not be opened just now; try again.', roomCloseCodes.tryAgainLater, 'Room not opened.');
      },
    );
  };

  const helloTo = (hello: z.infer<typeof helloSchema>, found: RoomRuntime | null) => {
    if (hello.role === 'studio') {
      runtime = found;
      if (!runtime) return;
      peer = { role: 'studio', actor: hello.actor ?? 'studio', video: runtime.video.openViewer((frame) => send(frame)) };
      welcome('studio', null, runtime);
      const studio = runtime;
      const join = () => {
        studio.fanout.addStudio(socket);
        context.onJoined();
      };
      // The studio gets its whole gap, however long, paced: its order book and the show's totals
      // are built from every order in the log, and the studio is one authenticated socket.
      if (hello.resumeFrom !== undefined) replay(studio.room, hello.resumeFrom, null, join);
      else join();
      return;
    }
    if (!found) return refuseHello('not-found', 'This live room does not exist (yet): check the link.', roomCloseCodes.policy, 'No such room.');
    // Only a key new to the room adds a row; past the address's budget it must wait (try again later).
    if (!found.knowsViewer(hello.viewerKey) && !context.limiters.newViewerPerAddress.take(context.address, context.nowMs())) {
      return refuseHello('rate-limited', 'Too many new viewers from this network just now: try again in a minute.', roomCloseCodes.tryAgainLater, 'Too many new viewers.');
    }
    runtime = found;
    const viewerId = runtime.room.identifyViewer(hello.viewerKey);
    const video = runtime.video.openViewer((frame) => send(frame));
    peer = { role: 'viewer', viewerId, video };
    const viewer = runtime;
    const join = () => {
      viewer.fanout.addViewer(socket, viewerId);
      context.onJoined();
    };
    const lastSeq = viewer.room.lastSeq();
    const { resumeFrom } = hello;
    if (resumeFrom !== undefined && lastSeq - resumeFrom <= REPLAY_WINDOW_EVENTS) {
      welcome('viewer', viewerId, viewer);
      replay(viewer.room, resumeFrom, viewerId, join);
      return;
    }
    welcome('viewer', viewerId, viewer, resumeFrom === undefined ? undefined : { after: resumeFrom, upTo: lastSeq });
    // A fresh page (a reload), or one too far behind, gets the room's latest comments and everything of the viewer's own.
    const history = viewer.room.arrivalHistory(viewerId, RECENT_COMMENTS);
    if (history.length > 0) socket.send(eventsFrame(history));
    join();
  };

  const onViewerMessage = (json: unknown, viewer: Extract<Peer, { role: 'viewer' }>, room: LiveRoom) => {
    const clientId = typeof (json as { clientId?: unknown } | null)?.clientId === 'string' ? ((json as { clientId: string }).clientId.slice(0, 64) || null) : null;
    const parsed = viewerMessageSchema.safeParse(json);
    if (!parsed.success) return refused('invalid', firstIssue(parsed.error), clientId);
    const message = parsed.data;
    const now = context.nowMs();
    switch (message.type) {
      case 'comment': {
        // A retry of something already committed gets its first answer, whatever the limits say now.
        const earlier = room.receipt(viewer.viewerId, message.clientId, 'comment');
        if (earlier) return sendAck(earlier);
        if (!context.limiters.commentPerViewer.take(viewer.viewerId, now) || !context.limiters.commentPerAddress.take(context.address, now)) {
          return refused('rate-limited', 'Slow down: at most one comment a second.', message.clientId);
        }
        refusalsInARow = 0;
        return void answer(room.comment(viewer.viewerId, message), message.clientId);
      }
      case 'order': {
        const earlier = room.receipt(viewer.viewerId, message.clientId, 'order');
        if (earlier) return sendAck(earlier);
        if (!context.limiters.orderPerViewer.take(viewer.viewerId, now) || !context.limiters.orderPerAddress.take(context.address, now)) {
          return refused('rate-limited', 'Too many orders at once: wait a moment and try again.', message.clientId);
        }
        refusalsInARow = 0;
        return void answer(room.order(viewer.viewerId, message), message.clientId);
      }
      case 'like':
        room.addLikes(message.count);
        return;
      case 'sfu': {
        const { requestId } = message;
        viewer.video.handle(message.request).then(
          (data) => send({ type: 'sfu', requestId, ok: true, data }),
          (error: unknown) => send({ type: 'sfu', requestId, ok: false, code: roomErrorCodeOf(error), message: error instanceof Error ? error.message : String(error) }),
        );
        return;
      }
      default: {
        const never: never = message;
        return never;
      }
    }
  };

  /** A frame read as JSON and within the socket's rate: a hello, a viewer's message or a studio's action. */
  const onParsed = (json: unknown) => {
    if (!peer || !runtime) return onHello(json);
    if (peer.role === 'viewer') return onViewerMessage(json, peer, runtime.room);
    const parsed = actionMessageSchema.safeParse(json);
    const clientId = typeof (json as { clientId?: unknown } | null)?.clientId === 'string' ? (json as { clientId: string }).clientId.slice(0, 64) : null;
    if (!parsed.success) return refused('invalid', firstIssue(parsed.error), clientId);
    refusalsInARow = 0;
    const { room } = runtime;
    const { actor } = peer;
    const { clientId: actionId } = parsed.data;
    const stored = withPhotoUrls(parsed.data);
    if (!studioTurn && !(stored instanceof Promise)) return void answer(room.act(actor, stored), actionId);
    const turn = (studioTurn ?? Promise.resolve()).then(async () => {
      const ready = await Promise.resolve(stored).catch((error: unknown) => {
        log.error('a product photo could not be stored', { error });
        return null;
      });
      if (ready) void answer(room.act(actor, ready), actionId);
      else sendAck({ type: 'ack', clientId: actionId, ok: false, code: 'failed', message: 'The room could not save that just now; try again.' });
    });
    studioTurn = turn;
    void turn.finally(() => {
      if (studioTurn === turn) studioTurn = null;
    });
  };

  return {
    onMessage(data, isBinary) {
      if (closed) return;
      if (isBinary) return refused('malformed', 'Frames are JSON text.', null);
      const text = typeof data === 'string' ? data : data.toString('utf8');
      // A studio sends products with their photos; a viewer only ever sends small messages.
      const maxBytes = peer?.role === 'studio' ? roomLimits.maxStudioFrameBytes : roomLimits.maxFrameBytes;
      if (Buffer.byteLength(text) > maxBytes) return refused('malformed', `A message may be at most ${maxBytes / 1024} KB.`, null);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return refused('malformed', 'That message is not JSON.', null);
      }
      if (!context.socketLimiter.take('socket', context.nowMs())) {
        // Answered as an ack when it carries a clientId, so the sender's outbox knows to send it again later.
        const clientId = typeof (json as { clientId?: unknown } | null)?.clientId === 'string' ? (json as { clientId: string }).clientId.slice(0, 64) : null;
        return refused('rate-limited', 'Too many messages: slow down.', clientId);
      }
      if (waiting) return void waiting.push(json);
      onParsed(json);
    },
    onClose() {
      closed = true;
      cancelHelloTimeout();
      if (runtime) runtime.fanout.remove(socket);
      peer?.video.close();
    },
  };
}
