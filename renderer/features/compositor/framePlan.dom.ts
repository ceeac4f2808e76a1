import { aspectOf, rectIn } from '../../../contract/sceneLayout.std';
import type { LiveLayers } from '../../../contract/schemas/liveLayers.std';
import type { Scene, Source, SourceOf } from '../../../contract/schemas/scene.std';
import { drawPinnedComment, drawPurchaseToast, drawFlashSaleBadge } from './draw/liveLayers.std';
import { drawProductCard } from './draw/productCard.std';
import { drawTextSource, drawTickerSource } from './draw/textOverlay.std';
import { captureKey, isVideoSource, type VideoSource } from './captureKeys.std';
import type { ImageCache } from './images.dom';
import { initialLayerState, layerPose, updateLayer, type LayerAnimationState } from './liveAnimation.std';
import { liveLayerOrder, liveLayerRect, type LiveLayerId } from './liveLayout.std';
import { fitInto, toPixels, type PixelRect } from './layout.std';
import { placePromotion, type PromotedCard } from './promotedCard.std';
import type { OverlayItem } from './overlayRasters.dom';

export type PlannedLayer =
  | { kind: 'video'; source: VideoSource; frame: VideoFrame; rect: PixelRect }
  | { kind: 'overlay'; item: OverlayItem };

export interface ProgramState {
  width: number;
  height: number;
  scene: Scene;
  liveLayers: LiveLayers;
}

/** A short fingerprint of a possibly large string (an image data URL) for redraw keys. */
function fingerprint(text: string | null): string {
  if (!text) return '-';
  let hash = 0;
  const step = Math.max(1, Math.floor(text.length / 256));
  for (let index = 0; index < text.length; index += step) hash = (hash * 31 + text.charCodeAt(index)) | 0;
  return `${text.length}:${hash}`;
}

const withoutImages = (source: Source) =>
  JSON.stringify(source, (key, value: unknown) => (key === 'image' || key === 'photo' ? fingerprint(value as string | null) : value));

/** The live layers' animation state, carried from frame to frame. */
export class LiveLayerAnimator {
  private readonly states = new Map<LiveLayerId, LayerAnimationState<LiveLayers>>();

  /**
   * The output's frame interval. A change counts from one frame before the frame that first sees
   * it, so that frame already shows it moving: a pinned comment is in the very next output frame,
   * not one frame later at opacity 0.
   */
  frameMs = 0;

  poses(layers: LiveLayers, now: number) {
    const contentOf: Record<LiveLayerId, unknown> = {
      pinnedComment: layers.pinnedComment,
      purchaseToast: layers.purchaseToast,
      nowExplaining: layers.nowExplaining,
      flashSale: layers.nowExplaining ? layers.flashSale : null,
    };
    return liveLayerOrder.map((id) => {
      const content = contentOf[id];
      const state = updateLayer(this.states.get(id) ?? initialLayerState<LiveLayers>(), content === null ? null : layers, content === null ? null : JSON.stringify(content), now - this.frameMs);
      this.states.set(id, state);
      return { id, pose: layerPose(state, now), shown: state.content };
    });
  }
}

/**
 * Where a camera or screen has no picture (starting, denied, unplugged): a plain dark slate.
 * Viewers see nothing alarming and no browser's wording; the reason is the studio's, shown over
 * the preview (SourceTransformOverlay) and in the sources list.
 */
function slate(source: VideoSource, rect: PixelRect): OverlayItem {
  return {
    id: `slate:${source.id}`,
    rect,
    key: `${rect.width}x${rect.height}`,
    opacity: 1,
    offsetY: 0,
    draw(ctx, width, height) {
      ctx.fillStyle = '#1b1f27';
      ctx.fillRect(0, 0, width, height);
    },
  };
}

function sourceOverlay(source: Exclude<Source, VideoSource>, rect: PixelRect, unit: number, now: number, images: ImageCache): OverlayItem | null {
  const base = { id: `source:${source.id}`, rect, opacity: 1, offsetY: 0 };
  const sizeKey = `${rect.width}x${rect.height}:${unit}`;
  switch (source.kind) {
    case 'text':
      return { ...base, key: `${sizeKey}:${withoutImages(source)}`, draw: (ctx, w, h) => drawTextSource(ctx, source, w, h, unit) };
    case 'ticker':
      return {
        ...base,
        // Scrolls: redrawn every frame, but its raster is only a strip.
        key: `${sizeKey}:${withoutImages(source)}:${now}`,
        draw: (ctx, w, h) => drawTickerSource(ctx, source, w, h, unit, now),
      };
    case 'image': {
      const bitmap = images.get(source.image);
      if (!bitmap) return null;
      return {
        ...base,
        key: `${sizeKey}:${withoutImages(source)}`,
        draw: (ctx, w, h) => {
          const plan = fitInto(bitmap.width, bitmap.height, { x: 0, y: 0, width: w, height: h }, source.fit);
          const { source: s, destination: d } = plan;
          ctx.drawImage(bitmap, s.x, s.y, s.width, s.height, d.x, d.y, d.width, d.height);
        },
      };
    }
    case 'productCard':
      return productCard(base, source, sizeKey, unit, now, images, null);
  }
}

