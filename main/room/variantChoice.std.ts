import type { RoomProduct } from '../../contract/room/roomMessages.std';
import type { ProductVariant } from '../../contract/schemas/variant.std';

// Which variant a Buy-sheet order is for: one of the product's when it has variants, none when it
// has none. The messages are the room's; the viewers' page words the refusal in its language.

export type VariantChoice = { ok: true; variant: ProductVariant | null } | { ok: false; message: string };

export function variantChoice(product: RoomProduct, variantId: string | undefined): VariantChoice {
  const variants = product.variants ?? [];
  if (variants.length === 0) {
    return variantId === undefined ? { ok: true, variant: null } : { ok: false, message: 'This product has no sizes or colours to choose from.' };
  }
  if (variantId === undefined) return { ok: false, message: `Choose one: ${variants.map((variant) => variant.label).join(', ')}.` };
  const variant = variants.find((candidate) => candidate.id === variantId);
  return variant ? { ok: true, variant } : { ok: false, message: 'That size or colour is not sold (any more): choose another.' };
}
