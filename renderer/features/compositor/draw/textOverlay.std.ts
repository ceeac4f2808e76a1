import type { SourceOf } from '../../../../contract/schemas/scene.std';
import { fitText, sanitizeOverlayText } from './text.std';
import { centredBaseline, fillRoundRect, font, measureWith, type Ctx2D } from './types.std';

/** A ticker may say up to 1,000 characters (the schema's limit); it scrolls, so none are cut. */
const TICKER_MAX_GRAPHEMES = 1000;

function prepare(ctx: Ctx2D, source: SourceOf<'text'> | SourceOf<'ticker'>, width: number, height: number, unit: number) {
  const fontPx = source.fontSize * unit;
  const padding = Math.max(4 * unit, fontPx * 0.45);
  if (source.background !== null) fillRoundRect(ctx, 0, 0, width, height, Math.min(8 * unit, height / 4), source.background);
  ctx.font = font(fontPx, source.bold ? 'bold' : 'normal');
  ctx.fillStyle = source.color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  // An OffscreenCanvas in a worker has no document to inherit a direction from.
  ctx.direction = 'ltr';
  return { padding, baseline: centredBaseline(ctx, height / 2) };
}

/** A scene's text: one line, centred vertically, cut with '…' to the box. */
export function drawTextSource(ctx: Ctx2D, source: SourceOf<'text'>, width: number, height: number, unit: number): void {
  ctx.save();
  const { padding, baseline } = prepare(ctx, source, width, height, unit);
  const text = fitText(sanitizeOverlayText(source.text), width - 2 * padding, measureWith(ctx));
  if (text !== '') ctx.fillText(text, padding, baseline);
  ctx.restore();
}

/**
 * A scene's ticker: the text runs right to left at `speed` and comes round again after a gap of
 * half the box. Its place is a function of elapsedMs alone, so every frame agrees with the clock.
 */
export function drawTickerSource(ctx: Ctx2D, source: SourceOf<'ticker'>, width: number, height: number, unit: number, elapsedMs: number): void {
  ctx.save();
  const { padding, baseline } = prepare(ctx, source, width, height, unit);
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
