import type { RoomProduct } from '../../contract/room/roomMessages.std';
import { withVariantStock, type ProductVariant } from '../../contract/schemas/variant.std';
import type { prepareRoomStatements } from './roomStatements.node';

// A room's products and their stock, per product or, for a product with variants (sizes,
// colours), per variant. Stock is taken only by an UPDATE guarded with `stock >= quantity`, run
// inside the room's one writer, so no number of concurrent orders or claims takes more than there
// is; a variant's units are also the product's (products.stock is their sum), changed in the
// same savepoint. Sold-out products and variants are known in memory, so a flash sale's late
// orders are refused without SQLite.

type Statements = ReturnType<typeof prepareRoomStatements>;

/** What is left after a change: the product's units and, when a variant changed, that variant's. */
export interface StockLeft {
  left: number | null;
  variant?: { id: string; left: number | null };
}

export interface RoomStock {
  productOf(productId: string): RoomProduct | null;
  /** Writes the product (stock: its variants' sum when it has them) and answers it as stored. */
  upsert(product: RoomProduct): RoomProduct;
  /** Takes `quantity` units (of the variant when given); false when there are not as many. Untracked stock is always there. */
  take(product: RoomProduct, variant: ProductVariant | null, quantity: number): boolean;
  giveBack(productId: string, variantId: string | null, quantity: number): void;
  leftOf(productId: string, variantId: string | null): StockLeft;
  /** Records what a stock event says, for the in-memory sold-out check. */
  noteLeft(productId: string, stock: StockLeft): void;
  isSoldOut(productId: string, variantId: string | null): boolean;
}

const soldOutKey = (productId: string, variantId: string | null) => (variantId === null ? productId : `${productId}\u0000${variantId}`);

export function createRoomStock(q: Statements, roomId: string): RoomStock {
  const soldOut = new Set<string>();

  const productOf = (productId: string): RoomProduct | null => {
    const found = q.product.get(roomId, productId);
    if (!found) return null;
    const product = { ...(JSON.parse(found.body) as RoomProduct), stock: found.stock };
    if (!product.variants || product.variants.length === 0) return product;
    const stockById = new Map(q.variants.all(roomId, productId).map((row) => [row.id, row.stock]));
    return { ...product, variants: product.variants.map((variant) => ({ ...variant, stock: stockById.has(variant.id) ? (stockById.get(variant.id) ?? null) : variant.stock })) };
  };

  const noteLeft = (productId: string, stock: StockLeft) => {
    const mark = (key: string, left: number | null) => (left === 0 ? soldOut.add(key) : soldOut.delete(key));
    mark(soldOutKey(productId, null), stock.left);
    if (stock.variant) mark(soldOutKey(productId, stock.variant.id), stock.variant.left);
  };

  return {
    productOf,
    upsert(input) {
      const product = withVariantStock(input);
      q.upsertProduct.run(roomId, product.id, JSON.stringify(product), product.stock);
      q.deleteVariants.run(roomId, product.id);
      for (const key of [...soldOut]) if (key === product.id || key.startsWith(`${product.id}\u0000`)) soldOut.delete(key);
      for (const variant of product.variants ?? []) {
        q.insertVariant.run(roomId, product.id, variant.id, variant.stock);
        if (variant.stock === 0) soldOut.add(soldOutKey(product.id, variant.id));
      }
      return product;
    },
    take(product, variant, quantity) {
      if (variant) {
        if (variant.stock === null) return true;
        if (q.takeVariantStock.run(quantity, roomId, product.id, variant.id, quantity).changes === 0) return false;
        q.returnStock.run(-quantity, roomId, product.id);
        return true;
      }
      return product.stock === null || q.takeStock.run(quantity, roomId, product.id, quantity).changes > 0;
    },
    giveBack(productId, variantId, quantity) {
      if (variantId !== null && q.returnVariantStock.run(quantity, roomId, productId, variantId).changes === 0) return;
      q.returnStock.run(quantity, roomId, productId);
    },
    leftOf(productId, variantId) {
      const product = productOf(productId);
      const variant = variantId === null ? undefined : product?.variants?.find((candidate) => candidate.id === variantId);
      return { left: product?.stock ?? null, ...(variant ? { variant: { id: variant.id, left: variant.stock } } : {}) };
    },
    noteLeft,
    isSoldOut: (productId, variantId) => soldOut.has(soldOutKey(productId, null)) || (variantId !== null && soldOut.has(soldOutKey(productId, variantId))),
  };
}
