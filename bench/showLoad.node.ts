import { benchCommentText, type BenchStudio, until } from './benchStudio.node';
import { send, type Viewer } from './benchViewers.node';
import { percentile, round } from './stats.std';

// The two loads of a busy show, shared by the room benchmarks: comments at a steady rate spread
// over every viewer, then a flash sale where every order attempt goes at once.

export interface CommentsOffered {
  sent: number;
  accepted: number;
  refused: number;
  /** performance.now() when the first comment went. */
  startedMs: number;
}

/** `perSecond` comments for `seconds`, viewer n sending comment n (each within its own 1 comment/s limit); resolves once all are acked. */
export async function offerComments(viewers: readonly Viewer[], perSecond: number, seconds: number): Promise<CommentsOffered> {
  const tickMs = 20;
  const perTick = Math.max(1, Math.round((perSecond * tickMs) / 1000));
  const total = Math.round(seconds * perSecond);
  const offered: CommentsOffered = { sent: 0, accepted: 0, refused: 0, startedMs: performance.now() };
  const acked: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      // At most five ticks' worth at once: a late tick catches up, a stalled generator does not burst.
      const due = Math.min(Math.floor(((performance.now() - offered.startedMs) / 1000) * perSecond), total, offered.sent + perTick * 5);
      for (let n = offered.sent; n < due; n += 1) {
        const viewer = viewers[n % viewers.length] as Viewer;
        acked.push(
          send(viewer, { type: 'comment', clientId: `bench-comment-${n}`, name: 'Bench', text: benchCommentText(`c${n}`) }).then((ack) => {
            if (ack.ok) offered.accepted += 1;
            else offered.refused += 1;
          }),
        );
      }
      offered.sent = Math.max(offered.sent, due);
      if (performance.now() - offered.startedMs >= seconds * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, tickMs);
  });
  await Promise.all(acked);
  return offered;
}

/** A flash sale: `orders` attempts at once, from the viewers in turn, on one product of `stock` units the studio promotes. */
export async function runFlashSale(studio: BenchStudio, viewers: readonly Viewer[], orders: number, stock: number, beforeOrders: () => Promise<void> = async () => {}) {
  await studio.act({ kind: 'upsertProducts', products: [{ id: 'flash', name: 'Flash deal', priceMinor: 990, listPriceMinor: 2990, currency: 'CNY', stock, photo: null }] });
  await studio.act({ kind: 'promoteProduct', productId: 'flash', flashSale: { priceMinor: 990, endsAt: Date.now() + 600_000 } });
  await beforeOrders();
  const latencies: number[] = [];
  const sendLoopStarted = performance.now();
  const pending = Array.from({ length: orders }, (_, n) => {
    const viewer = viewers[n % viewers.length] as Viewer;
    const sentAt = performance.now();
    return send(viewer, { type: 'order', clientId: `bench-order-${n}`, productId: 'flash', quantity: 1, buyerName: 'Bench', contact: '13800000000' }).then((ack) => {
      latencies.push(performance.now() - sentAt);
      return ack;
    });
  });
  // How long this process took just to hand every order to its socket: a floor under the latencies below.
  const sendLoopMs = performance.now() - sendLoopStarted;
  const outcomes = await Promise.all(pending);
  const answeredMs = performance.now() - sendLoopStarted;
  const accepted = outcomes.filter((ack) => ack.ok).length;
  await until(() => studio.orderEvents >= accepted, 10_000);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    flashSaleAttempts: orders,
    flashSaleStock: stock,
    flashSaleAccepted: accepted,
    flashSaleOversold: Math.max(0, accepted - stock) + (studio.lastStock !== null && studio.lastStock < 0 ? -studio.lastStock : 0),
    flashSaleRefusedWith: [...new Set(outcomes.filter((ack) => !ack.ok).map((ack) => ack.code))],
    orderSendLoopMs: round(sendLoopMs, 1),
    /** Every attempt answered (accepted or sold out) per second of the sale: the order path's throughput, the stock's row lock included. */
    orderAnswersPerSec: round(orders / (answeredMs / 1000), 0),
    orderP50Ms: round(percentile(sorted, 50), 1),
    orderP99Ms: round(percentile(sorted, 99), 1),
  };
}
