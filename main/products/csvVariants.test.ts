import { describe, expect, it } from 'vitest';
import { parseProductCsv, productFromRow, type CsvParseResult } from './csvImport.std';

const rowsOf = (result: CsvParseResult) => {
  if (!result.ok) throw new Error(result.message);
  return result;
};

describe('CSV rows with variants', () => {
  it('joins rows of the same name into one product, one variant a row, its stock theirs together', () => {
    const csv = ['名称,售价,尺码,库存', 'T-shirt,99,S,5', 'T-shirt,99,M,7', 'Teapot,199,,3', 'ｔ－ｓｈｉｒｔ,99,L,0'].join('\n');
    const result = rowsOf(parseProductCsv(csv));
    expect(result.rejected).toEqual([]);
    expect(result.rows).toHaveLength(2);
    const [shirt, teapot] = result.rows;
    expect(shirt?.variants).toEqual([
      { label: 'S', stock: 5, line: 2 },
      { label: 'M', stock: 7, line: 3 },
      // The same name typed full-width is the same product.
      { label: 'L', stock: 0, line: 5 },
    ]);
    expect(teapot).toMatchObject({ name: 'Teapot', stock: 3 });
    expect(teapot?.variants).toBeUndefined();
    let next = 0;
    const product = productFromRow(shirt ?? (undefined as never), undefined, () => `id-${++next}`);
    expect(product.stock).toBe(12);
    expect(product.variants.map((variant) => variant.label)).toEqual(['S', 'M', 'L']);
  });

  it('joins a colour and a size as "颜色 / 尺码", and rows by SKU when the file has one', () => {
    const csv = ['sku,name,price,colour,size,stock', 'TS-1,T-shirt,99,红色,L,2', 'TS-1,T-shirt (red),99,蓝色,L,4', 'TS-2,Hat,30,,,1'].join('\n');
    const result = rowsOf(parseProductCsv(csv));
    expect(result.rejected).toEqual([]);
    expect(result.rows[0]?.variants?.map((variant) => variant.label)).toEqual(['红色 / L', '蓝色 / L']);
    expect(result.rows[1]).toMatchObject({ id: 'TS-2', name: 'Hat', stock: 1 });
  });

  it('lists a repeated variant, another price and a label too long, with their line', () => {
    const csv = ['name,price,variant,stock', 'Dress,199,S,1', 'Dress,199,s,2', 'Dress,299,M,1', `Dress,199,${'X'.repeat(31)},1`, 'Dress,199,L,1'].join('\n');
    const result = rowsOf(parseProductCsv(csv));
    expect(result.rejected).toEqual([
      { line: 3, reason: 'variant "s" of "Dress" is also on line 2' },
      { line: 4, reason: 'price differs from line 2\'s: the variants of "Dress" share one price (make a separate product for another price)' },
      { line: 5, reason: `variant "${'X'.repeat(31)}" is too long (at most 30 characters)` },
    ]);
    expect(result.rows[0]?.variants?.map((variant) => variant.label)).toEqual(['S', 'L']);
  });

  it('keeps the ids of variants the product already had, so live orders still name theirs', () => {
    const [row] = rowsOf(parseProductCsv('sku,name,price,size,stock\nTS-1,T-shirt,99,M,9\nTS-1,T-shirt,99,XL,1')).rows;
    const existing = { id: 'TS-1', name: 'T-shirt', priceMinor: 9900, listPriceMinor: null, currency: 'CNY' as const, stock: 3, photo: null, variants: [{ id: 'v-m', label: 'm', stock: 3 }] };
    const product = productFromRow(row ?? (undefined as never), existing, () => 'v-new');
    expect(product.variants).toEqual([
      { id: 'v-m', label: 'M', stock: 9 },
      { id: 'v-new', label: 'XL', stock: 1 },
    ]);
    expect(product.stock).toBe(10);
  });
});
