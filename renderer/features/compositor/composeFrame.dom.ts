import { writeStamp } from '../../../contract/testStamp.std';
import { blendI420A, deinterleaveChroma, i420Planes, rgbaToI420, type I420Planes } from './i420.std';
import { coversWholeOutput, fitInto } from './layout.std';
import type { OverlayRasters } from './overlayRasters.dom';
import type { PlannedLayer } from './framePlan.dom';

export interface Composer {
  /**
   * Composes one frame into `target` (I420, packed planes); with no target (the core has no room
   * for the frame) only as far as the preview needs: a compositor that is behind then spends
   * nothing on output nobody takes, and the sending catches up.
   */
  compose(layers: PlannedLayer[], target: Uint8Array | null, stamp: { sequence: number; sendTimeMs: number } | null): Promise<'i420' | 'canvas'>;
  /**
   * Draws the frame just composed from the same layers (before their video frames close), scaled
   * to the preview. Not from the I420 output: wrapping 1.4 MB in a new VideoFrame every frame is a
   * fresh allocation, and on a machine with slow page faults it was half the frame's budget.
   */
  drawPreview(preview: OffscreenCanvasRenderingContext2D, layers: PlannedLayer[], path: 'i420' | 'canvas'): void;
}

/**
 * Two ways to make a frame, chosen per frame:
 * - i420: the bottom layer is a full-frame video already at the output size (the camera scene):
 *   copy the camera's own I420 planes and blend only the overlays' regions. No full-frame
 *   readback and no full-frame colour conversion (MEDIA-NOTES.md's untried path).
 * - canvas: anything else (picture-in-picture, scaled or cropped videos, slates): Canvas 2D
 *   composition, one readback, one RGBA→I420 conversion.
 */
export function createComposer(width: number, height: number, rasters: OverlayRasters): Composer {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false });
  if (!ctx) throw new Error('no 2D context for the compositor');
  const chromaScratch = new Uint8Array((width >> 1) * (height >> 1) * 2);

  function fastPathBase(layers: PlannedLayer[]): VideoFrame | null {
    const [bottom, ...rest] = layers;
    if (bottom?.kind !== 'video' || !coversWholeOutput(bottom.rect, width, height)) return null;
    const frame = bottom.frame;
    if (frame.displayWidth !== width || frame.displayHeight !== height || frame.codedWidth !== width || frame.codedHeight !== height) return null;
    if (frame.format !== 'I420' && frame.format !== 'NV12') return null;
    return rest.every((layer) => layer.kind === 'overlay') ? frame : null;
  }

  async function copyBase(frame: VideoFrame, planes: I420Planes, target: Uint8Array): Promise<void> {
    const lumaBytes = width * height;
    const chromaStride = width >> 1;
    if (frame.format === 'I420') {
      await frame.copyTo(target, {
        layout: [
          { offset: 0, stride: width },
          { offset: lumaBytes, stride: chromaStride },
          { offset: lumaBytes + chromaStride * (height >> 1), stride: chromaStride },
        ],
      });
      return;
    }
    // NV12 (many webcams): Y straight in place, interleaved UV through a scratch buffer.
    const scratch = new Uint8Array(lumaBytes + chromaScratch.length);
    await frame.copyTo(scratch, { layout: [{ offset: 0, stride: width }, { offset: lumaBytes, stride: width }] });
    planes.y.set(scratch.subarray(0, lumaBytes));
    deinterleaveChroma(scratch.subarray(lumaBytes), planes.u, planes.v);
  }

  return {
    drawPreview(preview, layers, path) {
      const { width: previewWidth, height: previewHeight } = preview.canvas;
      if (path === 'canvas') {
        preview.drawImage(canvas, 0, 0, previewWidth, previewHeight);
        return;
      }
      const scaleX = previewWidth / width;
      const scaleY = previewHeight / height;
      for (const layer of layers) {
        if (layer.kind === 'video') preview.drawImage(layer.frame, 0, 0, previewWidth, previewHeight);
        else {
          const { item } = layer;
          preview.globalAlpha = item.opacity;
          preview.drawImage(rasters.canvas(item), item.rect.x * scaleX, (item.rect.y + item.offsetY) * scaleY, item.rect.width * scaleX, item.rect.height * scaleY);
          preview.globalAlpha = 1;
        }
      }
    },
    async compose(layers, target, stamp) {
      const planes = target && i420Planes(target, width, height);
      const base = fastPathBase(layers);
      let path: 'i420' | 'canvas';
      if (base) {
        path = 'i420';
        if (!target || !planes) return path;
        await copyBase(base, planes, target);
        for (const layer of layers) {
          if (layer.kind !== 'overlay') continue;
          const { item } = layer;
          blendI420A(planes, rasters.i420a(item), item.rect.x, item.rect.y + item.offsetY, item.opacity);
        }
      } else {
        ctx.globalAlpha = 1;
        ctx.fillStyle = '#000000';
        ctx.fillRect(0, 0, width, height);
        for (const layer of layers) {
          if (layer.kind === 'video') {
            const { frame, rect, source } = layer;
            const plan = fitInto(frame.displayWidth, frame.displayHeight, rect, source.fit);
            ctx.save();
            ctx.beginPath();
            ctx.rect(rect.x, rect.y, rect.width, rect.height);
            ctx.clip();
            ctx.drawImage(frame, plan.source.x, plan.source.y, plan.source.width, plan.source.height, plan.destination.x, plan.destination.y, plan.destination.width, plan.destination.height);
            ctx.restore();
          } else {
            const { item } = layer;
            ctx.globalAlpha = item.opacity;
            ctx.drawImage(rasters.canvas(item), item.rect.x, item.rect.y + item.offsetY);
            ctx.globalAlpha = 1;
          }
        }
        path = 'canvas';
        if (!planes) return path;
        rgbaToI420(ctx.getImageData(0, 0, width, height).data, planes);
      }
      if (stamp) writeStamp(planes, stamp.sequence, stamp.sendTimeMs);
      return path;
    },
  };
}
