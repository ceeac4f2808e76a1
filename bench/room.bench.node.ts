import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { spawnRoom } from '../testing/spawnRoom.node';
import { processCpuSeconds } from './processCpu.node';
import { openViewers, send, type Viewer } from './benchViewers.node';

// `npm run bench -- room`: the built room server in its own process, driven from this one over
// loopback as a busy show would: 10,000 viewer sockets held open (each behind its own address, as
// a trusted proxy forwards them), 6,000 comments a second from them into one studio socket, then a
// flash sale of 5,000 simultaneous orders for 100 units. The room process's CPU and memory are
// read from /proc; delivery and order latencies are measured here, on one clock.

export interface RoomBenchOptions {
  seconds: number;
  viewers: number;
  commentsPerSecond: number;
  flashOrders: number;
  flashStock: number;
  entry: string;
}

const token = 'bench-room-token-0123456789';
const nowMs = () => performance.now();

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? null;
}

const round = (value: number | null, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));

async function rssMb(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export async function benchRoom(options: RoomBenchOptions, print: (figures: object) => void): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-bench-room-'));
  const room = await spawnRoom(options.entry, { dataDir, port: 0, token, args: ['--trust-proxy', '127.0.0.1'] });
  const pid = room.process.pid ?? 0;
  let peakRssMb = 0;
  const rssTimer = setInterval(() => {
    void rssMb(pid).then(({ rss }) => (peakRssMb = Math.max(peakRssMb, rss)), () => {});
  }, 250);
  try {
    // The studio: every event, timed on arrival.
    const studio = new WebSocket(`ws://127.0.0.1:${room.port}/rooms/shop/live`, { perMessageDeflate: false });
    const deliveries: number[] = [];
    const delivered = new Set<string>();
    let orderEvents = 0;
    let lastStock: number | null = null;
    let studioReady: () => void = () => {};
    const studioWelcomed = new Promise<void>((resolve) => (studioReady = resolve));
    const studioAcks = new Map<string, (ok: boolean) => void>();
    studio.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type: string; clientId?: string; ok?: boolean; events?: { kind: string; comment?: { text: string }; left?: number }[] };
      if (frame.type === 'welcome') studioReady();
      if (frame.type === 'ack' && frame.clientId) studioAcks.get(frame.clientId)?.(frame.ok === true);
      if (frame.type !== 'events' || !frame.events) return;
      const at = nowMs();
      for (const event of frame.events) {
        if (event.kind === 'comment' && event.comment) {
          const [id, sent] = event.comment.text.split('@');
          if (id) delivered.add(id);
          deliveries.push(at - Number(sent));
        } else if (event.kind === 'order') orderEvents += 1;
        else if (event.kind === 'stock' && event.left !== undefined) lastStock = event.left;
      }
    });
    await new Promise((resolve) => studio.once('open', resolve));
    studio.send(JSON.stringify({ type: 'hello', v: 1, role: 'studio', token }));
    await studioWelcomed;
    let actionCount = 0;
    const act = (action: object) =>
      new Promise<boolean>((resolve) => {
        const clientId = `bench-action-${++actionCount}`;
        studioAcks.set(clientId, resolve);
        studio.send(JSON.stringify({ type: 'action', clientId, action }));
      });

    const openStarted = nowMs();
    const viewers = await openViewers(room.port, options.viewers);
    const openSeconds = (nowMs() - openStarted) / 1000;

    // Comments: a steady rate, spread over every viewer (each within its own 1 comment/s limit).
    const tickMs = 20;
    const perTick = Math.max(1, Math.round((options.commentsPerSecond * tickMs) / 1000));
    let sent = 0;
    let accepted = 0;
    let refused = 0;
    const acked: Promise<void>[] = [];
    const cpuBefore = await processCpuSeconds(pid);
    const started = nowMs();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(Math.floor(((nowMs() - started) / 1000) * options.commentsPerSecond), Math.round(options.seconds * options.commentsPerSecond));
        for (let n = sent; n < due && n < sent + perTick * 5; n += 1) {
          const viewer = viewers[n % viewers.length] as Viewer;
          const id = `c${n}`;
          acked.push(
            send(viewer, { type: 'comment', clientId: `bench-comment-${n}`, name: 'Bench', text: `${id}@${nowMs().toFixed(2)}` }).then((ack) => {
              if (ack.ok) accepted += 1;
              else refused += 1;
            }),
          );
        }
        sent = Math.max(sent, Math.min(due, sent + perTick * 5));
        if (nowMs() - started >= options.seconds * 1000) {
          clearInterval(timer);
          resolve();
        }
      }, tickMs);
    });
    await Promise.all(acked);
    const drainDeadline = nowMs() + 10_000;
    while (delivered.size < accepted && nowMs() < drainDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const elapsed = (nowMs() - started) / 1000;
    const cpuCores = ((await processCpuSeconds(pid)) - cpuBefore) / elapsed;
    const sortedDeliveries = [...deliveries].sort((a, b) => a - b);
    const viewersStillOpen = viewers.filter((viewer) => viewer.ws.readyState === WebSocket.OPEN).length;

    // Flash sale: every order attempt at once, on one product with limited stock.
    await act({ kind: 'upsertProducts', products: [{ id: 'flash', name: 'Flash deal', priceMinor: 990, listPriceMinor: 2990, currency: 'CNY', stock: options.flashStock, photo: null }] });
    await act({ kind: 'promoteProduct', productId: 'flash', flashSale: { priceMinor: 990, endsAt: Date.now() + 600_000 } });
    const orderLatencies: number[] = [];
    const sendLoopStarted = nowMs();
    const pendingOrders = Array.from({ length: options.flashOrders }, (_, n) => {
      const viewer = viewers[n % viewers.length] as Viewer;
      const sentAt = nowMs();
      return send(viewer, { type: 'order', clientId: `bench-order-${n}`, productId: 'flash', quantity: 1, buyerName: 'Bench', contact: '13800000000' }).then((ack) => {
        orderLatencies.push(nowMs() - sentAt);
        return ack;
      });
    });
    // How long this process took just to hand every order to its socket: a floor under the latencies below.
    const orderSendLoopMs = nowMs() - sendLoopStarted;
    const outcomes = await Promise.all(pendingOrders);
    const ordersAccepted = outcomes.filter((ack) => ack.ok).length;
    const refusedReasons = [...new Set(outcomes.filter((ack) => !ack.ok).map((ack) => ack.code))];
    const orderDeadline = nowMs() + 10_000;
    while (orderEvents < ordersAccepted && nowMs() < orderDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const sortedOrders = [...orderLatencies].sort((a, b) => a - b);
    const memory = await rssMb(pid);

    print({
      benchmark: 'room',
      seconds: round(elapsed),
      viewerSockets: viewersStillOpen,
      viewerSocketsOpenedPerSec: round(options.viewers / openSeconds, 0),
      commentsSent: sent,
      commentsAccepted: accepted,
      commentsRefused: refused,
      commentsPerSec: round(delivered.size / elapsed, 0),
      commentsLost: accepted - delivered.size,
      deliveryP50Ms: round(percentile(sortedDeliveries, 50)),
      deliveryP99Ms: round(percentile(sortedDeliveries, 99)),
      roomCpuCores: round(cpuCores, 2),
      flashSaleAttempts: options.flashOrders,
      flashSaleStock: options.flashStock,
      flashSaleAccepted: ordersAccepted,
      flashSaleOversold: Math.max(0, ordersAccepted - options.flashStock) + (lastStock !== null && lastStock < 0 ? -lastStock : 0),
      flashSaleRefusedWith: refusedReasons,
      orderSendLoopMs: round(orderSendLoopMs),
      orderP50Ms: round(percentile(sortedOrders, 50)),
      orderP99Ms: round(percentile(sortedOrders, 99)),
      rssMb: round(Math.max(peakRssMb, memory.rss), 0),
      rssPeakMb: round(memory.peak, 0),
    });
    for (const viewer of viewers) viewer.ws.terminate();
    studio.terminate();
  } finally {
    clearInterval(rssTimer);
    await room.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
