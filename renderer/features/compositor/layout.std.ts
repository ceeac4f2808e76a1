import type { Fit, Rect } from '../../../contract/schemas/scene.std';

export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A scene rect (fractions) in output pixels, snapped to even pixels so I420 chroma lines up. */
export function toPixels(rect: Rect, outputWidth: number, outputHeight: number): PixelRect {
  const even = (value: number) => Math.round(value / 2) * 2;
  return {
    x: even(rect.x * outputWidth),
    y: even(rect.y * outputHeight),
    width: Math.max(2, even(rect.width * outputWidth)),
    height: Math.max(2, even(rect.height * outputHeight)),
  };
}

export interface DrawPlan {
  source: PixelRect;
  destination: PixelRect;
}

/** Where a picture of `width`×`height` goes in `box`: cropped to fill (cover) or whole (contain). */
export function fitInto(width: number, height: number, box: PixelRect, fit: Fit): DrawPlan {
  const scale = fit === 'cover' ? Math.max(box.width / width, box.height / height) : Math.min(box.width / width, box.height / height);
  if (fit === 'cover') {
    const sourceWidth = box.width / scale;
    const sourceHeight = box.height / scale;
    return {
      source: { x: (width - sourceWidth) / 2, y: (height - sourceHeight) / 2, width: sourceWidth, height: sourceHeight },
      destination: box,
    };
  }
  const destinationWidth = width * scale;
  const destinationHeight = height * scale;
  return {
    source: { x: 0, y: 0, width, height },
    destination: {
      x: box.x + (box.width - destinationWidth) / 2,
      y: box.y + (box.height - destinationHeight) / 2,
      width: destinationWidth,
      height: destinationHeight,
    },
  };
}

/** Whether a planned place is the whole output (in the layout of the output's own aspect). */
export function coversWholeOutput(rect: PixelRect, outputWidth: number, outputHeight: number): boolean {
  return rect.x === 0 && rect.y === 0 && rect.width === outputWidth && rect.height === outputHeight;
}
