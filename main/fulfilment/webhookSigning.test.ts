import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retryDelayMs, webhookBackoff } from './webhookBackoff.std';
import { describeFailure } from './webhookDelivery.node';
import { signedHeaders, verifyWebhook, webhookSignature } from './webhookSignature.node';

const secret = 'a-shared-secret-of-some-length';
const body = '{"id":"o1.5","type":"order.created","order":{"product":"真丝围巾"}}';

describe('the webhook signature', () => {
  it('is HMAC-SHA256 over "<timestamp>.<raw body>", as a receiver recomputes it with any HMAC library', () => {
    const expected = createHmac('sha256', secret).update(`1765122012.${body}`, 'utf8').digest('hex');
    expect(webhookSignature(secret, 1765122012, body)).toBe(`sha256=${expected}`);
  });

  it('is accepted with the same secret and bytes, refused when the body, secret or timestamp change or the timestamp is stale', () => {
    const now = 1_765_122_012_345;
    const headers = signedHeaders(secret, now, body);
    const sent = { timestamp: headers['x-shopcast-timestamp'], signature: headers['x-shopcast-signature'] };
    expect(sent.timestamp).toBe('1765122012');
    expect(verifyWebhook(secret, sent, body, now)).toBe(true);
    expect(verifyWebhook(secret, sent, body.replace('1', '2'), now)).toBe(false);
    expect(verifyWebhook('another-secret-entirely', sent, body, now)).toBe(false);
    expect(verifyWebhook(secret, { ...sent, timestamp: '1765122013' }, body, now)).toBe(false);
    expect(verifyWebhook(secret, sent, body, now + 6 * 60_000)).toBe(false);
    expect(verifyWebhook(secret, { ...sent, signature: undefined }, body, now)).toBe(false);
  });
});

describe('the retry backoff', () => {
  it('doubles from 1 s to a 5 minute cap, jittered within ±20 %', () => {
    const middle = [1, 2, 3, 4, 5, 9, 10, 50].map((failures) => retryDelayMs(failures, 0.5));
    expect(middle).toEqual([1000, 2000, 4000, 8000, 16_000, 256_000, 300_000, 300_000]);
    expect(retryDelayMs(1, 0)).toBe(800);
    expect(retryDelayMs(1, 0.999_999)).toBe(1200);
    for (let failures = 1; failures < 2000; failures += 7) expect(retryDelayMs(failures, 0.999_999)).toBeLessThanOrEqual(webhookBackoff.capMs);
    expect(retryDelayMs(3, 0.5, { firstMs: 10, capMs: 25 })).toBe(25);
  });

  it('says why an attempt failed in words', () => {
    expect(describeFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toBe('connection refused');
    expect(describeFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe('no answer in time');
    expect(describeFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } }))).toBe('the connection was closed without an answer');
  });
});
