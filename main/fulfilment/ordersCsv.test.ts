import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { orderNumber } from '../../contract/orderNumber.std';
import type { RoomOrder } from '../../contract/room/roomEvents.std';
import { decimalAmount, fulfilmentOrderOf } from './fulfilmentOrder.std';
import { csvCell, ORDERS_CSV_COLUMNS, ordersCsv, ordersCsvFileName } from './ordersCsv.std';

const order = (overrides: Partial<RoomOrder> = {}): RoomOrder => ({
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  viewerId: 'v-1',
  productId: 'p1',
  productName: '真丝围巾',
  variantId: null,
  variantLabel: null,
  quantity: 2,
  unitPriceMinor: 5900,
  amountMinor: 11800,
  currency: 'CNY',
  buyerName: '李娜',
  contact: '138 0013 8000',
  note: null,
  status: 'new',
  source: 'buy',
  at: Date.UTC(2026, 11, 7, 15, 40, 12),
  ...overrides,
});

describe('the orders CSV', () => {
  it('starts with a UTF-8 byte-order mark, ends lines with CRLF and keeps Chinese text as it is', () => {
    const csv = ordersCsv([fulfilmentOrderOf(order())]);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.replaceAll('\r\n', '')).not.toContain('\n');
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[0]).toEqual([...ORDERS_CSV_COLUMNS]);
    expect(rows[1]?.slice(0, 10)).toEqual([orderNumber('a1b2c3d4-0000-4000-8000-000000000001'), '李娜', '138 0013 8000', '真丝围巾', '', '2', '59.00', '118.00', 'CNY', 'new']);
  });

  it('names the variant bought in its column', () => {
    const rows = parse(ordersCsv([fulfilmentOrderOf(order({ variantId: 'v-l', variantLabel: '红色 / L' }))]), { bom: true }) as string[][];
    expect(rows[1]?.[ORDERS_CSV_COLUMNS.indexOf('Variant')]).toBe('红色 / L');
    expect(fulfilmentOrderOf(order()).variant).toBeNull();
  });

  it('quotes as RFC 4180 says: commas, quotes and line breaks stay inside their cell', () => {
    const csv = ordersCsv([fulfilmentOrderOf(order({ buyerName: 'Ana "the buyer", Lima', note: 'ring twice\r\nthen leave it' }))]);
    expect(csv).toContain('"Ana ""the buyer"", Lima"');
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[1]).toBe('Ana "the buyer", Lima');
    expect(rows[1]?.[11]).toBe('ring twice\r\nthen leave it');
  });

  it('never lets buyer text become a formula: = + - @ tab and CR get an apostrophe', () => {
    for (const hostile of ['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = csvCell(hostile);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
      expect(unquoted.startsWith("'"), hostile).toBe(true);
    }
    const rows = parse(ordersCsv([fulfilmentOrderOf(order({ buyerName: '=cmd|"/c calc"!A1', contact: '+86 138', note: '@home' }))]), { bom: true }) as string[][];
    expect(rows[1]?.[1]).toBe('\'=cmd|"/c calc"!A1');
    expect(rows[1]?.[2]).toBe("'+86 138");
    expect(rows[1]?.[11]).toBe("'@home");
    // Numbers the CSV writes itself stay numbers.
    expect(csvCell(2)).toBe('2');
    expect(csvCell('59.00')).toBe('59.00');
  });

  it('writes money in the currency’s units, exactly', () => {
    expect(decimalAmount(5900, 'CNY')).toBe('59.00');
    expect(decimalAmount(5, 'USD')).toBe('0.05');
    expect(decimalAmount(129_999, 'CNY')).toBe('1299.99');
    expect(decimalAmount(1500, 'JPY')).toBe('1500');
    expect(decimalAmount(-250, 'EUR')).toBe('-2.50');
  });

  it('has a header alone when there are no orders, and a dated file name', () => {
    expect(ordersCsv([])).toBe(`\uFEFF${ORDERS_CSV_COLUMNS.join(',')}\r\n`);
    expect(ordersCsvFileName(new Date(2026, 11, 7, 9, 5, 33).getTime())).toBe('shopcast-orders-2026-12-07-0905.csv');
  });
});
