import { roomFrameSchema, type AckFrame, type RoomEvent, type VideoFrame, type WelcomeFrame } from './roomEvents.std';
import type { ActionMessage, CommentMessage, Hello, LikeMessage, OrderMessage } from './roomMessages.std';
import type { SfuRequest, SfuResults } from './sfuSignalling.std';

// The one client of the room protocol: the viewers' page, tests and the end-to-end studio feed
// use it. It reconnects with backoff, resumes from the last seq it saw, and keeps
// every comment, order or action it sent until the room acknowledges it, resending it with the
// same clientId after a reconnect: the room answers a repeat without counting it twice.

/**
 * The part of the WebSocket API shared by browsers and `ws`. The handlers' parameters are `never`
 * so both libraries' sockets are assignable; the client assigns handlers that read only `data`.
 */
export interface RoomSocket {
  readonly readyState: number;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type RoomConnectionState = 'connecting' | 'open' | 'closed';

export interface RoomClientOptions {
  url: string;
  openSocket: (url: string) => RoomSocket;
  /** The hello to send on every (re)connect; resumeFrom is the last seq seen, if any. */
  hello: (resumeFrom: number | undefined) => Hello;
  newClientId: () => string;
  schedule: (ms: number, run: () => void) => () => void;
  random?: () => number;
  onWelcome?: (welcome: WelcomeFrame) => void;
  onEvents?: (events: RoomEvent[]) => void;
  onVideo?: (frame: VideoFrame) => void;
  onState?: (state: RoomConnectionState, reason: string | null) => void;
  /** A protocol error the room sent (rate limit, invalid message, unauthorized…). */
  onError?: (code: string, message: string) => void;
}

type Sendable = Omit<CommentMessage, 'clientId'> | Omit<OrderMessage, 'clientId'> | Omit<ActionMessage, 'clientId'>;

interface Pending {
  frame: string;
  resolve: (ack: AckFrame) => void;
}

export interface RoomClient {
  /** Sends a comment, order or action; resolves with the room's acknowledgement, however many reconnects it takes. */
  send(message: Sendable): Promise<AckFrame>;
  /** Likes are fire-and-forget: a lost like is not worth a retry. */
  like(count: number): void;
  sfu<M extends SfuRequest['method']>(request: Extract<SfuRequest, { method: M }>): Promise<SfuResults[M]>;
  readonly lastSeq: number | undefined;
  readonly state: RoomConnectionState;
  /** Messages sent but not acknowledged yet. */
  readonly pendingCount: number;
  close(): void;
}

const OPEN = 1;
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 5000;
const RESEND_AFTER_FAILURE_MS = 1000;

export class RoomRequestError extends Error {
  override name = 'RoomRequestError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function createRoomClient(options: RoomClientOptions): RoomClient {
  const random = options.random ?? Math.random;
  const pending = new Map<string, Pending>();
  const sfuCalls = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();
  let socket: RoomSocket | null = null;
  let welcomed = false;
  let lastSeq: number | undefined;
  let state: RoomConnectionState = 'connecting';
  let attempt = 0;
  let closed = false;
  let nextRequestId = 1;
  let cancelRetry: (() => void) | null = null;

  const setState = (next: RoomConnectionState, reason: string | null) => {
    state = next;
    options.onState?.(next, reason);
  };

  const failSfuCalls = (why: string) => {
    for (const call of sfuCalls.values()) call.reject(new RoomRequestError('failed', why));
    sfuCalls.clear();
  };

  const handleFrame = (raw: unknown) => {
    if (typeof raw !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return;
    }
    const parsed = roomFrameSchema.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    switch (frame.type) {
      case 'welcome':
        welcomed = true;
        attempt = 0;
        setState('open', null);
        options.onWelcome?.(frame);
        // Everything unacknowledged goes again, in the order it was first sent.
        for (const entry of pending.values()) socket?.send(entry.frame);
        return;
      case 'events': {
        const fresh = (frame.events as RoomEvent[]).filter((event) => lastSeq === undefined || event.seq > lastSeq);
        const newest = fresh.at(-1);
        if (!newest) return;
        lastSeq = newest.seq;
        options.onEvents?.(fresh);
        return;
      }
      case 'ack': {
        const entry = pending.get(frame.clientId);
        if (!entry) return;
        if (!frame.ok && frame.code === 'failed') {
          // The room could not save it just now: the same message again shortly, never a duplicate.
          options.schedule(RESEND_AFTER_FAILURE_MS, () => {
            if (pending.has(frame.clientId) && socket && welcomed && socket.readyState === OPEN) socket.send(entry.frame);
          });
          return;
        }
        pending.delete(frame.clientId);
        entry.resolve(frame);
        return;
      }
      case 'sfu': {
        const call = sfuCalls.get(frame.requestId);
        if (!call) return;
        sfuCalls.delete(frame.requestId);
        if (frame.ok) call.resolve(frame.data);
        else call.reject(new RoomRequestError(frame.code, frame.message));
        return;
      }
      case 'video':
        options.onVideo?.(frame);
        return;
      case 'error':
        options.onError?.(frame.code, frame.message);
        return;
      default: {
        const never: never = frame;
        return never;
      }
    }
  };

  const connect = () => {
    cancelRetry = null;
    if (closed) return;
    welcomed = false;
    setState('connecting', null);
    const ws = options.openSocket(options.url);
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify(options.hello(lastSeq)));
    ws.onmessage = (event: { data: unknown }) => handleFrame(event.data);
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      welcomed = false;
      failSfuCalls('The connection to the live room was lost.');
      if (closed) return;
      setState('closed', 'The connection to the live room was lost; reconnecting.');
      const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt);
      attempt += 1;
      // Half the delay is random: a room restart is not met by every viewer at the same instant.
      cancelRetry = options.schedule(Math.round(ceiling / 2 + (random() * ceiling) / 2), connect);
    };
  };

  connect();

  return {
    send(message) {
      const clientId = options.newClientId();
      const frame = JSON.stringify({ ...message, clientId });
      return new Promise<AckFrame>((resolve) => {
        pending.set(clientId, { frame, resolve });
        if (socket && welcomed && socket.readyState === OPEN) socket.send(frame);
      });
    },
    like(count) {
      if (socket && welcomed && socket.readyState === OPEN) socket.send(JSON.stringify({ type: 'like', count } satisfies LikeMessage));
    },
    sfu(request) {
      if (!socket || !welcomed || socket.readyState !== OPEN) return Promise.reject(new RoomRequestError('failed', 'Not connected to the live room.'));
      const requestId = nextRequestId++;
      const ws = socket;
      return new Promise((resolve, reject) => {
        sfuCalls.set(requestId, { resolve: resolve as (data: unknown) => void, reject });
        ws.send(JSON.stringify({ type: 'sfu', requestId, request }));
      });
    },
    get lastSeq() {
      return lastSeq;
    },
    get state() {
      return state;
    },
    get pendingCount() {
      return pending.size;
    },
    close() {
      closed = true;
      cancelRetry?.();
      failSfuCalls('The room client was closed.');
      const ws = socket;
      socket = null;
      ws?.close(1000, 'bye');
      setState('closed', null);
    },
  };
}
