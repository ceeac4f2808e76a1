import { productInputSchema, type ProductInput } from '../../../contract/schemas/catalogue.std';
import { formatPrice, type Currency, type Product } from '../../../contract/schemas/product.std';
import { roomPhotoInputSchema } from '../../../contract/room/roomMessages.std';
import { minorToInput, parseMoney, parseOptionalMoney } from '../scenes/money.std';
import { parseOptionalNumber } from '../scenes/numberInput.std';
import { listPriceReason } from '../../../contract/text/price.std';
import { MAX_VARIANT_LABEL_CHARS, variantKey } from '../../../contract/schemas/variant.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

type Words = Pick<StudioTranslator, 't'>;

/** The product form's fields as typed. */
export interface ProductDraft {
  id: string | null;
  name: string;
  price: string;
  listPrice: string;
  currency: Currency;
  stock: string;
  photo: string | null;
  /** Sizes or colours with their own stock; with any, the product's stock is theirs together. */
  variants: VariantDraft[];
}

/** One variant row as typed; `id` is made when the row is added, so live orders keep naming it after an edit. */
export interface VariantDraft {
  id: string;
  label: string;
  stock: string;
}

export function newProductDraft(currency: Currency): ProductDraft {
  return { id: null, name: '', price: '', listPrice: '', currency, stock: '', photo: null, variants: [] };
}

export function draftOfProduct(product: Product): ProductDraft {
  return {
    id: product.id,
    name: product.name,
    price: minorToInput(product.priceMinor, product.currency),
    listPrice: product.listPriceMinor === null ? '' : minorToInput(product.listPriceMinor, product.currency),
    currency: product.currency,
    stock: product.stock === null ? '' : String(product.stock),
    photo: product.photo,
    variants: product.variants.map((variant) => ({ id: variant.id, label: variant.label, stock: variant.stock === null ? '' : String(variant.stock) })),
  };
}

// The room takes a product's photo only up to its own limit; a photo the catalogue would keep but
// the room refuses would fail at the moment of promoting it, on air.
const roomPhotoSchema = roomPhotoInputSchema.nullable();

/**
 * The draft to save, with each stock the merchant left as it was when the form opened replaced by
 * the live figure now: orders taken while the form was open (a rush on M while S is edited) are
 * not put back by a save that never meant to touch them. A stock the merchant typed wins.
 */
export function withLiveStock(draft: ProductDraft, initial: ProductDraft, live: { stock: number | null; variants?: readonly { id: string; stock: number | null }[] | undefined } | null): ProductDraft {
  if (!live || draft.id === null) return draft;
  const text = (stock: number | null) => (stock === null ? '' : String(stock));
  const before = new Map(initial.variants.map((variant) => [variant.id, variant.stock]));
  const now = new Map((live.variants ?? []).map((variant) => [variant.id, variant.stock]));
  return {
    ...draft,
    stock: draft.stock === initial.stock ? text(live.stock) : draft.stock,
    variants: draft.variants.map((variant) => (now.has(variant.id) && before.get(variant.id) === variant.stock ? { ...variant, stock: text(now.get(variant.id) ?? null) } : variant)),
  };
}

/** A variant row's field: `variant-<row>-label`, `variant-<row>-stock`. */
export type VariantField = `variant-${number}-${'label' | 'stock'}`;
export type DraftField = 'name' | 'price' | 'listPrice' | 'stock' | 'photo' | 'variants' | VariantField;

/** The form checked: the input saveProduct takes, or each field's problem in words (shown beside that field). */
export type DraftCheck = { ok: true; value: ProductInput } | { ok: false; errors: Partial<Record<DraftField, string>>; message: string };

const fieldOfPath: Record<string, DraftField> = { name: 'name', priceMinor: 'price', listPriceMinor: 'listPrice', stock: 'stock', photo: 'photo' };

/**
 * The form → saveProduct's input; every field's problem at once (in the merchant's language),
 * else the contract's own check (its schema's words, as the scenes form shows them).
 */
