import { minorDigitsOf, type Currency } from '../../../contract/schemas/product.std';
import { parsePrice } from '../../../contract/text/price.std';
import type { Checked } from './sourceValidation.std';

// Prices are typed in major units ("19.99", "¥1,299") and stored in minor units (1999): integers,
// never floating-point money. The reading is the contract's parsePrice, the CSV import's too.

/** 1999 → "19.99"; what the price field shows. */
export function minorToInput(amountMinor: number, currency: Currency): string {
  const digits = minorDigitsOf(currency);
  if (digits === 0) return String(amountMinor);
  const negative = amountMinor < 0;
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A typed price → minor units, or why not in a sentence about `label` ("The price is empty."). */
export function parseMoney(text: string, currency: Currency, label: string): Checked<number> {
  const parsed = parsePrice(text, currency);
  return parsed.ok ? { ok: true, value: parsed.minor } : { ok: false, message: `${label} ${parsed.reason}.` };
}

/** An empty field means "none" (no list price). */
export function parseOptionalMoney(text: string, currency: Currency, label: string): Checked<number | null> {
  return text.trim() === '' ? { ok: true, value: null } : parseMoney(text, currency, label);
}

/** Keeps the amount the merchant typed when the currency changes: ¥99.00 becomes ¥99 in yen. */
export function convertMinor(amountMinor: number, from: Currency, to: Currency): number {
  const shift = minorDigitsOf(to) - minorDigitsOf(from);
  return shift >= 0 ? amountMinor * 10 ** shift : Math.round(amountMinor / 10 ** -shift);
}
