import type { RoomProduct } from '../contract/room/roomMessages.std';

/** A T-shirt sold by size, each size with its own stock (null: not tracked); ids `tee-<size>`. */
export const teeWithSizes = (sizes: Record<string, number | null>): RoomProduct => ({
  id: 'tee',
  name: 'T-shirt',
  priceMinor: 9900,
  listPriceMinor: null,
  currency: 'CNY',
  stock: 0,
  photo: null,
  variants: Object.entries(sizes).map(([label, stock]) => ({ id: `tee-${label.toLowerCase()}`, label, stock })),
});
