import WebSocket from 'ws';

// Viewers for the benchmarks: raw room-protocol sockets (not the page, not the full client), each
// behind its own forwarded address so per-address limits apply per viewer, as behind a real proxy.

export interface Viewer {
  ws: WebSocket;
  /** The room node's port this viewer is connected to. */
  port: number;
  acks: Map<string, (ack: { ok: boolean; code?: string }) => void>;
}

/** A viewer's event batch as the room sends it (only what the benchmarks read). */
export interface EventsFrame {
  type: 'events';
  events: { kind: string; comment?: { text: string }; left?: number }[];
}

/** `onEvents`: parse this viewer's event batches and hand them over (a watcher); without it they are only counted. */
export function openViewer(port: number, index: number, onEvents?: (frame: EventsFrame, at: number) => void): Promise<Viewer> {
  // 10.x.y.z per viewer: per-address limits apply to each viewer, as behind a real proxy.
  const address = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rooms/shop/live`, { headers: { 'X-Forwarded-For': address }, perMessageDeflate: false });
  const viewer: Viewer = { ws, port, acks: new Map() };
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      // Viewers' event batches are only counted, not parsed: the load generator must stay light.
      const head = data.subarray(0, 18).toString('latin1');
      if (head.startsWith('{"type":"welcome"')) resolve(viewer);
      if (onEvents && head.startsWith('{"type":"events"')) onEvents(JSON.parse(data.toString()) as EventsFrame, performance.now());
      if (!head.startsWith('{"type":"ack"')) return;
      const ack = JSON.parse(data.toString()) as { clientId: string; ok: boolean; code?: string };
      viewer.acks.get(ack.clientId)?.(ack);
      viewer.acks.delete(ack.clientId);
    });
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, role: 'viewer', viewerKey: `bench-viewer-key-${index}` })));
  });
}

export function send(viewer: Viewer, message: Record<string, unknown> & { clientId: string }): Promise<{ ok: boolean; code?: string }> {
  return new Promise((resolve) => {
    viewer.acks.set(message.clientId, resolve);
    viewer.ws.send(JSON.stringify(message));
  });
}

/**
 * `count` viewers, viewer n on node `ports[n % ports.length]` (one room split over its nodes),
 * opened 250 at a time so the room's accept queue is not what is measured.
 */
export async function openViewers(ports: readonly number[], count: number): Promise<Viewer[]> {
  const viewers: Viewer[] = [];
  for (let start = 0; start < count; start += 250) {
    viewers.push(...(await Promise.all(Array.from({ length: Math.min(250, count - start) }, (_, i) => openViewer(ports[(start + i) % ports.length] as number, start + i)))));
  }
  return viewers;
}
