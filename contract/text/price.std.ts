import { currencies, formatPrice, minorDigitsOf, type Currency } from '../schemas/product.std';

// A price as a merchant pastes it — "¥1,299", "1,299.00", "１２９９", "RMB 59", "59元", "$19.99" —
// into minor units (fen, cents), by string arithmetic so 0.29 stays 29 and never 28.999….
// One parser for every place a price is typed or imported (the product form, the product card,
// the flash sale, the catalogue's CSV import), so a price one accepts the others accept too.
//
// Refused, each in a clause the caller puts after its own subject ("The price …", "price "abc" …"):
// an empty cell, text that is not an amount, a minus sign, zero, more decimals than the currency
// has, a symbol of another currency, and more than one product can sanely cost (MAX_PRICE_MAJOR:
// ¥99,999,999,999 is a paste with digits too many, not a price).

/**
 * The most one product may cost, in the currency's major unit: about a million yuan, scaled for
 * currencies whose unit is small (a million dong is about 40 dollars).
 */
export const MAX_PRICE_MAJOR: Readonly<Record<Currency, number>> = {
  CNY: 1_000_000,
  USD: 1_000_000,
  EUR: 1_000_000,
  GBP: 1_000_000,
  HKD: 1_000_000,
  SGD: 1_000_000,
  MYR: 1_000_000,
  TWD: 10_000_000,
  THB: 10_000_000,
  PHP: 10_000_000,
  JPY: 100_000_000,
  KRW: 1_000_000_000,
  VND: 10_000_000_000,
  IDR: 10_000_000_000,
};

export function maxPriceMinor(currency: Currency): number {
  return MAX_PRICE_MAJOR[currency] * 10 ** minorDigitsOf(currency);
}

/** Whether an amount in minor units is one a product may have: above zero, at most the cap. */
export function isSanePrice(amountMinor: number, currency: Currency): boolean {
  return Number.isSafeInteger(amountMinor) && amountMinor > 0 && amountMinor <= maxPriceMinor(currency);
}

// Symbols and words before or after the amount, lower-cased after NFKC (which makes "￥" "¥" and
// "＄" "$"), each with the currencies it may mean: "¥" is the yuan's and the yen's, "$" any dollar.
const dollars: readonly Currency[] = ['USD', 'HKD', 'TWD', 'SGD'];
type Marker = readonly [string, readonly Currency[]];
const namedMarkers: readonly Marker[] = [
  ['人民币', ['CNY']],
  ['rmb', ['CNY']],
  ['cn¥', ['CNY']],
  ['jp¥', ['JPY']],
  ['us$', ['USD']],
  ['hk$', ['HKD']],
  ['nt$', ['TWD']],
  ['s$', ['SGD']],
  ['rm', ['MYR']],
  ['rp', ['IDR']],
  ['元', ['CNY', 'TWD']],
  ['円', ['JPY']],
  ['원', ['KRW']],
  ['¥', ['CNY', 'JPY']],
  ['$', dollars],
  ['€', ['EUR']],
  ['£', ['GBP']],
  ['₩', ['KRW']],
  ['฿', ['THB']],
  ['₫', ['VND']],
  ['₱', ['PHP']],
];
// The ISO codes too ("59 CNY"), longest first: "rmb" before "rm", "us$" before "$".
const markers: readonly Marker[] = [...namedMarkers, ...currencies.map((code): Marker => [code.toLowerCase(), [code]])].sort(([a], [b]) => b.length - a.length);

export type PriceProblem = 'empty' | 'not-a-price' | 'negative' | 'zero' | 'too-many-decimals' | 'too-large' | 'other-currency';

export type ParsedPrice =
  | { ok: true; minor: number; currency: Currency }
  | {
      ok: false;
      problem: PriceProblem;
      /** What is wrong, to follow a subject: `The price ${reason}.`, `price "abc" ${reason}`. */
      reason: string;
    };

