import { WEBHOOK_HEADERS, type OrderWebhookState } from '../../contract/schemas/fulfilment.std';
import type { Logger } from '../log/logger.std';
import type { OrderBook } from './orderBook.node';
import { retryDelayMs, webhookBackoff, type BackoffPolicy } from './webhookBackoff.std';
import { signedHeaders } from './webhookSignature.node';

// Sends the outbox to the shop's endpoint, one delivery at a time and strictly in order: the
// next waits until the endpoint has accepted (2xx) the one before, so a status change never
// arrives before its order. A failure is retried with backoff, forever: an order is never
// dropped, and the panel shows the endpoint failing meanwhile. Nothing here is awaited by the
// show: the feed only queues (a row in SQLite) and kicks this loop, whose requests run on their
// own with a timeout.

export type DeliveryState = Omit<OrderWebhookState, 'url' | 'hasSecret'>;

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookDeliveryDeps {
  book: Pick<OrderBook, 'next' | 'delivered' | 'attempted' | 'waiting'>;
  fetch: typeof fetch;
  now: () => number;
  schedule: (ms: number, run: () => void) => () => void;
  random: () => number;
  log: Logger;
  onChange: (state: DeliveryState) => void;
  backoff?: BackoffPolicy;
  /** How long one attempt may take before it counts as failed. */
  timeoutMs?: number;
}

export interface WebhookDelivery {
  /** null: off. A new target is tried at once, without the old one's backoff. */
  setTarget(target: WebhookTarget | null): void;
  /** New deliveries were queued. */
  kick(): void;
  state(): DeliveryState;
  close(): void;
}

/** A failed attempt in the merchant's words. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'no answer in time';
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed without an answer';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the address could not be found';
    default:
      return error instanceof Error ? (typeof code === 'string' ? `${error.message} (${code})` : error.message) : String(error);
  }
}

export function createWebhookDelivery(deps: WebhookDeliveryDeps): WebhookDelivery {
  const { book, log } = deps;
  const backoff = deps.backoff ?? webhookBackoff;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  let target: WebhookTarget | null = null;
  let busy = false;
  let closed = false;
  let cancelRetry: (() => void) | null = null;
  let failures = 0;
  let current: DeliveryState = { state: 'off', waiting: book.waiting(), lastError: null, retryAt: null, lastDeliveredAt: null };

  const update = (patch: Partial<DeliveryState>) => {
    current = { ...current, waiting: book.waiting(), ...patch };
    deps.onChange(current);
  };

  const attempt = async (url: string, secret: string, entry: NonNullable<ReturnType<typeof book.next>>): Promise<string | null> => {
    try {
      const response = await deps.fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Shopcast-Webhook/1',
          [WEBHOOK_HEADERS.delivery]: entry.deliveryId,
          [WEBHOOK_HEADERS.event]: entry.type,
          ...signedHeaders(secret, deps.now(), entry.body),
        },
        body: entry.body,
        // A redirect is not an acceptance: the shop's system answers where it was asked.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    } catch (error) {
      return describeFailure(error);
    }
  };

  const pump = async (): Promise<void> => {
    if (busy || closed || cancelRetry) return;
    busy = true;
    try {
      for (;;) {
        const to = target;
        const entry = to ? book.next() : null;
        if (!to || !entry) break;
        update({ state: 'sending' });
        const failure = await attempt(to.url, to.secret, entry);
        if (closed) return;
        if (failure === null) {
          book.delivered(entry.sequence);
          failures = 0;
          update({ lastError: null, retryAt: null, lastDeliveredAt: deps.now() });
          continue;
        }
        book.attempted(entry.sequence);
        // A target changed mid-attempt is tried at once; the old one's failure is not the new one's.
        if (to !== target) continue;
        failures += 1;
        const delay = retryDelayMs(failures, deps.random(), backoff);
        log.warn('order webhook delivery failed', { deliveryId: entry.deliveryId, failure, attempt: entry.attempts + 1, retryInMs: delay });
        cancelRetry = deps.schedule(delay, () => {
          cancelRetry = null;
          void pump();
        });
        update({ state: 'retrying', lastError: failure, retryAt: deps.now() + delay });
        return;
      }
      update({ state: target ? 'idle' : 'off', retryAt: null });
    } finally {
      busy = false;
    }
  };

  return {
    setTarget(next) {
      target = next;
      failures = 0;
      cancelRetry?.();
      cancelRetry = null;
      update({ state: next ? 'idle' : 'off', lastError: null, retryAt: null });
      void pump();
    },
    kick() {
      // While retrying, new deliveries wait their turn behind the one that failed.
      if (cancelRetry || busy) update({});
      else void pump();
    },
    state: () => current,
    close() {
      closed = true;
      cancelRetry?.();
      cancelRetry = null;
    },
  };
}
