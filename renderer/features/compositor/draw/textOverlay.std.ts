import type { SourceOf } from '../../../../contract/schemas/scene.std';
import { fitFontSize, readableFloor } from './fitFont.std';
import { fitText, sanitizeOverlayText } from './text.std';
import { centredBaseline, fillRoundRect, font, measureWith, type Ctx2D } from './types.std';

/** A ticker may say up to 1,000 characters (the schema's limit); it scrolls, so none are cut. */
const TICKER_MAX_GRAPHEMES = 1000;

/** A line's height for its font size: ascenders to descenders, with a little air. */
const LINE_HEIGHT = 1.2;

type TextLike = SourceOf<'text'> | SourceOf<'ticker'>;

const paddingFor = (fontPx: number, unit: number) => Math.max(4 * unit, fontPx * 0.45);
const setFont = (ctx: Ctx2D, source: TextLike, fontPx: number) => (ctx.font = font(fontPx, source.bold ? 'bold' : 'normal'));

/**
 * The font size for a text: its set size, shrunk (to readableFloor at most) until the line fits
 * the box's height and, for a text that does not scroll, `text` fits its width.
 */
function fittedFontPx(ctx: Ctx2D, source: TextLike, text: string | null, width: number, height: number, unit: number): number {
  const measure = measureWith(ctx);
  const size = source.fontSize * unit;
  return fitFontSize(size, readableFloor(size, unit), (px) => {
    if (px * LINE_HEIGHT > height) return false;
    if (text === null) return true;
    setFont(ctx, source, px);
    return measure(text) <= width - 2 * paddingFor(px, unit);
  });
}

function prepare(ctx: Ctx2D, source: TextLike, fontPx: number, width: number, height: number, unit: number) {
  if (source.background !== null) fillRoundRect(ctx, 0, 0, width, height, Math.min(8 * unit, height / 4), source.background);
  setFont(ctx, source, fontPx);
  ctx.fillStyle = source.color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  // An OffscreenCanvas in a worker has no document to inherit a direction from.
  ctx.direction = 'ltr';
  return { padding: paddingFor(fontPx, unit), baseline: centredBaseline(ctx, height / 2) };
}

/** A scene's text: one line, centred vertically, shrunk to fit the box and only then cut with '…'. */
export function drawTextSource(ctx: Ctx2D, source: SourceOf<'text'>, width: number, height: number, unit: number): void {
  ctx.save();
  const clean = sanitizeOverlayText(source.text);
  const fontPx = fittedFontPx(ctx, source, clean, width, height, unit);
  const { padding, baseline } = prepare(ctx, source, fontPx, width, height, unit);
  const text = fitText(clean, width - 2 * padding, measureWith(ctx));
  if (text !== '') ctx.fillText(text, padding, baseline);
  ctx.restore();
}

/**
 * A scene's ticker: the text runs right to left at `speed` and comes round again after a gap of
 * half the box. Its place is a function of elapsedMs alone, so every frame agrees with the clock.
 * It scrolls, so only the box's height shrinks its font.
 */
export function drawTickerSource(ctx: Ctx2D, source: SourceOf<'ticker'>, width: number, height: number, unit: number, elapsedMs: number): void {
  ctx.save();
  const fontPx = fittedFontPx(ctx, source, null, width, height, unit);
  const { padding, baseline } = prepare(ctx, source, fontPx, width, height, unit);
  const text = sanitizeOverlayText(source.text, TICKER_MAX_GRAPHEMES);
  if (text !== '') {
    const textWidth = ctx.measureText(text).width;
    const period = textWidth + Math.max(width * 0.5, 2 * padding);
    const travelled = (Math.max(0, elapsedMs) / 1000) * source.speed * unit;
    const offset = Number.isFinite(travelled) ? travelled % period : 0;
    ctx.beginPath();
    ctx.rect(0, 0, width, height);
    ctx.clip();
    for (let x = padding - offset - period; x < width; x += period) {
      if (x + textWidth > 0) ctx.fillText(text, x, baseline);
    }
  }
  ctx.restore();
}
