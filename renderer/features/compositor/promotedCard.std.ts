import type { LiveLayers } from '../../../contract/schemas/liveLayers.std';
import type { Product } from '../../../contract/schemas/product.std';
import type { Scene } from '../../../contract/schemas/scene.std';

// One product card on the stream. A scene the merchant laid out with a product card shows the
// promoted product in that card, where they put it; the automatic "now explaining" card is only
// for a scene without one (a plain camera scene still shows what is for sale, at the live
// layers' place). A hidden card counts as none: the promotion is what the merchant asked for
// last. Of several cards, the topmost shows the promotion (it is the one seen where they overlap);
// the others keep the products typed into them.

export interface PromotedCard {
  /** The scene's product-card source that shows the promotion. */
  sourceId: string;
  product: Product;
  /** Its price and countdown on the card; the card's own countdown was for the product typed into it, so it is not shown. */
  flashSale: LiveLayers['flashSale'];
}

export interface ProgramCards {
  /** null: no promotion, or the scene has no card to show it in. */
  card: PromotedCard | null;
  /** The live layers to draw: without the automatic card (and its flash-sale badge) when the scene's card shows the promotion. */
  liveLayers: LiveLayers;
}

export function placePromotion(scene: Scene, liveLayers: LiveLayers): ProgramCards {
  const product = liveLayers.nowExplaining;
  const source = scene.sources.findLast((candidate) => candidate.kind === 'productCard' && candidate.visible);
  if (!product || !source) return { card: null, liveLayers };
  return {
    card: { sourceId: source.id, product, flashSale: liveLayers.flashSale },
    liveLayers: { ...liveLayers, nowExplaining: null, flashSale: null },
  };
}
