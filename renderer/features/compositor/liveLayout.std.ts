import type { Rect } from '../../../contract/schemas/scene.std';

export type LiveLayerId = 'pinnedComment' | 'purchaseToast' | 'nowExplaining' | 'flashSale';

// Where the live layers sit, clear of the usual text line (top-left) and the corner camera
// (bottom-right of "Screen + camera corner"), for landscape and for 9:16 outputs.
const landscape: Record<LiveLayerId, Rect> = {
  pinnedComment: { x: 0.03, y: 0.8, width: 0.56, height: 0.14 },
  purchaseToast: { x: 0.68, y: 0.04, width: 0.29, height: 0.07 },
  flashSale: { x: 0.66, y: 0.3, width: 0.32, height: 0.07 },
  nowExplaining: { x: 0.66, y: 0.38, width: 0.32, height: 0.28 },
};
const portrait: Record<LiveLayerId, Rect> = {
  pinnedComment: { x: 0.04, y: 0.72, width: 0.64, height: 0.09 },
  purchaseToast: { x: 0.04, y: 0.1, width: 0.7, height: 0.045 },
  flashSale: { x: 0.04, y: 0.47, width: 0.7, height: 0.04 },
  nowExplaining: { x: 0.04, y: 0.52, width: 0.92, height: 0.17 },
};

export function liveLayerRect(layer: LiveLayerId, outputWidth: number, outputHeight: number): Rect {
  return (outputHeight > outputWidth ? portrait : landscape)[layer];
}

/** Bottom to top. */
export const liveLayerOrder: readonly LiveLayerId[] = ['nowExplaining', 'flashSale', 'pinnedComment', 'purchaseToast'];
