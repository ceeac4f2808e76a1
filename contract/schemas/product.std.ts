import { z } from 'zod';
import { productVariantsSchema } from './variant.std';

// Prices are integers in the currency's minor unit (fen, cents): no floating-point money.
export const currencies = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'TWD', 'SGD', 'MYR', 'THB', 'VND', 'IDR', 'PHP', 'KRW'] as const;
export const currencySchema = z.enum(currencies);
export type Currency = z.infer<typeof currencySchema>;

/** A picture carried inline: small enough for a card, checked to be an image. */
export const imageDataUrlSchema = z
  .string()
  .max(3_000_000, 'The image is too large (at most about 2 MB).')
  .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/, 'Only PNG, JPEG, WebP or GIF images are accepted.');

export const productSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(120),
    priceMinor: z.number().int().nonnegative(),
    /** The struck-out "was" price; null when there is none. */
    listPriceMinor: z.number().int().nonnegative().nullable(),
    currency: currencySchema,
    /** Units left; null when stock is not tracked. With variants: the sum of theirs (`stockOfVariants`). */
    stock: z.number().int().nonnegative().nullable(),
    photo: imageDataUrlSchema.nullable(),
    /**
     * Sizes or colours, each with its own stock; empty for a product sold as one thing. Absent in
     * what was saved before variants (a scene's product card in scenes.json, an older room's
     * products): read as none.
     */
    variants: productVariantsSchema.default([]),
  })
  .strict();
export type Product = z.infer<typeof productSchema>;

const minorDigits: Partial<Record<Currency, number>> = { JPY: 0, KRW: 0, VND: 0, IDR: 0 };

/** How many digits of the price are the minor unit: 2 for fen and cents, 0 for yen and won. */
export function minorDigitsOf(currency: Currency): number {
  return minorDigits[currency] ?? 2;
}

/** "¥199.00", "$19.99": the card's price text. */
export function formatPrice(amountMinor: number, currency: Currency, locale = 'en'): string {
  const digits = minorDigitsOf(currency);
  // narrowSymbol: "¥59.00", not "CN¥59.00" as the 'en' locale writes it.
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amountMinor / 10 ** digits,
  );
}
