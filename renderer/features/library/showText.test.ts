import { describe, expect, it } from 'vitest';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { formatBytes, formatShowDate, formatShowLength, productsLine } from './showText.std';

const en = createStudioTranslator('en');
const zh = createStudioTranslator('zh-CN');

describe('formatBytes', () => {
  it('writes decimal units with one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(1_000)).toBe('1.0 KB');
    expect(formatBytes(12_345)).toBe('12 KB');
    expect(formatBytes(350_000_000)).toBe('350 MB');
    expect(formatBytes(1_240_000_000)).toBe('1.2 GB');
    expect(formatBytes(5e15)).toBe('5000 TB');
  });
});

describe('formatShowDate', () => {
  it('writes the start in the given language and zone', () => {
    expect(formatShowDate(Date.UTC(2026, 10, 25, 20, 15), zh, 'UTC')).toBe('2026年11月25日 20:15');
  });

  it('says when the start is unknown', () => {
    expect(formatShowDate(null, en)).toBe('Date unknown');
  });
});

describe('formatShowLength', () => {
  it('is a clock, or says it is unknown', () => {
    expect(formatShowLength(3_725.4, en)).toBe('1:02:05');
    expect(formatShowLength(null, en)).toBe('Length unknown');
  });
});

describe('productsLine', () => {
  const product = (productName: string) => ({ productId: productName, productName });

  it('names up to three products and counts the rest', () => {
    expect(productsLine([], en)).toBe('No products promoted');
    expect(productsLine([product('Silk scarf')], en)).toBe('Silk scarf');
    expect(productsLine(['A', 'B', 'C'].map(product), en)).toBe('A, B, and C');
    expect(productsLine(['A', 'B', 'C', 'D', 'E'].map(product), en)).toBe('A, B, C, and 2 more');
    expect(productsLine(['围巾', '茶壶', '茶杯', '托盘'].map(product), zh)).toBe('围巾、茶壶、茶杯和另外 1 个');
  });
});
