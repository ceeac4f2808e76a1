import type { OrderWebhookState } from '../../../contract/schemas/fulfilment.std';
import { timeOfDay } from './timeOfDay.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

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

/** The webhook's state in a sentence; its last error is the core's (or the endpoint's) own words. */
export function webhookStatusLine(webhook: OrderWebhookState | null, { t }: StudioTranslator): WebhookStatusLine {
  if (!webhook || webhook.url === null) return { tone: 'quiet', text: t('webhook.none') };
  const where = endpointName(webhook.url);
  switch (webhook.state) {
    case 'retrying': {
      const values = { where, error: webhook.lastError ?? t('webhook.noAnswer'), waiting: webhook.waiting };
      return { tone: 'warning', text: webhook.retryAt === null ? t('webhook.retrying', values) : t('webhook.retryingAt', { ...values, time: timeOfDay(webhook.retryAt) }) };
    }
    case 'sending':
      return { tone: 'ok', text: t('webhook.sending', { waiting: webhook.waiting, where }) };
    case 'idle':
      return { tone: 'ok', text: webhook.lastDeliveredAt === null ? t('webhook.idle', { where }) : t('webhook.delivered', { where, time: timeOfDay(webhook.lastDeliveredAt) }) };
    case 'off':
      // Saved but not running: its secret could not be opened (secret.key replaced).
      return { tone: 'warning', text: t('webhook.off', { where }) };
    default: {
      const unknown: never = webhook.state;
      return unknown;
    }
  }
}
