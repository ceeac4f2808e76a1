import { describe, expect, it } from 'vitest';
import { convertMinor, currencyDigits, minorToInput, parseMoney, parseOptionalMoney } from './money.std';

describe('money input', () => {
  it('knows each currency’s digits from formatPrice', () => {
    expect(currencyDigits('CNY')).toBe(2);
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('IDR')).toBe(0);
  });

  it('shows minor units as a decimal amount', () => {
    expect(minorToInput(9900, 'CNY')).toBe('99.00');
    expect(minorToInput(5, 'USD')).toBe('0.05');
    expect(minorToInput(1990, 'JPY')).toBe('1990');
  });

  it('parses amounts exactly, refusing too many decimals and non-numbers', () => {
    expect(parseMoney('0.29', 'USD', 'Price')).toEqual({ ok: true, value: 29 });
    expect(parseMoney('19.9', 'USD', 'Price')).toEqual({ ok: true, value: 1990 });
    expect(parseMoney('1,299', 'USD', 'Price')).toEqual({ ok: true, value: 129900 });
    expect(parseMoney('19.999', 'USD', 'Price')).toEqual({ ok: false, message: 'Price can have at most 2 decimals.' });
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
