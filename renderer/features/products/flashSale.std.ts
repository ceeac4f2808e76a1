import type { FlashSale } from '../../../contract/room/roomMessages.std';
import type { Currency } from '../../../contract/schemas/product.std';
import { parseMoney } from '../scenes/money.std';
import { parseNumber } from '../scenes/numberInput.std';
import type { Checked } from '../scenes/sourceValidation.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

export const MAX_FLASH_SALE_MINUTES = 24 * 60;

export interface FlashSaleInput {
  price: string;
  minutes: string;
  currency: Currency;
  /** The product's own price: a "sale" at or above it is refused. */
  regularPriceMinor: number;
  /** This machine's clock and the room's offset from it (PanelState.clockOffsetMs): the sale ends on the room's clock. */
  now: number;
  clockOffsetMs: number;
}

/** The flash-sale form's fields → the contract's flashSale, ending on the room's clock. */
export function parseFlashSale(input: FlashSaleInput, words: Pick<StudioTranslator, 't'>): Checked<FlashSale> {
  const { t } = words;
  const price = parseMoney(input.price, input.currency, t('subject.salePrice'), words);
  if (!price.ok) return price;
  if (price.value >= input.regularPriceMinor) return { ok: false, message: t('flashSale.belowRegular') };
  // The unit is in the field's name ("The length (minutes)"), so the sentence stays whole.
  const minutes = parseNumber(input.minutes, { label: t('subject.length'), min: 1, max: MAX_FLASH_SALE_MINUTES }, words);
  if (!minutes.ok) return minutes;
  return { ok: true, value: { priceMinor: price.value, endsAt: Math.round(input.now + input.clockOffsetMs + minutes.value * 60_000) } };
}
