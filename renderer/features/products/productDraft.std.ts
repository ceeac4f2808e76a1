import { productInputSchema, type ProductInput } from '../../../contract/schemas/catalogue.std';
import type { Currency, Product } from '../../../contract/schemas/product.std';
import { roomProductSchema } from '../../../contract/room/roomMessages.std';
import { minorToInput, parseMoney, parseOptionalMoney } from '../scenes/money.std';
import { parseOptionalNumber } from '../scenes/numberInput.std';
import type { Checked } from '../scenes/sourceValidation.std';

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

/** The form → saveProduct's input; the first problem in words, else the contract's own check. */
export function productInputOf(draft: ProductDraft): Checked<ProductInput> {
  const name = draft.name.trim();
  if (name === '') return { ok: false, message: 'A product name is needed.' };
  const price = parseMoney(draft.price, draft.currency, 'The price');
  if (!price.ok) return price;
  const listPrice = parseOptionalMoney(draft.listPrice, draft.currency, 'The list price');
  if (!listPrice.ok) return listPrice;
  const stock = parseOptionalNumber(draft.stock, { label: 'The stock', min: 0, integer: true, max: 1_000_000 });
  if (!stock.ok) return stock;
  const photo = roomPhotoSchema.safeParse(draft.photo);
  if (!photo.success) return { ok: false, message: photo.error.issues[0]?.message ?? 'That photo cannot be used.' };
  const input = { ...(draft.id === null ? {} : { id: draft.id }), name, priceMinor: price.value, listPriceMinor: listPrice.value, currency: draft.currency, stock: stock.value, photo: draft.photo };
  const checked = productInputSchema.safeParse(input);
  if (!checked.success) return { ok: false, message: checked.error.issues[0]?.message ?? 'The product is not valid.' };
  return { ok: true, value: checked.data };
}
