import { describe, expect, it } from 'vitest';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { buyText, clipsText, salesText, showLength } from './showResultsText.std';

const en = createStudioTranslator('en');
const zh = createStudioTranslator('zh-CN');

describe('the show’s results in words', () => {
  it('says the length in hours, minutes or seconds', () => {
    expect(showLength(65 * 60_000 + 400, en)).toBe('1 h 05 min');
    expect(showLength(12 * 60_000 + 30_000, en)).toBe('12 min 30 s');
    expect(showLength(40_200, en)).toBe('40 s');
    expect(showLength(65 * 60_000, zh)).toBe('1 小时 05 分');
  });

  it('shows sales as money, per currency', () => {
    expect(salesText([], en)).toBe('None');
    expect(salesText([{ amountMinor: 16_700, currency: 'CNY' }, { amountMinor: 800, currency: 'USD' }], en)).toBe('¥167.00 + $8.00');
  });

  it('names the clips being cut, and what Buy does now', () => {
    expect(clipsText([], en)).toMatch(/no product clips/);
    expect(clipsText([{ productId: 't', name: 'Teapot' }], en)).toBe('Cutting a clip of Teapot: it appears in the Library when ready.');
    expect(clipsText([{ productId: 't', name: 'Teapot' }, { productId: 'c', name: 'Cup' }], en)).toBe('Cutting 2 clips (Teapot and Cup): they appear in the Library when ready.');
    expect(clipsText([{ productId: 't', name: '茶壶' }, { productId: 'c', name: '茶杯' }], zh)).toBe('正在剪辑 2 段切片（茶壶和茶杯）：剪好后会出现在“直播回放”里。');
    expect(buyText(null, String, en)).toBe('Buying closed for viewers when the show ended.');
    expect(buyText(5, (ms) => `at ${ms}`, en)).toBe('Viewers can still buy until at 5.');
  });
});
