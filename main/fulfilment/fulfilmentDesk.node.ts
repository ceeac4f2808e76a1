import { RefusedError } from '../../contract/envelope.std';
import type { RoomEvent } from '../../contract/room/roomEvents.std';
import type { OrderWebhookInput, OrderWebhookState } from '../../contract/schemas/fulfilment.std';
import type { SecretBox } from '../destinations/secretBox.node';
import type { Logger } from '../log/logger.std';
import type { OrderBook } from './orderBook.node';
import { ordersCsv } from './ordersCsv.std';
import { createWebhookDelivery, type WebhookDelivery, type WebhookDeliveryDeps } from './webhookDelivery.node';

// The core's side of fulfilment: the room's events go into the order book (and its outbox), the
// CSV is made from the book, and the webhook's settings are saved with the secret sealed by the
// same secret box as the destinations' stream keys, never answered back. Its state reaches the
// panel as the `orderWebhook` event, at most a few times a second.

const SECRET_CONTEXT = 'order-webhook';
const STATE_EVENT_INTERVAL_MS = 250;

export interface FulfilmentDeskDeps extends Pick<WebhookDeliveryDeps, 'fetch' | 'now' | 'schedule' | 'random' | 'backoff' | 'timeoutMs'> {
  book: OrderBook;
  secrets: SecretBox;
  log: Logger;
  emit: (state: OrderWebhookState) => void;
}

export interface FulfilmentDesk {
  record(events: readonly RoomEvent[]): void;
  /** The CSV download: every order, UTF-8 with BOM. */
  csv(): string;
  webhook(): OrderWebhookState;
  saveWebhook(input: OrderWebhookInput): Promise<OrderWebhookState>;
  /** Resolves once the saved webhook's secret is open and delivery started (at start). */
  readonly ready: Promise<void>;
  close(): void;
}

export function createFulfilmentDesk(deps: FulfilmentDeskDeps): FulfilmentDesk {
  const { book, log } = deps;
  let emitTimer: (() => void) | null = null;
  let lastEmitAt = -Infinity;
  const webhookState = (): OrderWebhookState => {
    const settings = book.webhook();
    return { url: settings?.url ?? null, hasSecret: settings !== null, ...delivery.state() };
  };
  const emitSoon = () => {
    if (emitTimer) return;
    emitTimer = deps.schedule(Math.max(0, lastEmitAt + STATE_EVENT_INTERVAL_MS - deps.now()), () => {
      emitTimer = null;
      lastEmitAt = deps.now();
      deps.emit(webhookState());
    });
  };
  const delivery: WebhookDelivery = createWebhookDelivery({ ...deps, log: log.child('webhook'), onChange: emitSoon });

  const open = async (): Promise<void> => {
    const settings = book.webhook();
    if (!settings) return delivery.setTarget(null);
    try {
      delivery.setTarget({ url: settings.url, secret: await deps.secrets.decrypt(settings.sealedSecret, SECRET_CONTEXT) });
    } catch (error) {
      // A secret that cannot be opened (secret.key replaced) stops delivery, visibly: the orders keep waiting.
      log.error('order webhook secret not opened', { error });
      delivery.setTarget(null);
    }
  };
  const ready = open();

  return {
    record(events) {
      try {
        if (book.record(events) > 0) delivery.kick();
      } catch (error) {
        // The panel goes on; the events stay in the room's log and are taken at the next start.
        log.error('orders not recorded', { error });
      }
    },
    csv: () => ordersCsv(book.orders()),
    webhook: webhookState,
    async saveWebhook(input) {
      const saved = book.webhook();
      if (input.url === '') {
        book.setWebhook(null);
        delivery.setTarget(null);
      } else {
        if (input.secret === undefined && !saved) throw new RefusedError('Enter the shared secret your shop system checks the signature with.');
        const sealedSecret = input.secret === undefined ? (saved?.sealedSecret ?? '') : await deps.secrets.encrypt(input.secret, SECRET_CONTEXT);
        // Turned on now: orders from this moment go out; a changed address keeps what was waiting.
        book.setWebhook({ url: input.url, sealedSecret, since: saved?.since ?? deps.now() });
        await open();
      }
      const state = webhookState();
      deps.emit(state);
      return state;
    },
    ready,
    close() {
      emitTimer?.();
      delivery.close();
      book.close();
    },
  };
}
