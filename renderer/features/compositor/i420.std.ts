// I420 (planar YUV 4:2:0, BT.601 limited range, as FFmpeg's yuv420p and Chromium's camera frames)
// arithmetic in plain JS, on the hot path: integer maths, no allocation per pixel.

export interface I420Planes {
  width: number;
  height: number;
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

/** Views of the three planes packed one after another in `buffer` (the media channel's layout). */
export function i420Planes(buffer: Uint8Array, width: number, height: number): I420Planes {
  const lumaBytes = width * height;
  const chromaBytes = (width >> 1) * (height >> 1);
  return {
    width,
    height,
    y: buffer.subarray(0, lumaBytes),
    u: buffer.subarray(lumaBytes, lumaBytes + chromaBytes),
    v: buffer.subarray(lumaBytes + chromaBytes, lumaBytes + 2 * chromaBytes),
  };
}

/** RGB → Y, U, V with the BT.601 limited-range integer formulas FFmpeg's swscale uses. */
export const lumaOf = (r: number, g: number, b: number) => ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
export const chromaUOf = (r: number, g: number, b: number) => ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
export const chromaVOf = (r: number, g: number, b: number) => ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;

/**
 * Converts a whole RGBA image (width and height even) into I420 planes. Chroma is taken from the
 * average of each 2×2 block.
 */
export function rgbaToI420(rgba: Uint8ClampedArray, out: I420Planes): void {
  const { width, height, y, u, v } = out;
  const chromaWidth = width >> 1;
  for (let row = 0; row < height; row += 2) {
    let top = row * width * 4;
    let bottom = top + width * 4;
    let lumaTop = row * width;
    let lumaBottom = lumaTop + width;
    let chroma = (row >> 1) * chromaWidth;
    for (let column = 0; column < width; column += 2) {
      const r0 = rgba[top] as number, g0 = rgba[top + 1] as number, b0 = rgba[top + 2] as number;
      const r1 = rgba[top + 4] as number, g1 = rgba[top + 5] as number, b1 = rgba[top + 6] as number;
      const r2 = rgba[bottom] as number, g2 = rgba[bottom + 1] as number, b2 = rgba[bottom + 2] as number;
      const r3 = rgba[bottom + 4] as number, g3 = rgba[bottom + 5] as number, b3 = rgba[bottom + 6] as number;
      y[lumaTop] = lumaOf(r0, g0, b0);
      y[lumaTop + 1] = lumaOf(r1, g1, b1);
      y[lumaBottom] = lumaOf(r2, g2, b2);
      y[lumaBottom + 1] = lumaOf(r3, g3, b3);
      const r = (r0 + r1 + r2 + r3 + 2) >> 2, g = (g0 + g1 + g2 + g3 + 2) >> 2, b = (b0 + b1 + b2 + b3 + 2) >> 2;
      u[chroma] = chromaUOf(r, g, b);
      v[chroma] = chromaVOf(r, g, b);
      top += 8;
      bottom += 8;
      lumaTop += 2;
      lumaBottom += 2;
      chroma += 1;
    }
  }
}

/** An overlay kept as I420 plus alpha (full-resolution alpha for luma, averaged for chroma). */
export interface I420A extends I420Planes {
  alpha: Uint8Array;
  chromaAlpha: Uint8Array;
  /** True where no pixel is transparent: blending can copy instead of mixing. */
  opaque: boolean;
}

/** Converts an overlay's RGBA (straight alpha, as getImageData returns) to I420A. */
export function rgbaToI420A(rgba: Uint8ClampedArray, width: number, height: number): I420A {
  const planes: I420Planes = {
    width,
    height,
    y: new Uint8Array(width * height),
    u: new Uint8Array((width >> 1) * (height >> 1)),
    v: new Uint8Array((width >> 1) * (height >> 1)),
  };
  rgbaToI420(rgba, planes);
  const alpha = new Uint8Array(width * height);
  const chromaAlpha = new Uint8Array((width >> 1) * (height >> 1));
  let opaque = true;
  for (let index = 0; index < alpha.length; index += 1) {
    const value = rgba[index * 4 + 3] as number;
    alpha[index] = value;
    if (value !== 255) opaque = false;
  }
  const chromaWidth = width >> 1;
  for (let row = 0; row < height >> 1; row += 1) {
    for (let column = 0; column < chromaWidth; column += 1) {
      const top = row * 2 * width + column * 2;
      chromaAlpha[row * chromaWidth + column] =
        ((alpha[top] as number) + (alpha[top + 1] as number) + (alpha[top + width] as number) + (alpha[top + width + 1] as number) + 2) >> 2;
    }
  }
  return { ...planes, alpha, chromaAlpha, opaque };
}

function blendPlane(
  target: Uint8Array,
  targetWidth: number,
  targetHeight: number,
  source: Uint8Array,
  alpha: Uint8Array,
  sourceWidth: number,
  sourceHeight: number,
  left: number,
  top: number,
  opacity: number,
  opaque: boolean,
): void {
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(targetWidth, left + sourceWidth);
  const y1 = Math.min(targetHeight, top + sourceHeight);
  if (x1 <= x0 || y1 <= y0) return;
  const scale = Math.round(opacity * 256);
  for (let row = y0; row < y1; row += 1) {
    const targetRow = row * targetWidth;
    const sourceRow = (row - top) * sourceWidth - left;
    if (opaque && scale >= 256) {
      target.set(source.subarray(sourceRow + x0, sourceRow + x1), targetRow + x0);
      continue;
    }
    for (let column = x0; column < x1; column += 1) {
      const a = ((alpha[sourceRow + column] as number) * scale) >> 8;
      if (a === 0) continue;
      const index = targetRow + column;
      target[index] = ((target[index] as number) * (255 - a) + (source[sourceRow + column] as number) * a + 127) / 255;
    }
  }
}

/** Draws an I420A overlay over a frame at (left, top) (even numbers), with an extra opacity 0..1. */
export function blendI420A(frame: I420Planes, overlay: I420A, left: number, top: number, opacity = 1): void {
  if (opacity <= 0) return;
  blendPlane(frame.y, frame.width, frame.height, overlay.y, overlay.alpha, overlay.width, overlay.height, left, top, opacity, overlay.opaque);
  const chromaLeft = left >> 1;
  const chromaTop = top >> 1;
  const fw = frame.width >> 1, fh = frame.height >> 1, ow = overlay.width >> 1, oh = overlay.height >> 1;
  blendPlane(frame.u, fw, fh, overlay.u, overlay.chromaAlpha, ow, oh, chromaLeft, chromaTop, opacity, overlay.opaque);
  blendPlane(frame.v, fw, fh, overlay.v, overlay.chromaAlpha, ow, oh, chromaLeft, chromaTop, opacity, overlay.opaque);
}

/** Interleaved NV12 chroma (UVUV…) into the separate U and V planes of I420. */
export function deinterleaveChroma(uv: Uint8Array, u: Uint8Array, v: Uint8Array): void {
  for (let index = 0, pair = 0; index < u.length; index += 1, pair += 2) {
    u[index] = uv[pair] as number;
    v[index] = uv[pair + 1] as number;
  }
}
