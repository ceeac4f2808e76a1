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

/**
 * Per row, the runs of a plane's alpha as [start, end, kind] triples (end exclusive), kind 1 for
 * fully opaque, 2 for partly transparent; fully transparent pixels are in no run. Blending walks
 * only the runs: a text line is mostly transparent, a card mostly opaque, and both cost little.
 */
export type AlphaRuns = Int32Array[];

export function alphaRuns(alpha: Uint8Array, width: number, height: number): AlphaRuns {
  const rows: AlphaRuns = [];
  const runs: number[] = [];
  for (let row = 0; row < height; row += 1) {
    runs.length = 0;
    const offset = row * width;
    let column = 0;
    while (column < width) {
      const value = alpha[offset + column] as number;
      if (value === 0) {
        column += 1;
        continue;
      }
      const kind = value === 255 ? 1 : 2;
      const start = column;
      while (column < width) {
        const next = alpha[offset + column] as number;
        if (next === 0 || (next === 255 ? 1 : 2) !== kind) break;
        column += 1;
      }
      runs.push(start, column, kind);
    }
    rows.push(Int32Array.from(runs));
  }
  return rows;
}

/** An overlay kept as I420 plus alpha (full-resolution alpha for luma, averaged for chroma). */
export interface I420A extends I420Planes {
  alpha: Uint8Array;
  chromaAlpha: Uint8Array;
  /** True where no pixel is transparent: blending can copy instead of mixing. */
  opaque: boolean;
  lumaRuns: AlphaRuns;
  chromaRuns: AlphaRuns;
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
  return {
    ...planes,
    alpha,
    chromaAlpha,
    opaque,
    lumaRuns: alphaRuns(alpha, width, height),
    chromaRuns: alphaRuns(chromaAlpha, chromaWidth, height >> 1),
  };
}

function blendPlane(
  target: Uint8Array,
  targetWidth: number,
  targetHeight: number,
  source: Uint8Array,
  alpha: Uint8Array,
  runs: AlphaRuns,
  sourceWidth: number,
  sourceHeight: number,
  left: number,
  top: number,
  opacity: number,
): void {
  const y0 = Math.max(0, top);
  const y1 = Math.min(targetHeight, top + sourceHeight);
  const scale = Math.round(opacity * 256);
  for (let row = y0; row < y1; row += 1) {
    const sourceRow = row - top;
    const rowRuns = runs[sourceRow];
    if (!rowRuns) continue;
    const targetRow = row * targetWidth + left;
    const sourceOffset = sourceRow * sourceWidth;
    for (let index = 0; index < rowRuns.length; index += 3) {
      // Clip the run to the frame.
      const start = Math.max(rowRuns[index] as number, -left);
      const end = Math.min(rowRuns[index + 1] as number, targetWidth - left);
      if (end <= start) continue;
      if (rowRuns[index + 2] === 1 && scale >= 256) {
        target.set(source.subarray(sourceOffset + start, sourceOffset + end), targetRow + start);
        continue;
      }
      for (let column = start; column < end; column += 1) {
        const a = ((alpha[sourceOffset + column] as number) * scale) >> 8;
        if (a === 0) continue;
        const at = targetRow + column;
        target[at] = ((target[at] as number) * (255 - a) + (source[sourceOffset + column] as number) * a + 127) / 255;
      }
    }
  }
}

/** Draws an I420A overlay over a frame at (left, top) (even numbers), with an extra opacity 0..1. */
export function blendI420A(frame: I420Planes, overlay: I420A, left: number, top: number, opacity = 1): void {
  if (opacity <= 0) return;
  blendPlane(frame.y, frame.width, frame.height, overlay.y, overlay.alpha, overlay.lumaRuns, overlay.width, overlay.height, left, top, opacity);
  const chromaLeft = left >> 1;
  const chromaTop = top >> 1;
  const fw = frame.width >> 1, fh = frame.height >> 1, ow = overlay.width >> 1, oh = overlay.height >> 1;
  blendPlane(frame.u, fw, fh, overlay.u, overlay.chromaAlpha, overlay.chromaRuns, ow, oh, chromaLeft, chromaTop, opacity);
  blendPlane(frame.v, fw, fh, overlay.v, overlay.chromaAlpha, overlay.chromaRuns, ow, oh, chromaLeft, chromaTop, opacity);
}

/** Interleaved NV12 chroma (UVUV…) into the separate U and V planes of I420. */
export function deinterleaveChroma(uv: Uint8Array, u: Uint8Array, v: Uint8Array): void {
  for (let index = 0, pair = 0; index < u.length; index += 1, pair += 2) {
    u[index] = uv[pair] as number;
    v[index] = uv[pair + 1] as number;
  }
}

