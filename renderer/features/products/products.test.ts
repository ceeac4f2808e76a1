import { describe, expect, it } from 'vitest';
import { parseFlashSale } from './flashSale.std';
import { productInputOf, newProductDraft } from './productDraft.std';
import { addToRunSheet, moveInRunSheet, nextInRunSheet, removeFromRunSheet } from './runSheet.std';
import { stockLabel } from './productText.std';

const sale = { price: '99.50', minutes: '5', currency: 'CNY' as const, regularPriceMinor: 19900, now: 1_000_000, clockOffsetMs: 250 };

describe('flash sale', () => {
  it('ends on the room clock', () => {
    expect(parseFlashSale(sale)).toEqual({ ok: true, value: { priceMinor: 9950, endsAt: 1_000_000 + 250 + 5 * 60_000 } });
  });

  it('refuses a price that is not a sale, bad amounts and lengths', () => {
    expect(parseFlashSale({ ...sale, price: '199' })).toMatchObject({ ok: false, message: expect.stringContaining('below') });
    expect(parseFlashSale({ ...sale, price: 'abc' }).ok).toBe(false);
    expect(parseFlashSale({ ...sale, price: '1.999' }).ok).toBe(false);
    expect(parseFlashSale({ ...sale, minutes: '0' })).toMatchObject({ ok: false, message: expect.stringContaining('minutes') });
    expect(parseFlashSale({ ...sale, minutes: '' }).ok).toBe(false);
  });

  it('reads yen without decimals', () => {
    expect(parseFlashSale({ ...sale, currency: 'JPY', price: '990', regularPriceMinor: 1990 })).toMatchObject({ ok: true, value: { priceMinor: 990 } });
  });
});

describe('run-sheet', () => {
  it('moves, adds once, removes', () => {
    expect(moveInRunSheet(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveInRunSheet(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
    expect(addToRunSheet(['a'], 'a')).toEqual(['a']);
    expect(addToRunSheet(['a'], 'b')).toEqual(['a', 'b']);
    expect(removeFromRunSheet(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('knows the next product', () => {
    expect(nextInRunSheet([], null)).toBeNull();
    expect(nextInRunSheet(['a', 'b'], null)).toBe('a');
    expect(nextInRunSheet(['a', 'b'], 'a')).toBe('b');
    expect(nextInRunSheet(['a', 'b'], 'b')).toBeNull();
    expect(nextInRunSheet(['a', 'b'], 'x')).toBe('a');
  });
});

describe('product form', () => {
  it('turns typed fields into a product input', () => {
    const draft = { ...newProductDraft('CNY'), name: ' Teapot ', price: '199', listPrice: '', stock: '12' };
    expect(productInputOf(draft)).toEqual({ ok: true, value: { name: 'Teapot', priceMinor: 19900, listPriceMinor: null, currency: 'CNY', stock: 12, photo: null } });
  });

  it('says what is wrong', () => {
    expect(productInputOf({ ...newProductDraft('CNY'), price: '1' })).toMatchObject({ ok: false, message: 'A product name is needed.' });
    expect(productInputOf({ ...newProductDraft('CNY'), name: 'x', price: '1', stock: '1.5' })).toMatchObject({ ok: false, message: 'The stock must be a whole number.' });
  });

  it('labels stock', () => {
    expect(stockLabel(null)).toBeNull();
    expect(stockLabel(0)).toBe('Sold out');
    expect(stockLabel(3)).toBe('3 left');
  });
});
