import { describe, expect, it } from 'vitest';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { fractionToPercent, parseNumber as numberIn, parseOptionalNumber as optionalIn, parsePercent as percentIn, type NumberRule } from './numberInput.std';

const en = createStudioTranslator('en');
const parseNumber = (text: string, rule: NumberRule) => numberIn(text, rule, en);
const parseOptionalNumber = (text: string, rule: NumberRule) => optionalIn(text, rule, en);
const parsePercent = (text: string, rule: NumberRule) => percentIn(text, rule, en);

describe('number fields', () => {
  it('parses within bounds and says why not otherwise', () => {
    expect(parseNumber(' 36 ', { label: 'Font size', min: 8, max: 200 })).toEqual({ ok: true, value: 36 });
    expect(parseNumber('', { label: 'Font size' })).toEqual({ ok: false, message: 'Font size must be a number.' });
    expect(parseNumber('abc', { label: 'Font size' })).toEqual({ ok: false, message: 'Font size must be a number.' });
    expect(parseNumber('4', { label: 'Font size', min: 8 })).toEqual({ ok: false, message: 'Font size must be at least 8.' });
    expect(parseNumber('2.5', { label: 'Stock', integer: true })).toEqual({ ok: false, message: 'Stock must be a whole number.' });
    expect(parseOptionalNumber('', { label: 'Stock' })).toEqual({ ok: true, value: null });
  });

  it('says each problem in Chinese around the field’s translated name', () => {
    const zh = createStudioTranslator('zh-CN');
    expect(numberIn('abc', { label: '字号' }, zh)).toEqual({ ok: false, message: '字号必须是数字。' });
    expect(numberIn('2.5', { label: '库存', integer: true }, zh)).toEqual({ ok: false, message: '库存必须是整数。' });
    expect(numberIn('300', { label: '字号', max: 200 }, zh)).toEqual({ ok: false, message: '字号不能大于 200。' });
  });

  it('shows fractions as per cent and reads them back', () => {
    expect(fractionToPercent(0.2567)).toBe('25.67');
    expect(fractionToPercent(0.72)).toBe('72');
    expect(parsePercent('25.67', { label: 'X' })).toEqual({ ok: true, value: 0.2567 });
    expect(parsePercent('50 %', { label: 'X' })).toEqual({ ok: true, value: 0.5 });
    expect(parsePercent('-150', { label: 'X', min: -100 })).toEqual({ ok: false, message: 'X must be at least -100.' });
  });
});
