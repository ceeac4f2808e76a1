import { describe, expect, it } from 'vitest';
import type { Currency } from '../schemas/product.std';
import { isSanePrice, maxPriceMinor, parsePrice } from './price.std';

const minor = (text: string, currency: Currency | null = 'CNY') => {
  const parsed = parsePrice(text, currency);
  return parsed.ok ? parsed.minor : parsed.problem;
};

describe('parsePrice', () => {
  it('reads prices as merchants paste them into minor units', () => {
    expect(minor('1299')).toBe(129_900);
    expect(minor('¥1,299')).toBe(129_900);
    expect(minor('￥1,299.00')).toBe(129_900);
    expect(minor('1,299.00')).toBe(129_900);
    expect(minor('１２９９')).toBe(129_900);
    expect(minor('￥１，２９９．５０')).toBe(129_950);
    expect(minor('12。5')).toBe(1250);
    expect(minor(' RMB 59 ')).toBe(5900);
    expect(minor('59元')).toBe(5900);
    expect(minor('59 CNY')).toBe(5900);
    expect(minor('人民币59.9')).toBe(5990);
    expect(minor('¥59元')).toBe(5900);
    expect(minor('0.29')).toBe(29);
    expect(minor('$19.99', 'USD')).toBe(1999);
    expect(minor('HK$88', 'HKD')).toBe(8800);
    expect(minor('¥1,990', 'JPY')).toBe(1990);
    expect(minor('1,990.00', 'JPY')).toBe(1990);
    expect(minor('007')).toBe(700);
  });

  it('takes the currency from the symbol when the caller has none, CNY by default', () => {
    expect(parsePrice('$19.99', null)).toEqual({ ok: true, minor: 1999, currency: 'USD' });
    expect(parsePrice('€5', null)).toEqual({ ok: true, minor: 500, currency: 'EUR' });
    expect(parsePrice('¥199', null)).toEqual({ ok: true, minor: 19_900, currency: 'CNY' });
    expect(parsePrice('199', null)).toEqual({ ok: true, minor: 19_900, currency: 'CNY' });
  });

  it('refuses what is not a price, saying why in a clause the caller completes', () => {
    for (const bad of ['abc', '1,2', '12.', '.5', '1e3', '0x10', '1.299,00', '¥', '€59元', '5 5']) expect(minor(bad), bad).toBe('not-a-price');
    expect(parsePrice('abc', 'CNY')).toEqual({ ok: false, problem: 'not-a-price', reason: 'is not an amount (type it like 1299, 1,299.00 or ¥1,299)' });
    expect(parsePrice('  ', 'CNY')).toEqual({ ok: false, problem: 'empty', reason: 'is empty' });
    for (const negative of ['-5', '−5', '-¥5', '¥-5', '- 5']) expect(minor(negative), negative).toBe('negative');
    expect(parsePrice('-5', 'CNY')).toMatchObject({ reason: 'cannot be below zero' });
    for (const zero of ['0', '¥0.00', '0,000']) expect(minor(zero), zero).toBe('zero');
    expect(parsePrice('19.999', 'USD')).toEqual({ ok: false, problem: 'too-many-decimals', reason: 'has more decimals than USD has (at most 2, as in 19.99)' });
    expect(parsePrice('19.5', 'JPY')).toEqual({ ok: false, problem: 'too-many-decimals', reason: 'is in whole JPY: no decimals' });
    expect(parsePrice('$5', 'CNY')).toEqual({
      ok: false,
      problem: 'other-currency',
      reason: 'has "$" (USD, HKD, TWD, SGD), but the product is priced in CNY: choose its currency, or type the price without "$"',
    });
    expect(parsePrice('€5', 'USD')).toMatchObject({ ok: false, problem: 'other-currency' });
  });

  it('refuses an absurd price, naming the most a product can cost', () => {
    expect(parsePrice('¥99,999,999,999', 'CNY')).toEqual({
      ok: false,
      problem: 'too-large',
      reason: 'is more than ¥1,000,000.00, the most one product can cost: check for a digit too many',
    });
    expect(minor('9'.repeat(40))).toBe('too-large');
    expect(minor('1,000,000')).toBe(100_000_000);
    expect(minor('1,000,000.01')).toBe('too-large');
    expect(minor('₫2,500,000', 'VND')).toBe(2_500_000);
  });
});

describe('isSanePrice', () => {
  it('holds a stored amount to what the parser accepts', () => {
    expect(isSanePrice(1, 'CNY')).toBe(true);
    expect(isSanePrice(maxPriceMinor('CNY'), 'CNY')).toBe(true);
    expect(isSanePrice(maxPriceMinor('CNY') + 1, 'CNY')).toBe(false);
    expect(isSanePrice(0, 'CNY')).toBe(false);
    expect(isSanePrice(-1, 'CNY')).toBe(false);
    expect(isSanePrice(1.5, 'CNY')).toBe(false);
  });
});
