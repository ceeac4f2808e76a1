import { createHmac, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_HEADERS } from '../../contract/schemas/fulfilment.std';

// The order webhook's signature, as Stripe and GitHub sign theirs: HMAC-SHA256 with the shared
// secret over "<timestamp>.<raw body>". The timestamp is signed too, so a receiver that refuses
// old timestamps (5 minutes, say) cannot be replayed a captured request later; the body is
// signed as the exact bytes sent, so the receiver checks it before parsing.

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The signing headers of one attempt (the timestamp is the attempt's, in seconds). */
export function signedHeaders(secret: string, nowMs: number, body: string): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return { [WEBHOOK_HEADERS.timestamp]: String(timestamp), [WEBHOOK_HEADERS.signature]: webhookSignature(secret, timestamp, body) };
}

/** What a receiver does (and the tests): the signature matches, in constant time, and the timestamp is recent. */
export function verifyWebhook(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, nowMs: number, toleranceMs = 5 * 60_000): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowMs - timestamp * 1000) > toleranceMs || headers.signature === undefined) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
