import type { RoomProduct } from '../../contract/room/roomMessages.std';
import { withVariantStock, type ProductVariant } from '../../contract/schemas/variant.std';
import type { ProductRow, RoomStore } from './roomStore.std';

// A room's products and their stock, per product or, for a product with variants (sizes,
// colours), per variant. Stock is taken only by an UPDATE guarded with `stock >= quantity`, run
// inside the room's batch, so no number of concurrent orders or claims takes more than there
// is; a variant's units are also the product's (products.stock is their sum), changed in the
// same savepoint. Sold-out products and variants are known in memory, so a flash sale's late
// orders are refused without the database.

/** What is left after a change: the product's units and, when a variant changed, that variant's. */
export interface StockLeft {
  left: number | null;
  variant?: { id: string; left: number | null };
}

export interface RoomStock {
  productOf(productId: string): Promise<RoomProduct | null>;
  /** The product as last known here, without a round trip (the welcome's snapshot). */
  productNow(productId: string): RoomProduct | null;
  /** Writes the product (stock: its variants' sum when it has them) and answers it as stored. */
  upsert(product: RoomProduct): Promise<RoomProduct>;
  /** Takes `quantity` units (of the variant when given); false when there are not as many. Untracked stock is always there. */
  take(product: RoomProduct, variant: ProductVariant | null, quantity: number): Promise<boolean>;
  giveBack(productId: string, variantId: string | null, quantity: number): Promise<void>;
  leftOf(productId: string, variantId: string | null): Promise<StockLeft>;
  /** Records what a stock event says, for the in-memory sold-out check. */
  noteLeft(productId: string, stock: StockLeft): void;
  isSoldOut(productId: string, variantId: string | null): boolean;
}

const soldOutKey = (productId: string, variantId: string | null) => (variantId === null ? productId : `${productId}\u0000${variantId}`);

export function createRoomStock(store: RoomStore): RoomStock {
  const soldOut = new Set<string>();

  const read = (found: ProductRow | null): RoomProduct | null => {
    if (!found) return null;
    const product = { ...(JSON.parse(found.body) as RoomProduct), stock: found.stock };
    if (!product.variants || product.variants.length === 0) return product;
    const stockById = new Map(found.variants.map((row) => [row.id, row.stock]));
    return { ...product, variants: product.variants.map((variant) => ({ ...variant, stock: stockById.has(variant.id) ? (stockById.get(variant.id) ?? null) : variant.stock })) };
  };

  const productOf = async (productId: string): Promise<RoomProduct | null> => read(await store.product(productId));

  const noteLeft = (productId: string, stock: StockLeft) => {
    const mark = (key: string, left: number | null) => (left === 0 ? soldOut.add(key) : soldOut.delete(key));
    mark(soldOutKey(productId, null), stock.left);
    if (stock.variant) mark(soldOutKey(productId, stock.variant.id), stock.variant.left);
  };

  return {
    productOf,
    productNow: (productId) => read(store.productNow(productId)),
    async upsert(input) {
      const product = withVariantStock(input);
      await store.upsertProduct(product.id, JSON.stringify(product), product.stock);
      await store.deleteVariants(product.id);
      for (const key of [...soldOut]) if (key === product.id || key.startsWith(`${product.id}\u0000`)) soldOut.delete(key);
      for (const variant of product.variants ?? []) {
        await store.insertVariant(product.id, variant.id, variant.stock);
        if (variant.stock === 0) soldOut.add(soldOutKey(product.id, variant.id));
      }
      return product;
    },
    async take(product, variant, quantity) {
      if (variant) {
        if (variant.stock === null) return true;
        if (!(await store.takeVariantStock(product.id, variant.id, quantity))) return false;
        await store.returnStock(product.id, -quantity);
        return true;
      }
      return product.stock === null || (await store.takeStock(product.id, quantity));
    },
    async giveBack(productId, variantId, quantity) {
      if (variantId !== null && !(await store.returnVariantStock(productId, variantId, quantity))) return;
      await store.returnStock(productId, quantity);
    },
    async leftOf(productId, variantId) {
      const product = await productOf(productId);
      const variant = variantId === null ? undefined : product?.variants?.find((candidate) => candidate.id === variantId);
      return { left: product?.stock ?? null, ...(variant ? { variant: { id: variant.id, left: variant.stock } } : {}) };
    },
    noteLeft,
    isSoldOut: (productId, variantId) => soldOut.has(soldOutKey(productId, null)) || (variantId !== null && soldOut.has(soldOutKey(productId, variantId))),
  };
}
