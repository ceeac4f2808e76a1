import { formatPrice, type Currency } from '../../../contract/schemas/product.std';
import type { Checked } from './sourceValidation.std';

// Prices are typed in major units ("19.99") and stored in minor units (1999): integers, never
// floating-point money.

/**
 * Digits after the decimal point, read from the contract's own formatPrice so the form and the
 * card can never disagree (yen has none; so does rupiah, as Shopcast shows it).
 */
export function currencyDigits(currency: Currency): number {
  const text = formatPrice(0, currency, 'en');
  const point = text.lastIndexOf('.');
  return point < 0 ? 0 : text.slice(point + 1).replace(/\D.*$/, '').length;
}

/** 1999 → "19.99"; what the price field shows. */
export function minorToInput(amountMinor: number, currency: Currency): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(amountMinor);
  const negative = amountMinor < 0;
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** "19.99" → 1999, by string arithmetic so 0.29 stays 29 and never becomes 28.999…. */
export function parseMoney(text: string, currency: Currency, label: string): Checked<number> {
  const trimmed = text.trim().replace(/,/g, '');
  const digits = currencyDigits(currency);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(trimmed);
  if (!match) return { ok: false, message: `${label} must be an amount like ${digits === 0 ? '1990' : '19.90'}.` };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return { ok: false, message: digits === 0 ? `${label} is in whole ${currency}: no decimals.` : `${label} can have at most ${digits} decimals.` };
  }
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return { ok: false, message: `${label} is too large.` };
  return { ok: true, value: minor };
}

/** An empty field means "none" (no list price). */
export function parseOptionalMoney(text: string, currency: Currency, label: string): Checked<number | null> {
  return text.trim() === '' ? { ok: true, value: null } : parseMoney(text, currency, label);
}

/** Keeps the amount the merchant typed when the currency changes: ¥99.00 becomes ¥99 in yen. */
export function convertMinor(amountMinor: number, from: Currency, to: Currency): number {
  const shift = currencyDigits(to) - currencyDigits(from);
  return shift >= 0 ? amountMinor * 10 ** shift : Math.round(amountMinor / 10 ** -shift);
}
