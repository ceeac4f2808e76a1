import { productInputSchema, type ProductInput } from '../../../contract/schemas/catalogue.std';
import type { Currency, Product } from '../../../contract/schemas/product.std';
import { roomProductSchema } from '../../../contract/room/roomMessages.std';
import { minorToInput, parseMoney, parseOptionalMoney } from '../scenes/money.std';
import { parseOptionalNumber } from '../scenes/numberInput.std';
import { listPriceReason } from '../../../contract/text/price.std';

/** The product form's fields as typed. */
export interface ProductDraft {
  id: string | null;
  name: string;
  price: string;
  listPrice: string;
  currency: Currency;
  stock: string;
  photo: string | null;
}

export function newProductDraft(currency: Currency): ProductDraft {
  return { id: null, name: '', price: '', listPrice: '', currency, stock: '', photo: null };
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
  };
}

// The room takes a product's photo only up to its own limit; a photo the catalogue would keep but
// the room refuses would fail at the moment of promoting it, on air.
const roomPhotoSchema = roomProductSchema.shape.photo;

export type DraftField = 'name' | 'price' | 'listPrice' | 'stock' | 'photo';

/** The form checked: the input saveProduct takes, or each field's problem in words (shown beside that field). */
export type DraftCheck = { ok: true; value: ProductInput } | { ok: false; errors: Partial<Record<DraftField, string>>; message: string };

const fieldOfPath: Record<string, DraftField> = { name: 'name', priceMinor: 'price', listPriceMinor: 'listPrice', stock: 'stock', photo: 'photo' };

/** The form → saveProduct's input; every field's problem at once, else the contract's own check. */
export function productInputOf(draft: ProductDraft): DraftCheck {
  const errors: Partial<Record<DraftField, string>> = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'A product name is needed.';
  const price = parseMoney(draft.price, draft.currency, 'The price');
  if (!price.ok) errors.price = price.message;
  const listPrice = parseOptionalMoney(draft.listPrice, draft.currency, 'The list price');
  if (!listPrice.ok) errors.listPrice = listPrice.message;
  else if (price.ok && listPrice.value !== null) {
    const reason = listPriceReason(listPrice.value, price.value, draft.currency);
    if (reason) errors.listPrice = `The list price ${reason}.`;
  }
  const stock = parseOptionalNumber(draft.stock, { label: 'The stock', min: 0, integer: true, max: 1_000_000 });
  if (!stock.ok) errors.stock = stock.message;
  const photo = roomPhotoSchema.safeParse(draft.photo);
  if (!photo.success) errors.photo = photo.error.issues[0]?.message ?? 'That photo cannot be used.';
  if (!price.ok || !listPrice.ok || !stock.ok || Object.keys(errors).length > 0) return refused(errors);
  const input = { ...(draft.id === null ? {} : { id: draft.id }), name, priceMinor: price.value, listPriceMinor: listPrice.value, currency: draft.currency, stock: stock.value, photo: draft.photo };
  const checked = productInputSchema.safeParse(input);
  if (checked.success) return { ok: true, value: checked.data };
  for (const issue of checked.error.issues) {
    const field = fieldOfPath[String(issue.path[0])] ?? 'name';
    errors[field] ??= issue.message;
  }
  return refused(errors);
}

function refused(errors: Partial<Record<DraftField, string>>): DraftCheck {
  return { ok: false, errors, message: Object.values(errors)[0] ?? 'The product is not valid.' };
}