export function productInputOf(draft: ProductDraft, words: Words): DraftCheck {
  const { t } = words;
  const errors: Partial<Record<DraftField, string>> = {};
  const name = draft.name.trim();
  if (name === '') errors.name = t('productForm.nameNeeded');
  const price = parseMoney(draft.price, draft.currency, t('subject.price'), words);
  if (!price.ok) errors.price = price.message;
  const listPrice = parseOptionalMoney(draft.listPrice, draft.currency, t('subject.listPrice'), words);
  if (!listPrice.ok) errors.listPrice = listPrice.message;
  // The contract's rule (listPriceReason: above the price), said whole in the merchant's language.
  else if (price.ok && listPrice.value !== null && listPriceReason(listPrice.value, price.value, draft.currency) !== null) errors.listPrice = t('productForm.listPriceBelow', { price: formatPrice(price.value, draft.currency) });
  // With variants the stock field is theirs together, not typed.
  const stockRule = { label: t('subject.stock'), min: 0, integer: true, max: 1_000_000 };
  const stock = draft.variants.length > 0 ? ({ ok: true, value: null } as const) : parseOptionalNumber(draft.stock, stockRule, words);
  if (!stock.ok) errors.stock = stock.message;
  const variants = variantsOf(draft.variants, errors, words);
  const photo = roomPhotoSchema.safeParse(draft.photo);
  if (!photo.success) errors.photo = t('productForm.badPhoto');
  if (!price.ok || !listPrice.ok || !stock.ok || Object.keys(errors).length > 0) return refused(errors, words);
  const input = {
    ...(draft.id === null ? {} : { id: draft.id }),
    name,
    priceMinor: price.value,
    listPriceMinor: listPrice.value,
    currency: draft.currency,
    stock: variants.length > 0 ? variants.reduce<number | null>((sum, variant) => (sum === null || variant.stock === null ? null : sum + variant.stock), 0) : stock.value,
    photo: draft.photo,
    variants,
  };
  const checked = productInputSchema.safeParse(input);
  if (checked.success) return { ok: true, value: checked.data };
  for (const issue of checked.error.issues) {
    const [top, row, key] = issue.path;
    const field: DraftField = top === 'variants' ? (typeof row === 'number' && (key === 'label' || key === 'stock') ? `variant-${row}-${key}` : 'variants') : (fieldOfPath[String(top)] ?? 'name');
    errors[field] ??= issue.message;
  }
  return refused(errors, words);
}

/** The variant rows checked: each row's problem under its own field, a label repeated (once folded) on the later row. */
function variantsOf(rows: readonly VariantDraft[], errors: Partial<Record<DraftField, string>>, words: Words): ProductInput['variants'] {
  const { t } = words;
  const seen = new Map<string, number>();
  const variants: ProductInput['variants'] = [];
  rows.forEach((row, index) => {
    const label = row.label.trim().replace(/\s+/g, ' ');
    const key = variantKey(label);
    if (label === '') errors[`variant-${index}-label`] = t('variants.labelNeeded');
    else if ([...label].length > MAX_VARIANT_LABEL_CHARS) errors[`variant-${index}-label`] = t('variants.labelTooLong', { max: MAX_VARIANT_LABEL_CHARS });
    else if (seen.has(key)) errors[`variant-${index}-label`] = t('variants.labelRepeated', { label, index: (seen.get(key) ?? 0) + 1 });
    seen.set(key, seen.get(key) ?? index);
    const stock = parseOptionalNumber(row.stock, { label: t('subject.stock'), min: 0, integer: true, max: 1_000_000 }, words);
    if (!stock.ok) errors[`variant-${index}-stock`] = stock.message;
    variants.push({ id: row.id, label, stock: stock.ok ? stock.value : null });
  });
  return variants;
}

function refused(errors: Partial<Record<DraftField, string>>, { t }: Words): DraftCheck {
  return { ok: false, errors, message: Object.values(errors)[0] ?? t('productForm.invalid') };
}
