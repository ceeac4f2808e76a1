import { describe, expect, it } from 'vitest';
import { convertMinor, minorToInput, parseMoney, parseOptionalMoney } from './money.std';

describe('money input', () => {
  it('shows minor units as a decimal amount the parser reads back', () => {
    expect(minorToInput(9900, 'CNY')).toBe('99.00');
    expect(minorToInput(5, 'USD')).toBe('0.05');
    expect(minorToInput(1990, 'JPY')).toBe('1990');
    expect(minorToInput(1990, 'IDR')).toBe('1990');
    for (const [amount, currency] of [[9900, 'CNY'], [5, 'USD'], [1990, 'JPY']] as const) expect(parseMoney(minorToInput(amount, currency), currency, 'Price')).toEqual({ ok: true, value: amount });
  });

  it('reads amounts with the contract’s parser, its reason completing a sentence about the field', () => {
    expect(parseMoney('0.29', 'USD', 'Price')).toEqual({ ok: true, value: 29 });
    expect(parseMoney('¥1,299', 'CNY', 'Price')).toEqual({ ok: true, value: 129900 });
    expect(parseMoney('19.999', 'USD', 'Price')).toEqual({ ok: false, message: 'Price has more decimals than USD has (at most 2, as in 19.99).' });
    expect(parseMoney('19.5', 'JPY', 'Price')).toEqual({ ok: false, message: 'Price is in whole JPY: no decimals.' });
    expect(parseMoney('-3', 'USD', 'Price').ok).toBe(false);
    expect(parseMoney('', 'USD', 'Price').ok).toBe(false);
    expect(parseOptionalMoney(' ', 'USD', 'List price')).toEqual({ ok: true, value: null });
  });

  it('keeps the typed amount when the currency changes', () => {
    expect(convertMinor(9900, 'CNY', 'JPY')).toBe(99);
    expect(convertMinor(99, 'JPY', 'USD')).toBe(9900);
    expect(convertMinor(9950, 'USD', 'KRW')).toBe(100);
    expect(convertMinor(1234, 'USD', 'EUR')).toBe(1234);
  });
});
