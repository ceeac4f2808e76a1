import { rectIn, type Aspect } from '../../../contract/sceneLayout.std';
import { cameraSource, portraitPlaces, productCardSource, sampleProduct, screenSource, textSource, tickerSource } from '../../../contract/scenePresets.std';
import { FULL_FRAME, type Rect, type Source, type SourceKind, type SourceOf } from '../../../contract/schemas/scene.std';

// What "Add source" makes: the contract's factories, placed where a shopkeeper would put them
// first, with names that tell two sources of a kind apart.

export const sourceKinds: readonly SourceKind[] = ['camera', 'screen', 'image', 'text', 'ticker', 'productCard'];

/** Plain text glyphs: no icon font, no emoji that a Linux box may lack. */
export const kindGlyphs: Record<SourceKind, string> = {
  camera: '◉',
  screen: '▭',
  image: '▨',
  text: 'T',
  ticker: '»',
  productCard: '¤',
};

const defaultRects: Record<Aspect, Record<SourceKind, Rect>> = {
  landscape: {
    // A second camera goes to the corner, as in the "Screen + camera corner" preset.
    camera: { x: 0.72, y: 0.7, width: 0.26, height: 0.26 },
    screen: { x: 0.04, y: 0.06, width: 0.62, height: 0.62 },
    image: { x: 0.04, y: 0.06, width: 0.25, height: 0.25 },
    text: { x: 0.05, y: 0.06, width: 0.5, height: 0.1 },
    ticker: { x: 0, y: 0.9, width: 1, height: 0.08 },
    productCard: { x: 0.6, y: 0.52, width: 0.36, height: 0.4 },
  },
  // On a phone: text across the top, the ticker at the very bottom below the pinned comment's
  // place, a second camera (16:9, 288 × 162 px) on the right clear of the purchase toast.
  portrait: {
    camera: { x: 0.56, y: 0.2, width: 0.4, height: 0.1266 },
    screen: { x: 0, y: 0.15, width: 1, height: 0.32 },
    image: { x: 0.05, y: 0.2, width: 0.4, height: 0.225 },
    text: { x: 0.05, y: 0.03, width: 0.9, height: 0.06 },
    ticker: { x: 0, y: 0.93, width: 1, height: 0.045 },
    productCard: portraitPlaces.productCard,
  },
};

export const DEFAULT_TEXT = 'Your text here';
export const DEFAULT_TICKER = 'Free shipping today · Ask me anything in the comments';

/** "Text", then "Text 2", "Text 3"… among the names already taken. */
export function uniqueName(base: string, taken: Iterable<string>, maxLength = 80): string {
  const names = new Set(taken);
  const trimmed = base.slice(0, maxLength);
  if (!names.has(trimmed)) return trimmed;
  for (let n = 2; ; n += 1) {
    const suffix = ` ${n}`;
    const candidate = `${base.slice(0, maxLength - suffix.length)}${suffix}`;
    if (!names.has(candidate)) return candidate;
  }
}

const CASCADE_STEP = 0.03;
const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Steps a new source down and right while it would land exactly on another, so it can be seen. */
export function cascade(rect: Rect, existing: readonly Rect[]): Rect {
  let next = rect;
  for (let step = 0; step < 20 && existing.some((other) => same(other.x, next.x) && same(other.y, next.y)); step += 1) {
    const x = next.x + CASCADE_STEP;
    const y = next.y + CASCADE_STEP;
    // Wrap back to the top left rather than walk off the output.
    next = x + next.width > 1.2 || y + next.height > 1.2 ? { ...next, x: 0.02 * (step + 1), y: 0.02 * (step + 1) } : { ...next, x: round(x), y: round(y) };
  }
  return next;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** The first camera or screen of a scene fills the frame; later ones are placed beside what is there. */
export function defaultRect(kind: SourceKind, existing: readonly Source[], aspect: Aspect = 'landscape'): Rect {
  const hasPicture = existing.some((source) => source.kind === 'camera' || source.kind === 'screen');
  if ((kind === 'camera' || kind === 'screen') && !hasPicture) return FULL_FRAME;
  return cascade(defaultRects[aspect][kind], existing.map((source) => rectIn(source, aspect)));
}

export type NonImageKind = Exclude<SourceKind, 'image'>;

/** A new source, placed in both layouts, so switching the output's aspect never finds it stretched. */
export function newSource(kind: NonImageKind, id: string, existing: readonly Source[]): Source {
  const rect = defaultRect(kind, existing, 'landscape');
  const portraitRect = defaultRect(kind, existing, 'portrait');
  const source = ((): Source => {
    switch (kind) {
      case 'camera':
        return cameraSource(id, rect, portraitRect);
      case 'screen':
        return screenSource(id, rect, portraitRect);
      case 'text':
        return textSource(id, DEFAULT_TEXT, rect, portraitRect);
      case 'ticker':
        return tickerSource(id, DEFAULT_TICKER, rect, portraitRect);
      case 'productCard':
        return productCardSource(id, sampleProduct, rect, portraitRect);
    }
  })();
  return { ...source, name: uniqueName(source.name, existing.map((other) => other.name)) };
}

const outputOf: Record<Aspect, { width: number; height: number }> = { landscape: { width: 16, height: 9 }, portrait: { width: 9, height: 16 } };

/**
 * An image keeps its own shape: 30 % of the output's height (at most half its width, 90 % in
 * 9:16), in the top left corner. The rect is in fractions of the output of `aspect`.
 */
export function imageRect(image: { width: number; height: number }, aspect: Aspect, existing: readonly Source[]): Rect {
  const base = defaultRects[aspect].image;
  const others = existing.map((source) => rectIn(source, aspect));
  if (image.width <= 0 || image.height <= 0) return cascade(base, others);
  const output = outputOf[aspect];
  const maxWidth = aspect === 'portrait' ? 0.9 : 0.5;
  let height = aspect === 'portrait' ? 0.2 : 0.3;
  let width = (height * output.height * (image.width / image.height)) / output.width;
  if (width > maxWidth) {
    height = (height * maxWidth) / width;
    width = maxWidth;
  }
  return cascade({ x: base.x, y: base.y, width: round(width), height: round(height) }, others);
}

export function newImageSource(id: string, image: { dataUrl: string; width: number; height: number }, existing: readonly Source[]): SourceOf<'image'> {
  return {
    id,
    name: uniqueName('Image', existing.map((other) => other.name)),
    kind: 'image',
    visible: true,
    rect: imageRect(image, 'landscape', existing),
    portraitRect: imageRect(image, 'portrait', existing),
    image: image.dataUrl,
    fit: 'contain',
  };
}