function productCard(
  base: Pick<OverlayItem, 'id' | 'rect' | 'opacity' | 'offsetY'>,
  source: Pick<SourceOf<'productCard'>, 'product' | 'countdownEndsAt'>,
  sizeKey: string,
  unit: number,
  now: number,
  images: ImageCache,
  flashSalePriceMinor: number | null,
): OverlayItem {
  const photo = images.get(source.product.photo);
  const second = source.countdownEndsAt === null ? '' : Math.floor((source.countdownEndsAt - now) / 1000);
  return {
    ...base,
    key: `${sizeKey}:${withoutImages(source as Source)}:${photo ? 'photo' : 'no-photo'}:${second}:${flashSalePriceMinor}`,
    draw: (ctx, width, height) =>
      drawProductCard(ctx, { product: source.product, photo, width, height, unit, now, countdownEndsAt: source.countdownEndsAt, flashSalePriceMinor }),
  };
}

/** The scene's card showing the promoted product, its flash-sale price and countdown while the sale runs. */
function promotedCard(base: Pick<OverlayItem, 'id' | 'rect' | 'opacity' | 'offsetY'>, card: PromotedCard, sizeKey: string, unit: number, now: number, images: ImageCache): OverlayItem {
  const sale = card.flashSale && card.flashSale.endsAt > now ? card.flashSale : null;
  return productCard(base, { product: card.product, countdownEndsAt: sale?.endsAt ?? null }, sizeKey, unit, now, images, sale?.priceMinor ?? null);
}

/**
 * What to draw for one output frame, bottom to top: the scene's sources (videos, or a slate where
 * a video has no picture; the promoted product in the scene's product card), then the live layers.
 */
export function planFrame(
  program: ProgramState,
  now: number,
  latestFrame: (key: string) => VideoFrame | null,
  images: ImageCache,
  animator: LiveLayerAnimator,
): PlannedLayer[] {
  const { width, height } = program;
  const unit = height / 720;
  // A source's text size is set for 720 lines of 16:9; in 9:16 those 720 pixels are the width,
  // so text keeps its size against the picture instead of growing 1.8×.
  const sourceUnit = Math.min(width, height) / 720;
  const aspect = aspectOf(program);
  const layers: PlannedLayer[] = [];
  const { card, liveLayers } = placePromotion(program.scene, program.liveLayers);
  for (const source of program.scene.sources) {
    if (!source.visible) continue;
    const rect = toPixels(rectIn(source, aspect), width, height);
    if (isVideoSource(source)) {
      const frame = latestFrame(captureKey(source));
      layers.push(frame ? { kind: 'video', source, frame, rect } : { kind: 'overlay', item: slate(source, rect) });
      continue;
    }
    const item =
      card?.sourceId === source.id
        ? promotedCard({ id: `source:${source.id}`, rect, opacity: 1, offsetY: 0 }, card, `${rect.width}x${rect.height}:${sourceUnit}`, sourceUnit, now, images)
        : sourceOverlay(source, rect, sourceUnit, now, images);
    if (item) layers.push({ kind: 'overlay', item });
  }
  for (const { id, pose, shown } of animator.poses(liveLayers, now)) {
    if (!pose || !shown) continue;
    const rect = toPixels(liveLayerRect(id, width, height), width, height);
    const base = { id: `live:${id}`, rect, opacity: pose.opacity, offsetY: Math.round((pose.offset * rect.height) / 2) * 2 };
    const sizeKey = `${rect.width}x${rect.height}:${unit}`;
    let item: OverlayItem | null = null;
    if (id === 'pinnedComment' && shown.pinnedComment) {
      const comment = shown.pinnedComment;
      item = { ...base, key: `${sizeKey}:${JSON.stringify(comment)}`, draw: (ctx, w, h) => drawPinnedComment(ctx, comment, w, h, unit) };
    } else if (id === 'purchaseToast' && shown.purchaseToast) {
      const toast = shown.purchaseToast;
      item = { ...base, key: `${sizeKey}:${JSON.stringify(toast)}`, draw: (ctx, w, h) => drawPurchaseToast(ctx, toast, w, h, unit) };
    } else if (id === 'nowExplaining' && shown.nowExplaining) {
      const sale = shown.flashSale && shown.flashSale.endsAt > now ? shown.flashSale : null;
      item = productCard(base, { product: shown.nowExplaining, countdownEndsAt: sale?.endsAt ?? null }, sizeKey, unit, now, images, sale?.priceMinor ?? null);
    } else if (id === 'flashSale' && shown.flashSale && shown.nowExplaining) {
      const sale = shown.flashSale;
      const currency = shown.nowExplaining.currency;
      item = {
        ...base,
        key: `${sizeKey}:${JSON.stringify(sale)}:${Math.floor((sale.endsAt - now) / 1000)}`,
        draw: (ctx, w, h) => drawFlashSaleBadge(ctx, { priceMinor: sale.priceMinor, currency, endsAt: sale.endsAt, now, width: w, height: h, unit }),
      };
    }
    if (item) layers.push({ kind: 'overlay', item });
  }
  return layers;
}
