import type { Promotion, RoomComment, RoomOrder } from '../../contract/room/roomEvents.std';
import type { LiveLayersPatch } from '../../contract/schemas/liveLayers.std';
import type { Product } from '../../contract/schemas/product.std';

// What the compositor's live layers show for the room's pin, promotion and orders. The room
// counts text limits in code points, the layers' schema in UTF-16 units: a 40-emoji name is
// valid in the room and twice too long for the layer, so every text is fitted, never refused.

/** Cuts `text` to at most `maxUnits` UTF-16 units on a code point boundary, marking the cut with "…". */
export function fitText(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let out = '';
  for (const point of text) {
    if (out.length + point.length > maxUnits - 1) break;
    out += point;
  }
  return `${out}…`;
}

/** "Li***": enough for the buyer to recognise themself, not enough to name them on the stream. */
export function shortBuyerName(name: string): string {
  const points = [...name.trim()];
  const kept = points.slice(0, points.length > 3 ? 2 : 1).join('');
  return `${kept || '?'}***`;
}

export function pinnedLayer(comment: RoomComment | null): LiveLayersPatch {
  return { pinnedComment: comment ? { id: fitText(comment.id, 64), author: fitText(comment.name, 40), text: fitText(comment.text, 500) } : null };
}

/**
 * The product as the stream's card draws it. The room sends a photo's address on the room's own
 * server; the card draws the picture the studio has (its catalogue's, `photoOf`), so the
 * compositor never fetches from the room. A photo still inline (a room from before addresses) is used as it is.
 */
export function productCard(promotion: Promotion, photoOf: (productId: string) => string | null = () => null): Product {
  const { product } = promotion;
  const inline = product.photo?.startsWith('data:') ? product.photo : null;
  return {
    id: product.id,
    name: fitText(product.name, 120),
    priceMinor: product.priceMinor,
    listPriceMinor: product.listPriceMinor,
    currency: product.currency,
    stock: product.stock,
    photo: photoOf(product.id) ?? inline,
    // The card shows the product's total; sizes and colours are for the Buy sheet and the panel.
    variants: [],
  };
}

export function promotionLayers(promotion: Promotion | null, photoOf?: (productId: string) => string | null): LiveLayersPatch {
  return {
    nowExplaining: promotion ? productCard(promotion, photoOf) : null,
    flashSale: promotion?.flashSale ? { priceMinor: promotion.flashSale.priceMinor, endsAt: promotion.flashSale.endsAt } : null,
  };
}

export function purchaseToastLayer(order: RoomOrder, shownAt: number): LiveLayersPatch {
  return { purchaseToast: { id: fitText(order.id, 64), text: `${fitText(shortBuyerName(order.buyerName), 40)} bought ${order.quantity}`, shownAt } };
}
