import { FULL_FRAME, type Rect, type Source } from './schemas/scene.std';

// A scene has one layout per output aspect: `rect` for 16:9 outputs, `portraitRect` for 9:16.
// Everything that draws or edits a source's place asks for the rect of the output's aspect here.

export type Aspect = 'landscape' | 'portrait';

export const aspectOf = (size: { width: number; height: number }): Aspect => (size.height > size.width ? 'portrait' : 'landscape');

export const rectIn = (source: Source, aspect: Aspect): Rect => (aspect === 'portrait' ? source.portraitRect : source.rect);

export function withRectIn<S extends Source>(source: S, aspect: Aspect, rect: Rect): S {
  return aspect === 'portrait' ? { ...source, portraitRect: rect } : { ...source, rect };
}

/** The two layouts' outputs in 720-line units: 16:9 is 16 × 9, 9:16 is 9 × 16. */
const LANDSCAPE = { width: 16, height: 9 };
const PORTRAIT = { width: 9, height: 16 };

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * A portrait place for a source laid out only in landscape (scenes saved before version 2, a
 * source added before a portrait layout was chosen): the same shape in pixels at the same size,
 * shrunk only to fit the narrower picture, its centre where it was in fractions of the output,
 * then kept on the picture. A full-frame source (a camera behind everything) stays full frame.
 */
export function portraitFromLandscape(rect: Rect): Rect {
  if (rect.x <= 0 && rect.y <= 0 && rect.x + rect.width >= 1 && rect.y + rect.height >= 1) return FULL_FRAME;
  const pixelWidth = rect.width * LANDSCAPE.width;
  const pixelHeight = rect.height * LANDSCAPE.height;
  const scale = Math.min(1, PORTRAIT.width / pixelWidth, PORTRAIT.height / pixelHeight);
  const width = (pixelWidth * scale) / PORTRAIT.width;
  const height = (pixelHeight * scale) / PORTRAIT.height;
  const x = clamp(rect.x + rect.width / 2 - width / 2, 0, 1 - width);
  const y = clamp(rect.y + rect.height / 2 - height / 2, 0, 1 - height);
  return { x: round(x), y: round(y), width: round(width), height: round(height) };
}
