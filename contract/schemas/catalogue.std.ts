import { z } from 'zod';
import { formatPrice, productSchema } from './product.std';
import { productVariantsSchema } from './variant.std';
import { isSanePrice, listPriceReason, maxPriceMinor } from '../text/price.std';

// The merchant's product catalogue and the show's run-sheet, kept by the core (catalogue.json).
// The room gets the products it needs (upsertProducts) before one is promoted; the live stock
// comes back from the room's `stock` events, so the catalogue's stock is what is left.

export const MAX_CATALOGUE_PRODUCTS = 1000;

export const catalogueSchema = z.strictObject({
  products: z.array(productSchema).max(MAX_CATALOGUE_PRODUCTS),
  /** The show's running order: product ids, each at most once, every one in `products`. */
  runSheet: z.array(z.string().min(1).max(64)).max(MAX_CATALOGUE_PRODUCTS),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

/**
 * One product to add or change; `id` absent adds a new product. Its prices are held to what the
 * price parser accepts (contract/text/price.std.ts), so no client saves ¥99,999,999,999. (The
 * stored `productSchema` is not: a catalogue saved before the cap must still open.)
 */
export const productInputSchema = productSchema
  // A caller from before variants (a script, an older console) sends none: a product sold as one thing.
  .extend({ id: z.string().min(1).max(64).optional(), variants: productVariantsSchema.default([]) })
  .superRefine((product, context) => {
  for (const [key, amount] of [
    ['priceMinor', product.priceMinor],
    ['listPriceMinor', product.listPriceMinor],
  ] as const) {
    if (amount !== null && !isSanePrice(amount, product.currency)) {
      context.addIssue({ code: 'custom', path: [key], message: `A price must be more than zero and at most ${formatPrice(maxPriceMinor(product.currency), product.currency)}.` });
    }
  }
  const listReason = product.listPriceMinor === null ? null : listPriceReason(product.listPriceMinor, product.priceMinor, product.currency);
  if (listReason) context.addIssue({ code: 'custom', path: ['listPriceMinor'], message: `The list price ${listReason}.` });
});
export type ProductInput = z.infer<typeof productInputSchema>;

/** A merchant's spreadsheet as text (CSV, UTF-8, with or without BOM). About 2 MB of text is thousands of rows. */
export const csvImportSchema = z.strictObject({ csv: z.string().max(2_000_000, 'The file is too large to import (at most about 2 MB of text).') });

export const csvRejectionSchema = z.strictObject({
  /** The row's line in the file, 1-based, counting the header as line 1. */
  line: z.number().int().positive(),
  /** Why, naming the column: "price: "abc" is not an amount (type it like 1299…)". */
  reason: z.string(),
});
export type CsvRejection = z.infer<typeof csvRejectionSchema>;

export const csvImportResultSchema = z.strictObject({
  catalogue: catalogueSchema,
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  rejected: z.array(csvRejectionSchema),
  /** What the import left aside on purpose, in a sentence each: "The photo column was not imported: add photos in the app." */
  notes: z.array(z.string()).optional(),
});
export type CsvImportResult = z.infer<typeof csvImportResultSchema>;
