import type { CatalogueStore } from './catalogueStore.node';

/** Stock the room changed while the studio watched: a product's units, and its variants' by id. */
export type RoomStockChanges = ReadonlyMap<string, { left: number | null; variants: ReadonlyMap<string, number | null> }>;

/** The catalogue follows the room's live stock: per variant when the room named them, else the product's. */
export function catalogueFollowsRoom(catalogue: Pick<CatalogueStore, 'setStock'>): (changes: RoomStockChanges) => void {
  return (changes) => {
    for (const [productId, { left, variants }] of changes) {
      if (variants.size === 0) catalogue.setStock(productId, left);
      for (const [id, variantLeft] of variants) catalogue.setStock(productId, left, { id, left: variantLeft });
    }
  };
}
