import { formatPrice, minorDigitsOf, type Currency } from '../../../contract/schemas/product.std';
import { maxPriceMinor, parsePrice, type PriceProblem } from '../../../contract/text/price.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';
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

/**
 * The contract's price problem as one whole sentence about `field` in the merchant's language, by
 * its code: the contract's own reason is an English phrase made to follow an English subject.
 */
export function priceProblemText(problem: PriceProblem, field: string, currency: Currency, { t }: Pick<StudioTranslator, 't'>): string {
  switch (problem) {
    case 'empty':
      return t('money.empty', { field });
    case 'not-a-price':
      return t('money.notAPrice', { field, whole: minorDigitsOf(currency) === 0 ? 'yes' : 'no' });
    case 'negative':
      return t('money.negative', { field });
    case 'zero':
      return t('money.zero', { field });
    case 'too-many-decimals': {
      const digits = minorDigitsOf(currency);
      return digits === 0 ? t('money.wholeUnits', { field, currency }) : t('money.decimals', { field, currency, digits: String(digits) });
    }
    case 'too-large':
      return t('money.tooLarge', { field, max: formatPrice(maxPriceMinor(currency), currency) });
    case 'other-currency':
      return t('money.otherCurrency', { field, currency });
    default: {
      const unknown: never = problem;
      return unknown;
    }
  }
}

/** A typed price → minor units, or why not in a sentence about `label` ("The price is empty.", "请填写售价。"). */
export function parseMoney(text: string, currency: Currency, label: string, translator: Pick<StudioTranslator, 't'>): Checked<number> {
  const parsed = parsePrice(text, currency);
  return parsed.ok ? { ok: true, value: parsed.minor } : { ok: false, message: priceProblemText(parsed.problem, label, currency, translator) };
}

/** An empty field means "none" (no list price). */
export function parseOptionalMoney(text: string, currency: Currency, label: string, translator: Pick<StudioTranslator, 't'>): Checked<number | null> {
  return text.trim() === '' ? { ok: true, value: null } : parseMoney(text, currency, label, translator);
}

/** Keeps the amount the merchant typed when the currency changes: ¥99.00 becomes ¥99 in yen. */
export function convertMinor(amountMinor: number, from: Currency, to: Currency): number {
  const shift = minorDigitsOf(to) - minorDigitsOf(from);
  return shift >= 0 ? amountMinor * 10 ** shift : Math.round(amountMinor / 10 ** -shift);
}
