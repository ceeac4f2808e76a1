import type { NatsConnection, Subscription } from 'nats';
import { roomLogNames } from '../roomLog/jetStreamRoomEventLog.node';

// Who watches a room across the cluster (issue 14). Each node says on core NATS, every second,
// how many viewers' sockets it holds for the room; every node sums the counts heard within the
// last three seconds (a node that died drops out by itself) with its own. Only one node writes
// the room's viewerCount events: the lowest node id heard, so the log does not get one per node.

const PRESENCE_MS = 1000;
const FRESH_MS = 3000;

export interface RoomPresence {
  /** Viewers' sockets on the other nodes, as last heard. */
  others(): number;
  /** Whether this node writes the room's viewerCount events. */
  leads(): boolean;
  close(): Promise<void>;
}

interface Heard {
  count: number;
  at: number;
}

export function presenceSubject(roomId: string): string {
  return `${roomLogNames(roomId).subject}.presence`;
}

export function watchRoomPresence(deps: { nc: NatsConnection; roomId: string; nodeId: string; now: () => number; localCount: () => number; onTick: () => void }): RoomPresence {
  const { nc, nodeId, now } = deps;
  const subject = presenceSubject(deps.roomId);
  const heard = new Map<string, Heard>();
  const fresh = () => [...heard].filter(([, said]) => now() - said.at <= FRESH_MS);

  const subscription: Subscription = nc.subscribe(subject, {
    callback: (error, message) => {
      if (error) return;
      try {
        const said = JSON.parse(message.string()) as { node?: unknown; count?: unknown };
        if (typeof said.node !== 'string' || said.node === nodeId || typeof said.count !== 'number') return;
        heard.set(said.node, { count: said.count, at: now() });
      } catch {
        // Not a presence message of this protocol: nothing to count.
      }
    },
  });
  const say = () => nc.publish(subject, JSON.stringify({ node: nodeId, count: deps.localCount() }));
  const timer = setInterval(() => {
    if (nc.isClosed()) return;
    say();
    deps.onTick();
  }, PRESENCE_MS);
  say();

  return {
    others: () => fresh().reduce((sum, [, said]) => sum + said.count, 0),
    leads: () => fresh().every(([node]) => nodeId < node),
    async close() {
      clearInterval(timer);
      if (!nc.isClosed()) subscription.unsubscribe();
      await Promise.resolve();
    },
  };
}
