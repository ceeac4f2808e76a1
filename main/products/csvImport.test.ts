import { describe, expect, it } from 'vitest';
import { parseProductCsv, productFromRow, type CsvParseResult } from './csvImport.std';

const rowsOf = (result: CsvParseResult) => {
  if (!result.ok) throw new Error(result.message);
  return result;
};

describe('parseProductCsv', () => {
  it('reads a hostile spreadsheet: BOM, CRLF, quoted commas and line breaks, empty lines, Chinese headers, formulas as text', () => {
    const csv = [
      '\uFEFF商品名称,售价,划线价,库存,编号,图片',
      '"Teapot, large",¥199,"1,299.50",12,T-1,https://example.com/t.jpg',
      '',
      '"Scarf',
      'in silk",59.9,,0,S-1,',
      ',,,,,',
      '=cmd()|\'/C calc\'!A0,10,,,F-1,',
      '"He said ""hi""",1,,,Q-1,',
    ].join('\r\n');
    const result = rowsOf(parseProductCsv(csv));
    expect(result.rejected).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, id: 'T-1', name: 'Teapot, large', priceMinor: 19_900, listPriceMinor: 129_950, currency: 'CNY', stock: 12 },
      { line: 4, id: 'S-1', name: 'Scarf\r\nin silk', priceMinor: 5990, listPriceMinor: null, currency: 'CNY', stock: 0 },
      { line: 7, id: 'F-1', name: "=cmd()|'/C calc'!A0", priceMinor: 1000, listPriceMinor: null, currency: 'CNY', stock: null },
      { line: 8, id: 'Q-1', name: 'He said "hi"', priceMinor: 100, listPriceMinor: null, currency: 'CNY', stock: null },
    ]);
    expect(result.notes).toEqual(['The photo column was not imported: add photos to products in the app.']);
  });

  it('lists each bad row with its line and the column at fault, and keeps the good rows', () => {
    const huge = 'x'.repeat(10 * 1024);
    const csv = [
      'Name,Price,Stock,SKU,Currency',
      'Good,10,1,A1,',
      'Bad price,abc,1,A2,',
      'Negative,10,-3,A3,',
      ',10,1,A4,',
      'Dup,10,1,A1,',
      `${huge},10,1,A5,`,
      `Huge note,10,1,A6,`,
      'Dollars,$19.99,5,A7,',
      'Yen,1200,5,A8,jpy',
      'Pesos,10,5,A9,MXN',
      'Too fine,1.999,5,A10,',
      'Absurd,"¥99,999,999,999",5,A11,',
      'Free,0,5,A12,',
      'Pasted,"￥１，２９９",5,A13,',
    ].join('\n');
    const result = rowsOf(parseProductCsv(csv));
    expect(result.rejected).toEqual([
      { line: 3, reason: 'price "abc" is not an amount (type it like 1299, 1,299.00 or ¥1,299)' },
      { line: 4, reason: 'stock "-3" is not a number of units (0 or more)' },
      { line: 5, reason: 'name is empty' },
      { line: 6, reason: 'id "A1" is also on line 2' },
      { line: 7, reason: `name "${'x'.repeat(39)}…" is too long (at most 120 characters)` },
      { line: 11, reason: expect.stringMatching(/^currency "MXN" is not one Shopcast sells in \(CNY, USD/) as string },
      { line: 12, reason: 'price "1.999" has more decimals than CNY has (at most 2, as in 19.99)' },
      { line: 13, reason: 'price "¥99,999,999,999" is more than ¥1,000,000.00, the most one product can cost: check for a digit too many' },
      { line: 14, reason: 'price "0" must be more than zero' },
    ]);
    expect(result.rows.map((row) => [row.line, row.id, row.priceMinor, row.currency])).toEqual([
      [2, 'A1', 1000, 'CNY'],
      [8, 'A6', 1000, 'CNY'],
      [9, 'A7', 1999, 'USD'],
      [10, 'A8', 1200, 'JPY'],
      [15, 'A13', 129_900, 'CNY'],
    ]);
  });

  it('refuses a list price that is not above the price, as the product form does', () => {
    const result = rowsOf(parseProductCsv('name,price,list price\nTeapot,199,99\nCup,59,x\nPot,199,299'));
    expect(result.rejected).toEqual([
      { line: 2, reason: 'list price "99" must be above the price (¥199.00): it is shown struck out as the price before' },
      { line: 3, reason: 'list price "x" is not an amount (type it like 1299, 1,299.00 or ¥1,299)' },
    ]);
    expect(result.rows.map((row) => row.listPriceMinor)).toEqual([29_900]);
  });

  it('counts lines after a quoted cell with CRLF inside, and after a row the parser skips', () => {
    const csv = 'name;price\r\n"two\r\nlines";5\r\n\r\n"three\r\nlines\r\nhere";6\r\nlast;x\r\n';
    const result = rowsOf(parseProductCsv(csv));
    expect(result.rows.map((row) => row.line)).toEqual([2, 5]);
    expect(result.rejected).toEqual([{ line: 8, reason: 'price "x" is not an amount (type it like 1299, 1,299.00 or ¥1,299)' }]);
  });

  it('refuses a file without a header it can use, saying which column is missing', () => {
    expect(parseProductCsv('')).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) as string });
    expect(parseProductCsv('Teapot,199\nScarf,59')).toMatchObject({ ok: false, message: expect.stringMatching(/no name column \(name, 名称, 商品名称\)/) as string });
    expect(parseProductCsv('name,colour\nTeapot,red')).toMatchObject({ ok: false, message: expect.stringMatching(/no price column/) as string });
    expect(rowsOf(parseProductCsv('NAME , Price (¥),Weight\nTeapot,199,2kg')).notes).toEqual(['These columns were not imported: "Weight".']);
  });

  it('updates a product with the same id: the file’s columns replace, the rest (photo, a missing column) stays', () => {
    const [row] = rowsOf(parseProductCsv('sku,name,price\nT-1,Teapot v2,88')).rows;
    if (!row) throw new Error('expected a row');
    const photo = 'data:image/png;base64,AAAA';
    const existing = { id: 'T-1', name: 'Teapot', priceMinor: 9900, listPriceMinor: 12_000, currency: 'CNY' as const, stock: 4, photo, variants: [] };
    expect(productFromRow(row, existing, () => 'new')).toEqual({ ...existing, name: 'Teapot v2', priceMinor: 8800 });
    expect(productFromRow({ ...row, id: undefined }, undefined, () => 'new-id')).toEqual({
      id: 'new-id',
      name: 'Teapot v2',
      priceMinor: 8800,
      listPriceMinor: null,
      currency: 'CNY',
      stock: null,
      photo: null,
      variants: [],
    });
  });
});
