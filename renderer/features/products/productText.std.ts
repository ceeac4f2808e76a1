import type { RoomProduct } from '../../../contract/room/roomMessages.std';
import type { Product } from '../../../contract/schemas/product.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

/** "12 left", "Sold out" (库存 12, 已售罄), or nothing when stock is not tracked. */
export function stockLabel(stock: number | null, { t }: Pick<StudioTranslator, 't'>): string | null {
  if (stock === null) return null;
  return stock === 0 ? t('stock.soldOut') : t('stock.left', { count: stock });
}

type Stocked = Pick<Product, 'stock'> & { variants?: Product['variants'] | undefined };

/** Each variant's stock, for the list, the run-sheet and the promotion card: "S: 5 · M: sold out · L: 3"; a variant not tracked is its label alone. */
export function variantStockText(product: Stocked, { t }: Pick<StudioTranslator, 't'>): string | null {
  const variants = product.variants ?? [];
  if (variants.length === 0) return null;
  // " · " is a list's bullet in both languages, as elsewhere in the studio.
  return variants.map((variant) => (variant.stock === null ? variant.label : variant.stock === 0 ? t('stock.variantSoldOut', { label: variant.label }) : t('stock.variant', { label: variant.label, count: variant.stock }))).join(' · ');
}

/** The stock to show for a product: the promotion's live count while it is the one on sale (the room's stock events reach it first), its variants' too. */
export function liveStock(product: Product, promoted: Pick<RoomProduct, 'id' | 'stock' | 'variants'> | null): Stocked {
  if (!promoted || promoted.id !== product.id) return product;
  const live = new Map((promoted.variants ?? []).map((variant) => [variant.id, variant.stock]));
  return { stock: promoted.stock, variants: product.variants.map((variant) => (live.has(variant.id) ? { ...variant, stock: live.get(variant.id) ?? null } : variant)) };
}
