import type { RoomEvent } from './roomEvents.std';
import type { RoomProduct } from './roomMessages.std';

// A `stock` event applied to the product it is about: its total, and its variant's units when
// it names one. The panel, the core's catalogue and the viewers' page read stock events alike.

export type StockEvent = Extract<RoomEvent, { kind: 'stock' }>;

export function productAfterStock<T extends Pick<RoomProduct, 'stock' | 'variants'>>(product: T, event: Pick<StockEvent, 'left' | 'variant'>): T {
  const { variant } = event;
  const variants = variant && product.variants ? product.variants.map((candidate) => (candidate.id === variant.id ? { ...candidate, stock: variant.left } : candidate)) : product.variants;
  return { ...product, stock: event.left, ...(variants ? { variants } : {}) };
}
