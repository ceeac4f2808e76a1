import { describe, expect, it } from 'vitest';
import { buyText, clipsText, salesText, showLength } from './showResultsText.std';

describe('the show’s results in words', () => {
  it('says the length in hours, minutes or seconds', () => {
    expect(showLength(65 * 60_000 + 400)).toBe('1 h 05 min');
    expect(showLength(12 * 60_000 + 30_000)).toBe('12 min 30 s');
    expect(showLength(40_200)).toBe('40 s');
  });

  it('shows sales as money, per currency', () => {
    expect(salesText([])).toBe('None');
    expect(salesText([{ amountMinor: 16_700, currency: 'CNY' }, { amountMinor: 800, currency: 'USD' }])).toBe('¥167.00 + $8.00');
  });

  it('names the clips being cut, and what Buy does now', () => {
    expect(clipsText([])).toMatch(/no product clips/);
    expect(clipsText([{ productId: 't', name: 'Teapot' }])).toBe('Cutting a clip of Teapot: it appears in the Library when ready.');
    expect(clipsText([{ productId: 't', name: 'Teapot' }, { productId: 'c', name: 'Cup' }])).toBe('Cutting 2 clips (Teapot, Cup): they appear in the Library when ready.');
    expect(buyText(null, String)).toBe('Buying closed for viewers when the show ended.');
    expect(buyText(5, (ms) => `at ${ms}`)).toBe('Viewers can still buy until at 5.');
  });
});
