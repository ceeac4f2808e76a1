// Who gets which event, and when. The studio gets every event, batched per tick. Each viewer gets
// a frame built once for all viewers — every public event plus a rate-capped sample of comments,
// as the big platforms do — and, when they have any, their own comments and orders merged in.
// A socket whose send buffer grows past its cap is dropped, never buffered without bound: the
// studio resumes from its last seq, a viewer's page reconnects.

export interface FanoutSocket {
  readonly bufferedAmount: number;
  send(data: string): void;
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
  maxViewerBufferBytes: number;
  maxStudioBufferBytes: number;
  onDropped: (who: 'viewer' | 'studio', bufferedBytes: number) => void;
}

export interface Fanout {
  addStudio(socket: FanoutSocket): void;
  addViewer(socket: FanoutSocket, viewerId: string): void;
  remove(socket: FanoutSocket): void;
  publish(event: FanoutEvent): void;
  /** Sends what was published since the last flush; `elapsedMs` since then sets the comment budget. */
  flush(elapsedMs: number): void;
  readonly viewerCount: number;
  readonly studioCount: number;
}

/** Events a viewer sees only when they are theirs. */
const ownOnly = new Set(['order', 'orderStatus']);

export function eventsFrame(jsons: readonly string[]): string {
  return `{"type":"events","events":[${jsons.join(',')}]}`;
}

/** `count` of `items`, spread evenly, keeping their order. */
export function spreadSample<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  if (count <= 0) return [];
  const step = items.length / count;
  return Array.from({ length: count }, (_, index) => items[Math.floor(index * step)] as T);
}

export function createFanout(options: FanoutOptions): Fanout {
  const studios = new Set<FanoutSocket>();
  const viewers = new Map<FanoutSocket, string>();
  let pending: FanoutEvent[] = [];
  let commentBudget = 0;

  const deliver = (socket: FanoutSocket, frame: string, who: 'viewer' | 'studio') => {
    const cap = who === 'studio' ? options.maxStudioBufferBytes : options.maxViewerBufferBytes;
    if (socket.bufferedAmount > cap) {
      options.onDropped(who, socket.bufferedAmount);
      studios.delete(socket);
      viewers.delete(socket);
      socket.terminate();
      return;
    }
    socket.send(frame);
  };

  return {
    addStudio: (socket) => void studios.add(socket),
    addViewer: (socket, viewerId) => void viewers.set(socket, viewerId),
    remove(socket) {
      studios.delete(socket);
      viewers.delete(socket);
    },
    publish(event) {
      pending.push(event);
    },
    flush(elapsedMs) {
      const burst = Math.max(1, options.viewerCommentsPerSecond / 2);
      commentBudget = Math.min(burst, commentBudget + (elapsedMs / 1000) * options.viewerCommentsPerSecond);
      if (pending.length === 0) return;
      const events = pending;
      pending = [];

      if (studios.size > 0) {
        const frame = eventsFrame(events.map((event) => event.json));
        for (const socket of [...studios]) deliver(socket, frame, 'studio');
      }
      if (viewers.size === 0) return;

      const comments = events.filter((event) => event.kind === 'comment');
      const sampled = new Set(spreadSample(comments, Math.floor(commentBudget)));
      commentBudget -= sampled.size;
      const shared = events.filter((event) => (event.kind === 'comment' ? sampled.has(event) : !ownOnly.has(event.kind)));
      const owned = new Map<string, FanoutEvent[]>();
      for (const event of events) {
        if (event.owner === null || (event.kind !== 'comment' && !ownOnly.has(event.kind))) continue;
        const list = owned.get(event.owner);
        if (list) list.push(event);
        else owned.set(event.owner, [event]);
      }
      const sharedFrame = shared.length > 0 ? eventsFrame(shared.map((event) => event.json)) : null;
      const ownFrames = new Map<string, string>();
      for (const [socket, viewerId] of [...viewers]) {
        const own = owned.get(viewerId);
        if (!own) {
          if (sharedFrame) deliver(socket, sharedFrame, 'viewer');
          continue;
        }
        let frame = ownFrames.get(viewerId);
        if (frame === undefined) {
          const merged = [...new Set([...shared, ...own])].sort((a, b) => a.seq - b.seq);
          frame = eventsFrame(merged.map((event) => event.json));
          ownFrames.set(viewerId, frame);
        }
        deliver(socket, frame, 'viewer');
      }
    },
    get viewerCount() {
      return viewers.size;
    },
    get studioCount() {
      return studios.size;
    },
  };
}
