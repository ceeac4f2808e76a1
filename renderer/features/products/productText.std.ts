import type { Product } from '../../../contract/schemas/product.std';

/** "12 left", "Sold out", or nothing when stock is not tracked. */
export function stockLabel(stock: number | null): string | null {
  if (stock === null) return null;
  return stock === 0 ? 'Sold out' : `${stock} left`;
}

/** The stock to show for a product: the promotion's live count while it is the one on sale (the room's stock events reach it first). */
export function liveStock(product: Product, promoted: { id: string; stock: number | null } | null): number | null {
  return promoted && promoted.id === product.id ? promoted.stock : product.stock;
}
