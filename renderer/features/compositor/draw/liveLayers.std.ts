import { formatPrice, type Currency } from '../../../../contract/schemas/product.std';
import { countdownLabel } from './countdown.std';
import { drawBagGlyph, drawBoltGlyph, drawPinGlyph } from './glyphs.std';
import { fitText, sanitizeOverlayText, wrapText } from './text.std';
import { centredBaseline, fillRoundRect, font, measureWith, type Ctx2D } from './types.std';

// Live layers keep their design size (× unit) while their box allows it and shrink as a whole
// when it does not: a 9:16 output has a large unit but narrow, short boxes.

function begin(ctx: Ctx2D): void {
  ctx.save();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.direction = 'ltr';
}

/**
 * A viewer's comment the host pinned: pin and author, then the comment in up to two lines, in a
 * box as small as its content that sits in the bottom-left corner of the layer.
 */
export function drawPinnedComment(ctx: Ctx2D, comment: { author: string; text: string }, width: number, height: number, unit: number): void {
  const k = Math.min(unit, height / 92);
  const pad = 11 * k;
  const lineH = 23 * k;
  const pinSize = 17 * k;
  const authorX = pad + pinSize + 6 * k;
  const measure = measureWith(ctx);
  begin(ctx);

  const maxLines = Math.max(0, Math.min(2, Math.floor((height - 2 * pad) / lineH) - 1));
  ctx.font = font(17 * k);
  const lines = wrapText(sanitizeOverlayText(comment.text), width - 2 * pad, maxLines, measure);
  const linesWidth = Math.max(0, ...lines.map(measure));
  ctx.font = font(16 * k, 'bold');
  const author = fitText(sanitizeOverlayText(comment.author), width - pad - authorX, measure);
  const boxWidth = Math.min(width, Math.max(authorX + measure(author), pad + linesWidth) + pad);
  const boxHeight = Math.min(height, (1 + lines.length) * lineH + 2 * pad);
  const top = height - boxHeight;
  fillRoundRect(ctx, 0, top, boxWidth, boxHeight, 12 * k, 'rgba(0, 0, 0, 0.6)');

  let y = top + pad;
  drawPinGlyph(ctx, pad + pinSize / 2, y + lineH / 2, pinSize, '#FE2C55');
  ctx.fillStyle = '#FFD98A';
  ctx.fillText(author, authorX, centredBaseline(ctx, y + lineH / 2));
  ctx.font = font(17 * k);
  ctx.fillStyle = '#FFFFFF';
  for (const line of lines) {
    y += lineH;
    ctx.fillText(line, pad, centredBaseline(ctx, y + lineH / 2));
  }
  ctx.restore();
}

/** "Li*** bought 2": a pill as wide as its text (at most the box), with a bag in a circle. */
export function drawPurchaseToast(ctx: Ctx2D, toast: { text: string }, width: number, height: number, unit: number): void {
  const k = Math.min(unit, height / 36);
  const inset = 4 * k;
  const icon = height - 2 * inset;
  const textX = inset + icon + 8 * k;
  const padRight = 14 * k;
  const measure = measureWith(ctx);
  begin(ctx);
  ctx.font = font(15 * k, 'bold');
  const text = fitText(sanitizeOverlayText(toast.text), width - textX - padRight, measure);
  const pillWidth = Math.min(width, textX + measure(text) + padRight);

  const gradient = ctx.createLinearGradient(0, 0, pillWidth, 0);
  gradient.addColorStop(0, 'rgba(255, 122, 0, 0.95)');
  gradient.addColorStop(1, 'rgba(254, 44, 85, 0.95)');
  fillRoundRect(ctx, 0, 0, pillWidth, height, height / 2, gradient);
  ctx.beginPath();
  ctx.arc(inset + icon / 2, height / 2, icon / 2, 0, 2 * Math.PI);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.25)';
  ctx.fill();
  drawBagGlyph(ctx, inset + icon / 2, height / 2, icon * 0.56, '#FFFFFF');

  ctx.fillStyle = '#FFFFFF';
  ctx.fillText(text, textX, centredBaseline(ctx, height / 2));
  ctx.restore();
}

export interface FlashSaleBadgeInput {
  priceMinor: number;
  currency: Currency;
  endsAt: number;
  now: number;
  width: number;
  height: number;
  unit: number;
}

interface Run {
  text: string;
  scale: number;
  color: string;
  /** Measured with digits as zeros, so the badge does not twitch as the countdown ticks. */
  steady?: boolean;
}

/** "⚡ FLASH SALE ¥59.00 · 04:59" on a red badge as wide as its content (at most the box). */
export function drawFlashSaleBadge(ctx: Ctx2D, input: FlashSaleBadgeInput): void {
  const { width, height } = input;
  const k = Math.min(input.unit, height / 36);
  const pad = 12 * k;
  const gap = 6 * k;
  const label: Run = { text: 'FLASH SALE', scale: 0.8, color: '#FFFFFF' };
  const price: Run = { text: formatPrice(input.priceMinor, input.currency), scale: 1.15, color: '#FFE45C' };
  const time: Run = { text: `· ${countdownLabel(input.endsAt, input.now).replace('Ends in ', '')}`, scale: 1, color: '#FFFFFF', steady: true };
  begin(ctx);

  const basePx = 16 * k;
  const runWidth = (run: Run, px: number) => {
    ctx.font = font(px * run.scale, 'bold');
    return ctx.measureText(run.steady ? run.text.replace(/\d/g, '0') : run.text).width;
  };
  const contentWidth = (runs: readonly Run[], px: number) => px + runs.reduce((sum, run) => sum + gap + runWidth(run, px), 0);
  // The price and the time matter most: shrink everything a little, then drop the label.
  let runs = [label, price, time];
  let fontPx = basePx * Math.min(1, (width - 2 * pad) / contentWidth(runs, basePx));
  if (fontPx < basePx * 0.75) {
    runs = [price, time];
    fontPx = basePx * Math.min(1, (width - 2 * pad) / contentWidth(runs, basePx));
  }
  fontPx *= 0.99;
  const badgeWidth = Math.min(width, contentWidth(runs, fontPx) + 2 * pad);

  const gradient = ctx.createLinearGradient(0, 0, badgeWidth, 0);
  gradient.addColorStop(0, '#FE2C55');
  gradient.addColorStop(1, '#FF5C2B');
  fillRoundRect(ctx, 0, 0, badgeWidth, height, Math.min(10 * k, height / 3), gradient);
  ctx.beginPath();
  ctx.rect(0, 0, badgeWidth, height);
  ctx.clip();

  drawBoltGlyph(ctx, pad + fontPx / 2, height / 2, fontPx * 1.1, '#FFE45C');
  ctx.font = font(fontPx * price.scale, 'bold');
  const baseline = centredBaseline(ctx, height / 2);
  let x = pad + fontPx;
  for (const run of runs) {
    x += gap;
    ctx.font = font(fontPx * run.scale, 'bold');
    ctx.fillStyle = run.color;
    ctx.fillText(run.text, x, baseline);
    x += runWidth(run, fontPx);
  }
  ctx.restore();
}
