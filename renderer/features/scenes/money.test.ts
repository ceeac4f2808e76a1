import { describe, expect, it } from 'vitest';
import type { Currency } from '../../../contract/schemas/product.std';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { convertMinor, minorToInput, parseMoney as moneyIn, parseOptionalMoney as optionalIn } from './money.std';

const en = createStudioTranslator('en');
const zh = createStudioTranslator('zh-CN');
const parseMoney = (text: string, currency: Currency, label: string) => moneyIn(text, currency, label, en);
const parseOptionalMoney = (text: string, currency: Currency, label: string) => optionalIn(text, currency, label, en);

describe('money input', () => {
  it('shows minor units as a decimal amount the parser reads back', () => {
    expect(minorToInput(9900, 'CNY')).toBe('99.00');
    expect(minorToInput(5, 'USD')).toBe('0.05');
    expect(minorToInput(1990, 'JPY')).toBe('1990');
    expect(minorToInput(1990, 'IDR')).toBe('1990');
    for (const [amount, currency] of [[9900, 'CNY'], [5, 'USD'], [1990, 'JPY']] as const) expect(parseMoney(minorToInput(amount, currency), currency, 'Price')).toEqual({ ok: true, value: amount });
  });

  it('reads amounts with the contract’s parser, its problem a whole sentence about the field', () => {
    expect(parseMoney('0.29', 'USD', 'Price')).toEqual({ ok: true, value: 29 });
    expect(parseMoney('¥1,299', 'CNY', 'Price')).toEqual({ ok: true, value: 129900 });
    expect(parseMoney('19.999', 'USD', 'Price')).toEqual({ ok: false, message: 'Price has more decimals than USD has (at most 2, as in 19.99).' });
    expect(parseMoney('19.5', 'JPY', 'Price')).toEqual({ ok: false, message: 'Price is in whole JPY: no decimals.' });
    expect(parseMoney('-3', 'USD', 'Price').ok).toBe(false);
    expect(parseMoney('', 'USD', 'Price').ok).toBe(false);
    expect(parseMoney('abc', 'CNY', 'The price')).toEqual({ ok: false, message: 'The price is not an amount (type it like 1299, 1,299.00 or ¥1,299).' });
    expect(parseMoney('9999999', 'CNY', 'The price')).toEqual({ ok: false, message: 'The price is more than ¥1,000,000.00, the most one product can cost: check for a digit too many.' });
    expect(parseOptionalMoney(' ', 'USD', 'List price')).toEqual({ ok: true, value: null });
  });

  it('says the same problems in Chinese, by the contract’s problem code', () => {
    expect(moneyIn('', 'CNY', '售价', zh)).toEqual({ ok: false, message: '请填写售价。' });
    expect(moneyIn('abc', 'JPY', '售价', zh)).toEqual({ ok: false, message: '售价不是有效金额（请按 1299 或 1,299 这样填写）。' });
    expect(moneyIn('19.5', 'JPY', '售价', zh)).toEqual({ ok: false, message: '售价以整数 JPY 计：不能有小数。' });
    expect(moneyIn('-3', 'CNY', '划线价', zh)).toEqual({ ok: false, message: '划线价不能小于零。' });
    expect(optionalIn('$5', 'CNY', '划线价', zh)).toEqual({ ok: false, message: '划线价用的不是 CNY：请改选币种，或去掉价格里的货币符号。' });
  });

  it('keeps the typed amount when the currency changes', () => {
    expect(convertMinor(9900, 'CNY', 'JPY')).toBe(99);
    expect(convertMinor(99, 'JPY', 'USD')).toBe(9900);
    expect(convertMinor(9950, 'USD', 'KRW')).toBe(100);
    expect(convertMinor(1234, 'USD', 'EUR')).toBe(1234);
  });
});
