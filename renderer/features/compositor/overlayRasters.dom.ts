import { rgbaToI420A, type I420A } from './i420.std';
import type { PixelRect } from './layout.std';

export type Ctx2D = OffscreenCanvasRenderingContext2D;

/** Something drawn over the picture: a scene's text, card, image or ticker, or a live layer. */
export interface OverlayItem {
  /** Stable across frames: `source:<id>`, `live:<layer>`, `slate:<id>`. */
  id: string;
  rect: PixelRect;
  /** Redrawn only when this changes (content, size, the second of a countdown…). */
  key: string;
  opacity: number;
  /** Extra downward offset in pixels (entering live layers slide up). */
  offsetY: number;
  draw(ctx: Ctx2D, width: number, height: number): void;
}

interface Raster {
  canvas: OffscreenCanvas;
  ctx: Ctx2D;
  key: string;
  i420a: I420A | null;
}

/**
 * Each overlay is rasterised into its own small canvas when its key changes, and converted to
 * I420 + alpha at most once per change: a static card costs nothing per frame but its blend.
 */
export class OverlayRasters {
  private readonly rasters = new Map<string, Raster>();

  private ensure(item: OverlayItem): Raster {
    let raster = this.rasters.get(item.id);
    if (!raster || raster.canvas.width !== item.rect.width || raster.canvas.height !== item.rect.height) {
      const canvas = new OffscreenCanvas(item.rect.width, item.rect.height);
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no 2D context for an overlay');
      raster = { canvas, ctx, key: '', i420a: null };
      this.rasters.set(item.id, raster);
    }
    if (raster.key !== item.key) {
      raster.ctx.clearRect(0, 0, item.rect.width, item.rect.height);
      raster.ctx.save();
      item.draw(raster.ctx, item.rect.width, item.rect.height);
      raster.ctx.restore();
      raster.key = item.key;
      raster.i420a = null;
    }
    return raster;
  }

  canvas(item: OverlayItem): OffscreenCanvas {
    return this.ensure(item).canvas;
  }

  i420a(item: OverlayItem): I420A {
    const raster = this.ensure(item);
    if (!raster.i420a) {
      const { data } = raster.ctx.getImageData(0, 0, item.rect.width, item.rect.height);
      raster.i420a = rgbaToI420A(data, item.rect.width, item.rect.height);
    }
    return raster.i420a;
  }

  /** Drops the rasters of overlays no longer shown. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.rasters.keys()) if (!ids.has(id)) this.rasters.delete(id);
  }
}
