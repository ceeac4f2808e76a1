import type { FulfilmentOrder } from '../../contract/schemas/fulfilment.std';

// The orders as a CSV a shopkeeper opens by double-click: Excel and WPS read UTF-8 only after a
// byte-order mark (without it Chinese names turn to mojibake), and expect CRLF lines. Cells are
// quoted as RFC 4180 says. Buyers type names, contacts and notes, so a cell that a spreadsheet
// would take for a formula (= + - @, and tab or CR that some apps strip first) is prefixed with
// an apostrophe (OWASP's CSV injection advice): shown as text, never evaluated.

const BOM = '\uFEFF';
const CRLF = '\r\n';

export const ORDERS_CSV_COLUMNS = ['Order number', 'Buyer', 'Contact', 'Product', 'Variant', 'Quantity', 'Unit price', 'Amount', 'Currency', 'Status', 'Source', 'Note', 'Time'] as const;

/** A cell as text that no spreadsheet evaluates, quoted when it must be. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** "2026-12-07 15:40:12" in the studio's own time zone: what a spreadsheet sorts and reads as a time. */
export function spreadsheetTime(ms: number): string {
  const at = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

export function ordersCsv(orders: readonly FulfilmentOrder[]): string {
  const lines = [ORDERS_CSV_COLUMNS.map(csvCell).join(',')];
  for (const order of orders) {
    lines.push(
      [
        order.number,
        order.buyer,
        order.contact,
        order.product,
        order.variant,
        order.quantity,
        // In the currency's units with its decimals (59.00, not the minor units 5900).
        order.unitPrice,
        order.amount,
        order.currency,
        order.status,
        order.source,
        order.note,
        spreadsheetTime(Date.parse(order.placedAt)),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return BOM + lines.join(CRLF) + CRLF;
}

/** "shopcast-orders-2026-12-07-1540.csv": where the show's orders land in Downloads. */
export function ordersCsvFileName(nowMs: number): string {
  return `shopcast-orders-${spreadsheetTime(nowMs).replace(' ', '-').replaceAll(':', '').slice(0, 15)}.csv`;
}
