import { describe, expect, it } from 'vitest';
import type { OrderWebhookState } from '../../../contract/schemas/fulfilment.std';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { webhookStatusLine as lineIn } from './webhookStatus.std';

const webhookStatusLine = (webhook: OrderWebhookState | null) => lineIn(webhook, createStudioTranslator('en'));

const base: OrderWebhookState = { url: 'https://erp.example.com/hooks/shopcast', hasSecret: true, state: 'idle', waiting: 0, lastError: null, retryAt: null, lastDeliveredAt: null };

describe('the webhook status line', () => {
  it('names the endpoint by its host and says what happens to waiting orders when it fails', () => {
    const failing = webhookStatusLine({ ...base, state: 'retrying', waiting: 3, lastError: 'HTTP 500 Internal Server Error', retryAt: new Date(2026, 11, 7, 15, 41, 20).getTime() });
    expect(failing).toEqual({
      tone: 'warning',
      text: 'Orders are not reaching erp.example.com: HTTP 500 Internal Server Error. 3 order updates waiting, sent in order once it answers (next try 15:41:20).',
    });
    expect(webhookStatusLine({ ...base, state: 'sending', waiting: 1 }).text).toBe('Sending 1 order update to erp.example.com…');
    expect(webhookStatusLine({ ...base, lastDeliveredAt: new Date(2026, 11, 7, 15, 40, 0).getTime() }).text).toBe('All orders delivered to erp.example.com (last 15:40:00).');
  });

  it('says it in Chinese, the endpoint’s own error as it came', () => {
    expect(lineIn({ ...base, state: 'retrying', waiting: 2, lastError: 'HTTP 500' }, createStudioTranslator('zh-CN')).text).toBe('订单发不到 erp.example.com：HTTP 500。有 2 条订单更新在等待，对方恢复响应后会按顺序发送。');
  });

  it('is quiet when no webhook is set up', () => {
    expect(webhookStatusLine(null).tone).toBe('quiet');
    expect(webhookStatusLine({ ...base, url: null, hasSecret: false, state: 'off' }).tone).toBe('quiet');
  });
});
