import { z } from 'zod';
import { productSchema } from './product.std';

// The live layers drawn over every scene, driven by the live sale (pins, orders, promotions).

export const pinnedCommentSchema = z
  .object({ id: z.string().max(64), author: z.string().max(40), text: z.string().max(500) })
  .strict();

export const purchaseToastSchema = z
  .object({
    id: z.string().max(64),
    /** Already shortened for the stream ("Li*** bought 2"), never the buyer's full name. */
    text: z.string().max(200),
    /** Epoch ms the toast appeared; it leaves by itself after a few seconds. */
    shownAt: z.number(),
  })
  .strict();

export const flashSaleSchema = z
  .object({ priceMinor: z.number().int().nonnegative(), endsAt: z.number() })
  .strict();

export const liveLayersSchema = z
  .object({
    pinnedComment: pinnedCommentSchema.nullable(),
    purchaseToast: purchaseToastSchema.nullable(),
    /** The "now explaining" product card, with its "N left" from the product's stock. */
    nowExplaining: productSchema.nullable(),
    flashSale: flashSaleSchema.nullable(),
  })
  .strict();
export type LiveLayers = z.infer<typeof liveLayersSchema>;

export const noLiveLayers: LiveLayers = { pinnedComment: null, purchaseToast: null, nowExplaining: null, flashSale: null };

export const liveLayersPatchSchema = liveLayersSchema.partial().strict();
export type LiveLayersPatch = z.infer<typeof liveLayersPatchSchema>;

/** How long a purchase toast stays on the stream. */
export const PURCHASE_TOAST_MS = 5000;
