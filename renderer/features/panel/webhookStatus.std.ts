import type { OrderWebhookState } from '../../../contract/schemas/fulfilment.std';
import { timeOfDay } from './timeOfDay.std';

// The order webhook's state as the Orders tab says it to a shopkeeper: where orders go, and
// whether they get there. A failing endpoint is a warning that says what happens to the orders.

export interface WebhookStatusLine {
  tone: 'quiet' | 'ok' | 'warning';
  text: string;
}

/** "shop.example.com": the endpoint as the shopkeeper recognises it. */
export function endpointName(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

const updates = (count: number) => `${count} order update${count === 1 ? '' : 's'}`;

export function webhookStatusLine(webhook: OrderWebhookState | null): WebhookStatusLine {
  if (!webhook || webhook.url === null) return { tone: 'quiet', text: 'Orders are not sent to a shop system. Set up a webhook to send each order as it comes.' };
  const where = endpointName(webhook.url);
  switch (webhook.state) {
    case 'retrying':
      return {
        tone: 'warning',
        text: `Orders are not reaching ${where}: ${webhook.lastError ?? 'no answer'}. ${updates(webhook.waiting)} waiting, sent in order once it answers${webhook.retryAt === null ? '' : ` (next try ${timeOfDay(webhook.retryAt)})`}.`,
      };
    case 'sending':
      return { tone: 'ok', text: `Sending ${updates(webhook.waiting)} to ${where}…` };
    case 'idle':
      return { tone: 'ok', text: webhook.lastDeliveredAt === null ? `Orders go to ${where} as they come.` : `All orders delivered to ${where} (last ${timeOfDay(webhook.lastDeliveredAt)}).` };
    case 'off':
      // Saved but not running: its secret could not be opened (secret.key replaced).
      return { tone: 'warning', text: `Orders for ${where} are waiting: the webhook's secret could not be opened. Save the secret again.` };
    default: {
      const unknown: never = webhook.state;
      return unknown;
    }
  }
}
