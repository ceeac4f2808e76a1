// Who gets which event, and when. The studio gets every event, batched on a short tick. Each
// viewer gets, on a slower tick, a frame built once for their group of viewers — every public event plus a rate-capped sample of comments,
// as the big platforms do — and, when they have any, their own comments and orders merged in.
// A socket whose send buffer grows past its cap is dropped, never buffered without bound: the
// studio resumes from its last seq, a viewer's page reconnects.

export interface FanoutSocket {
  readonly bufferedAmount: number;
  /** `ws`'s send: a frame goes out as bytes encoded once, sent as text to every socket. */
  send(data: Uint8Array, options: { binary: false }): void;
  terminate(): void;
}

/** What the fan-out needs of an event: its seq, kind, owner and the JSON built once. */
export interface FanoutEvent {
  seq: number;
  kind: string;
  owner: string | null;
  json: string;
}

export interface FanoutOptions {
  /** Comments from others that each viewer receives per second, at most. */
  viewerCommentsPerSecond: number;
  /**
   * Viewers are split into this many groups, flushed in turn, so 10,000 sends are spread over the
   * batch interval instead of stalling the room in one burst.
   */
  viewerGroups: number;
  maxViewerBufferBytes: number;
  maxStudioBufferBytes: number;
  onDropped: (who: 'viewer' | 'studio', bufferedBytes: number) => void;
}

export interface Fanout {
  addStudio(socket: FanoutSocket): void;
  addViewer(socket: FanoutSocket, viewerId: string): void;
  remove(socket: FanoutSocket): void;
  publish(event: FanoutEvent): void;
  /** Sends the studio everything published since its last flush. */
  flushStudio(): void;
  /**
   * Sends the next group of viewers their share of what was published since that group's last
   * flush; the time since then (`nowMs`) sets its comment budget. Call it groups× per batch interval.
   */
  flushViewers(nowMs: number): void;
  readonly viewerCount: number;
  readonly studioCount: number;
}

/** Events a viewer sees only when they are theirs. */
const ownOnly = new Set(['order', 'orderStatus']);

export function eventsFrame(jsons: readonly string[]): string {
  return `{"type":"events","events":[${jsons.join(',')}]}`;
}

/** UTF-8 once per batch, not once per socket: with 10,000 viewers that copy was most of the cost. */
const encoder = new TextEncoder();
const encodedFrame = (jsons: readonly string[]) => encoder.encode(eventsFrame(jsons));

/** `count` of `items`, spread evenly, keeping their order. */
export function spreadSample<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  if (count <= 0) return [];
  const step = items.length / count;
  return Array.from({ length: count }, (_, index) => items[Math.floor(index * step)] as T);
}

export function createFanout(options: FanoutOptions): Fanout {
  interface ViewerGroup {
    sockets: Map<FanoutSocket, string>;
    pending: FanoutEvent[];
    commentBudget: number;
    lastFlushMs: number | null;
  }
  const studios = new Set<FanoutSocket>();
  const groups: ViewerGroup[] = Array.from({ length: Math.max(1, options.viewerGroups) }, () => ({ sockets: new Map(), pending: [], commentBudget: 0, lastFlushMs: null }));
  const groupOf = new Map<FanoutSocket, ViewerGroup>();
  let studioPending: FanoutEvent[] = [];
  let nextGroup = 0;

  const remove = (socket: FanoutSocket) => {
    studios.delete(socket);
    groupOf.get(socket)?.sockets.delete(socket);
    groupOf.delete(socket);
  };

  const deliver = (socket: FanoutSocket, frame: Uint8Array, who: 'viewer' | 'studio') => {
    const cap = who === 'studio' ? options.maxStudioBufferBytes : options.maxViewerBufferBytes;
    if (socket.bufferedAmount > cap) {
      options.onDropped(who, socket.bufferedAmount);
      remove(socket);
      socket.terminate();
      return;
    }
    socket.send(frame, { binary: false });
  };

  const flushGroup = (group: ViewerGroup, nowMs: number) => {
    const elapsedMs = group.lastFlushMs === null ? 0 : nowMs - group.lastFlushMs;
    group.lastFlushMs = nowMs;
    const burst = Math.max(1, options.viewerCommentsPerSecond / 2);
    group.commentBudget = Math.min(burst, group.commentBudget + (elapsedMs / 1000) * options.viewerCommentsPerSecond);
    if (group.pending.length === 0) return;
    const events = group.pending;
    group.pending = [];

    const comments = events.filter((event) => event.kind === 'comment');
    const sampled = new Set(spreadSample(comments, Math.floor(group.commentBudget)));
    group.commentBudget -= sampled.size;
    const shared = events.filter((event) => (event.kind === 'comment' ? sampled.has(event) : !ownOnly.has(event.kind)));
    const owned = new Map<string, FanoutEvent[]>();
    for (const event of events) {
      if (event.owner === null || (event.kind !== 'comment' && !ownOnly.has(event.kind))) continue;
      const list = owned.get(event.owner);
      if (list) list.push(event);
      else owned.set(event.owner, [event]);
    }
    const sharedFrame = shared.length > 0 ? encodedFrame(shared.map((event) => event.json)) : null;
    const ownFrames = new Map<string, Uint8Array>();
    for (const [socket, viewerId] of [...group.sockets]) {
      const own = owned.get(viewerId);
      if (!own) {
        if (sharedFrame) deliver(socket, sharedFrame, 'viewer');
        continue;
      }
      let frame = ownFrames.get(viewerId);
      if (frame === undefined) {
        const merged = [...new Set([...shared, ...own])].sort((a, b) => a.seq - b.seq);
        frame = encodedFrame(merged.map((event) => event.json));
        ownFrames.set(viewerId, frame);
      }
      deliver(socket, frame, 'viewer');
    }
  };

  return {
    addStudio: (socket) => void studios.add(socket),
    addViewer(socket, viewerId) {
      const group = groups.reduce((smallest, candidate) => (candidate.sockets.size < smallest.sockets.size ? candidate : smallest));
      group.sockets.set(socket, viewerId);
      groupOf.set(socket, group);
    },
    remove,
    publish(event) {
      if (studios.size > 0) studioPending.push(event);
      for (const group of groups) if (group.sockets.size > 0) group.pending.push(event);
    },
    flushStudio() {
      if (studioPending.length === 0) return;
      const frame = encodedFrame(studioPending.map((event) => event.json));
      studioPending = [];
      for (const socket of [...studios]) deliver(socket, frame, 'studio');
    },
    flushViewers(nowMs) {
      const group = groups[nextGroup % groups.length];
      nextGroup += 1;
      if (group) flushGroup(group, nowMs);
    },
    get viewerCount() {
      return groupOf.size;
    },
    get studioCount() {
      return studios.size;
    },
  };
}
