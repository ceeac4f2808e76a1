import { orderNumber } from '../../contract/orderNumber.std';
import type { RoomOrder } from '../../contract/room/roomEvents.std';
import { currencies, minorDigitsOf, type Currency } from '../../contract/schemas/product.std';

const knownCurrencies: ReadonlySet<string> = new Set(currencies);
import type { FulfilmentOrder } from '../../contract/schemas/fulfilment.std';

// One order as it leaves the studio (CSV row, webhook body): the room's order with money in the
// currency's units, as a shop system or a spreadsheet reads it.

/** 5900 CNY → "59.00"; 1500 JPY → "1500": exact, never through a float. */
export function decimalAmount(minor: number, currency: string): string {
  // A plain lookup, not the schema: this runs for every order of a flash sale.
  const digits = knownCurrencies.has(currency) ? minorDigitsOf(currency as Currency) : 2;
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export function fulfilmentOrderOf(order: RoomOrder): FulfilmentOrder {
  return {
    id: order.id,
    number: orderNumber(order.id),
    buyer: order.buyerName,
    contact: order.contact,
    productId: order.productId,
    product: order.productName,
    // Orders stored before variants have none (the room's schema 5 wrote null into them).
    variant: order.variantLabel ?? null,
    quantity: order.quantity,
    unitPrice: decimalAmount(order.unitPriceMinor, order.currency),
    amount: decimalAmount(order.amountMinor, order.currency),
    currency: order.currency,
    status: order.status,
    source: order.source,
    note: order.note,
    placedAt: new Date(order.at).toISOString(),
  };
}