/** The currencies a leading or trailing marker names, and the amount without it. */
function stripMarkers(text: string): { rest: string; named: readonly Currency[] | null; marker: string } | null {
  let rest = text;
  let named: readonly Currency[] | null = null;
  let marker = '';
  const take = (found: readonly Currency[]) => {
    // "¥59元" names the yuan twice; "$59元" names nothing a price can be in.
    const both: readonly Currency[] = named ? named.filter((currency) => found.includes(currency)) : found;
    named = both;
    return both.length > 0;
  };
  const prefix = markers.find(([marker]) => rest.startsWith(marker));
  if (prefix) {
    marker = prefix[0];
    rest = rest.slice(prefix[0].length).trim();
    if (!take(prefix[1])) return null;
  }
  const suffix = markers.find(([marker]) => rest.endsWith(marker));
  if (suffix) {
    marker ||= suffix[0];
    rest = rest.slice(0, -suffix[0].length).trim();
    if (!take(suffix[1])) return null;
  }
  return { rest, named, marker };
}

const example = (currency: Currency) => (minorDigitsOf(currency) === 0 ? '1299 or 1,299' : '1299, 1,299.00 or ¥1,299');

/**
 * `text` as a price in `currency` (the product's), or, with `currency` null (a CSV without a
 * currency column), in the currency its symbol names, else CNY.
 */
export function parsePrice(text: string, currency: Currency | null): ParsedPrice {
  // NFKC: full-width digits and punctuation ("１，２９９．００") are the ASCII ones; "。" is the
  // decimal point a Chinese keyboard types.
  let rest = text.normalize('NFKC').replaceAll('。', '.').replace(/\s+/g, ' ').trim().toLowerCase();
  const shown = currency ?? 'CNY';
  if (rest === '') return { ok: false, problem: 'empty', reason: 'is empty' };
  const notAPrice = (): ParsedPrice => ({ ok: false, problem: 'not-a-price', reason: `is not an amount (type it like ${example(shown)})` });
  // A minus before or after the symbol: "-¥5", "¥-5", "−5".
  let negative = /^[-−]/.test(rest);
  if (negative) rest = rest.slice(1).trim();
  const stripped = stripMarkers(rest);
  if (!stripped) return notAPrice();
  rest = stripped.rest;
  if (!negative && /^[-−]/.test(rest)) {
    negative = true;
    rest = rest.slice(1).trim();
  }
  // Thousands separators only where they group three digits: "1,299.50", not "1,2" (a decimal comma?).
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(rest);
  if (!match) return notAPrice();
  if (negative) return { ok: false, problem: 'negative', reason: 'cannot be below zero' };
  const named = stripped.named;
  if (named && currency && !named.includes(currency)) {
    return { ok: false, problem: 'other-currency', reason: `has "${stripped.marker.toUpperCase()}" (${named.join(', ')}), but the product is priced in ${currency}: choose its currency, or type the price without "${stripped.marker.toUpperCase()}"` };
  }
  const priced = currency ?? named?.[0] ?? 'CNY';
  const digits = minorDigitsOf(priced);
  const whole = (match[1] ?? '').replaceAll(',', '').replace(/^0+(?=\d)/, '');
  // "1,990.00" in yen is 1990: only decimals that are not zeros count.
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) {
    return {
      ok: false,
      problem: 'too-many-decimals',
      reason: digits === 0 ? `is in whole ${priced}: no decimals` : `has more decimals than ${priced} has (at most ${digits}, as in 19.99)`,
    };
  }
  const max = maxPriceMinor(priced);
  const tooLarge: ParsedPrice = {
    ok: false,
    problem: 'too-large',
    reason: `is more than ${formatPrice(max, priced)}, the most one product can cost: check for a digit too many`,
  };
  // Digits past the cap's are too large before they are arithmetic that loses precision.
  if (whole.length > String(MAX_PRICE_MAJOR[priced]).length) return tooLarge;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (minor === 0) return { ok: false, problem: 'zero', reason: 'must be more than zero' };
  if (minor > max) return tooLarge;
  return { ok: true, minor, currency: priced };
}

/**
 * Why a list price cannot go with a price, or null: the card strikes it out as the price before,
 * so one at or below the price would show a "saving" that is not one.
 */
export function listPriceReason(listPriceMinor: number, priceMinor: number, currency: Currency): string | null {
  return listPriceMinor > priceMinor ? null : `must be above the price (${formatPrice(priceMinor, currency)}): it is shown struck out as the price before`;
}
