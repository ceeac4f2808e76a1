import { z } from 'zod';

// A product's variants (sizes, colours): each with its own stock, named by a label a shopper reads
// on the Buy sheet and types in a claim ("要 L 2"). Labels are compared folded (see variantKey),
// so "xl", "XL" and full-width "ＸＬ" are one variant, as are "红色 / L" and "红色/L".

export const MAX_VARIANTS = 50;
export const MAX_VARIANT_LABEL_CHARS = 30;

const label = z
  .string()
  .trim()
  .min(1, 'A variant needs a label (a size or colour, like “L” or “红色 / L”).')
  .max(MAX_VARIANT_LABEL_CHARS * 2, `A variant label is at most ${MAX_VARIANT_LABEL_CHARS} characters.`)
  .refine((value) => [...value].length <= MAX_VARIANT_LABEL_CHARS, `A variant label is at most ${MAX_VARIANT_LABEL_CHARS} characters.`);

export const productVariantSchema = z.strictObject({
  id: z.string().min(1).max(64),
  label,
  /** Units left of this variant; null when not tracked. */
  stock: z.number().int().nonnegative().nullable(),
});
export type ProductVariant = z.infer<typeof productVariantSchema>;

/** Separators a shopper may type or leave out between a colour and a size. */
const separators = /[\s/|·,]+/gu;

/** The label as claims and uniqueness compare it: NFKC (full-width to ASCII), case folded, separators dropped. */
export function variantKey(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase().replace(separators, '');
}

/** A product with variants has as many units as its variants together; null when any variant is untracked. */
export function stockOfVariants(variants: readonly Pick<ProductVariant, 'stock'>[]): number | null {
  let total = 0;
  for (const variant of variants) {
    if (variant.stock === null) return null;
    total += variant.stock;
  }
  return total;
}

/** The first label that repeats an earlier one once folded, as its index; null when all differ. */
export function repeatedVariantLabel(variants: readonly Pick<ProductVariant, 'label'>[]): number | null {
  const seen = new Set<string>();
  for (const [index, variant] of variants.entries()) {
    const key = variantKey(variant.label);
    if (seen.has(key)) return index;
    seen.add(key);
  }
  return null;
}

/** The variants list as stored and sent: bounded, labels unique once folded, ids unique. */
export const productVariantsSchema = z
  .array(productVariantSchema)
  .max(MAX_VARIANTS, `A product has at most ${MAX_VARIANTS} variants.`)
  .superRefine((variants, context) => {
    const repeated = repeatedVariantLabel(variants);
    if (repeated !== null) context.addIssue({ code: 'custom', path: [repeated, 'label'], message: `“${variants[repeated]?.label ?? ''}” is already a variant of this product.` });
    if (new Set(variants.map((variant) => variant.id)).size !== variants.length) context.addIssue({ code: 'custom', message: 'Variant ids must be unique.' });
  });

/** The product with its stock recomputed from its variants (a product without variants is left as it is). */
export function withVariantStock<T extends { stock: number | null; variants?: readonly ProductVariant[] | undefined }>(product: T): T {
  return product.variants && product.variants.length > 0 ? { ...product, stock: stockOfVariants(product.variants) } : product;
}
