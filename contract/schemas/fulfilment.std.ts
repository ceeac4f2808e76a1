import { z } from 'zod';
import { orderStatusSchema } from '../room/roomMessages.std';

// How orders leave the studio for fulfilment: the CSV download and the order webhook to the
// shop's own system (docs/ORDER-WEBHOOK.md describes what the shop's server receives).

/** The CSV of every order the studio's room has taken; served to the paired studio only. */
export const ORDERS_CSV_PATH = '/orders.csv';

/** A webhook endpoint: http(s) only, no credentials in the address (the secret signs instead). */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((text) => {
    if (!URL.canParse(text)) return false;
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  }, 'Enter the full address of your shop system’s endpoint, starting with https:// (or http:// on your own network).');

/** The shared secret both sides sign with: long enough that it can't be guessed. */
export const webhookSecretSchema = z.string().min(16, 'The secret needs at least 16 characters.').max(200, 'The secret is at most 200 characters.');

/** Saving: an empty `url` turns the webhook off; `secret` omitted keeps the saved one (it is never shown back). */
export const orderWebhookInputSchema = z.strictObject({
  url: z.union([z.literal(''), webhookUrlSchema]),
  secret: webhookSecretSchema.optional(),
});
export type OrderWebhookInput = z.input<typeof orderWebhookInputSchema>;

export const webhookDeliveryStates = ['off', 'idle', 'sending', 'retrying'] as const;

/** What the panel shows: where orders go, and whether they get there. Never the secret. */
export const orderWebhookStateSchema = z.strictObject({
  url: z.string().nullable(),
  hasSecret: z.boolean(),
  state: z.enum(webhookDeliveryStates),
  /** Deliveries not yet accepted by the endpoint (the one being retried included). */
  waiting: z.number().int().nonnegative(),
  /** Why the last attempt failed, in words ("HTTP 500", "connection refused"); null once one succeeds. */
  lastError: z.string().nullable(),
  /** When the next attempt is due (ms since epoch), while retrying. */
  retryAt: z.number().nullable(),
  lastDeliveredAt: z.number().nullable(),
});
export type OrderWebhookState = z.infer<typeof orderWebhookStateSchema>;

export const webhookEventTypes = ['order.created', 'order.status_changed'] as const;

/** One order as the CSV and the webhook carry it: money as decimal strings in the currency's units. */
export const fulfilmentOrderSchema = z.strictObject({
  /** The room's order id: unique for good, what a shop system keys the order on. */
  id: z.string(),
  /** "K7M-4QX" (`orderNumber`): what the buyer and the shopkeeper see and say. */
  number: z.string(),
  buyer: z.string(),
  contact: z.string().nullable(),
  productId: z.string(),
  product: z.string(),
  /** The variant's label ("红色 / L"); null for a product without variants. */
  variant: z.string().nullable(),
  quantity: z.number().int(),
  unitPrice: z.string(),
  amount: z.string(),
  currency: z.string(),
  status: orderStatusSchema,
  source: z.enum(['buy', 'claim']),
  note: z.string().nullable(),
  /** When it was placed, ISO 8601 (UTC). */
  placedAt: z.string(),
});
export type FulfilmentOrder = z.infer<typeof fulfilmentOrderSchema>;

/** The JSON body the shop's endpoint receives (the signature is over these exact bytes). */
export const orderWebhookPayloadSchema = z.strictObject({
  /** The delivery's id: the same on every retry, so the receiver can drop a repeat. */
  id: z.string(),
  type: z.enum(webhookEventTypes),
  /** 1, 2, 3…: the order the shop's events happened in; deliveries never overtake each other. */
  sequence: z.number().int().positive(),
  occurredAt: z.string(),
  previousStatus: orderStatusSchema.nullable(),
  order: fulfilmentOrderSchema,
});
export type OrderWebhookPayload = z.infer<typeof orderWebhookPayloadSchema>;

export const WEBHOOK_HEADERS = {
  delivery: 'x-shopcast-delivery',
  event: 'x-shopcast-event',
  timestamp: 'x-shopcast-timestamp',
  /** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>` */
  signature: 'x-shopcast-signature',
} as const;
