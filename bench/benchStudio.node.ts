import WebSocket from 'ws';
import type { EventsFrame } from './benchViewers.node';

// A studio socket for the room benchmarks: it sees every event of the room (the studio's feed is
// not sampled), times each bench comment on arrival against the send time written in its text
// (`<id>@<performance.now()>`, one clock: the load is sent from this same process), and counts
// orders and the stock they leave.

export interface BenchStudio {
  ws: WebSocket;
  /** Arrival minus send time of every bench comment seen (of those `timed` picks), in ms. */
  deliveries: number[];
  /** The bench comments' ids seen. */
  delivered: Set<string>;
  orderEvents: number;
  lastStock: number | null;
  /** Every event kind seen so far (a product's arrival on another node is awaited by it). */
  kinds: Set<string>;
  /** Runs a studio action and resolves with its ack's ok. */
  act(action: object): Promise<boolean>;
}

/** The bench comment text: its id and when it was sent, read back on arrival. */
export const benchCommentText = (id: string) => `${id}@${performance.now().toFixed(2)}`;

/** Splits a bench comment's text back into its id and its latency at `at`; null for any other text. */
export function benchCommentLatency(text: string, at: number): { id: string; ms: number } | null {
  const [id, sent] = text.split('@');
  return id && sent ? { id, ms: at - Number(sent) } : null;
}

/** `timed`: which bench comments' latencies are kept (all by default), by id. */
export async function openBenchStudio(port: number, token: string, timed: (id: string) => boolean = () => true): Promise<BenchStudio> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rooms/shop/live`, { perMessageDeflate: false });
  const acks = new Map<string, (ok: boolean) => void>();
  let actionCount = 0;
  const studio: BenchStudio = {
    ws,
    deliveries: [],
    delivered: new Set(),
    orderEvents: 0,
    lastStock: null,
    kinds: new Set(),
    act: (action) =>
      new Promise<boolean>((resolve) => {
        const clientId = `bench-action-${++actionCount}`;
        acks.set(clientId, resolve);
        ws.send(JSON.stringify({ type: 'action', clientId, action }));
      }),
  };
  let welcomed: () => void = () => {};
  const welcome = new Promise<void>((resolve) => (welcomed = resolve));
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as { type: string; clientId?: string; ok?: boolean; events?: EventsFrame['events'] };
    if (frame.type === 'welcome') welcomed();
    if (frame.type === 'ack' && frame.clientId) acks.get(frame.clientId)?.(frame.ok === true);
    if (frame.type !== 'events' || !frame.events) return;
    const at = performance.now();
    for (const event of frame.events) {
      studio.kinds.add(event.kind);
      if (event.kind === 'comment' && event.comment) {
        const latency = benchCommentLatency(event.comment.text, at);
        if (!latency) continue;
        studio.delivered.add(latency.id);
        if (timed(latency.id)) studio.deliveries.push(latency.ms);
      } else if (event.kind === 'order') studio.orderEvents += 1;
      else if (event.kind === 'stock' && event.left !== undefined) studio.lastStock = event.left;
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'hello', v: 1, role: 'studio', token }));
  await welcome;
  return studio;
}

/** Polls `done` every 50 ms until it holds or `timeoutMs` passes (counts that arrive in frames, not as events to await). */
export async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return done();
}
