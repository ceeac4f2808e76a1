import { formatPrice, type Product } from '../../../../contract/schemas/product.std';
import { countdownLabel } from './countdown.std';
import { fitFontSize, readableFloor } from './fitFont.std';
import { drawBagGlyph } from './glyphs.std';
import { ELLIPSIS, fitText, sanitizeOverlayText, wrapText } from './text.std';
import { centredBaseline, fillRoundRect, font, measureWith, type Ctx2D } from './types.std';

export interface ProductCardInput {
  product: Product;
  photo: ImageBitmap | null;
  width: number;
  height: number;
  /** The output's 720-line unit. The card scales with its own box; this sets how far its name may shrink. */
  unit: number;
  now: number;
  countdownEndsAt: number | null;
  flashSalePriceMinor: number | null;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CardLayout {
  /** Design pixels → card pixels: 1 for a 400 × 200 landscape or 300 × 400 portrait card. */
  scale: number;
  radius: number;
  photo: Box;
  text: Box;
}

const colors = {
  card: '#FFFFFF',
  name: '#161823',
  price: '#FE2C55',
  muted: '#8A8B91',
  lowStock: '#FF7A00',
  placeholder: '#F1F1F2',
  placeholderGlyph: '#C6C6CA',
  countdownBg: '#FFEEF2',
  endedBg: '#F1F1F2',
} as const;

/** Photo left and text right on a landscape card; photo on top of the text on a portrait one. */
export function cardLayout(width: number, height: number): CardLayout {
  if (height > width) {
    const scale = Math.min(width / 300, height / 400);
    const pad = 12 * scale;
    const photo = { x: pad, y: pad, width: width - 2 * pad, height: Math.min(width - 2 * pad, height * 0.52) };
    const top = photo.y + photo.height + 10 * scale;
    return { scale, radius: 16 * scale, photo, text: { x: pad + 4 * scale, y: top, width: width - 2 * pad - 8 * scale, height: height - pad - top } };
  }
  const scale = Math.min(height / 200, width / 400);
  const pad = 12 * scale;
  const side = Math.min(height - 2 * pad, width * 0.45);
  const photo = { x: pad, y: (height - side) / 2, width: side, height: side };
  const left = photo.x + side + 14 * scale;
  return { scale, radius: 16 * scale, photo, text: { x: left, y: pad + 4 * scale, width: width - left - 14 * scale, height: height - 2 * pad - 6 * scale } };
}

function drawPhoto(ctx: Ctx2D, photo: ImageBitmap | null, box: Box, radius: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, box.height, radius);
  ctx.clip();
  // A closed ImageBitmap reports 0 × 0 and would throw in drawImage.
  if (photo && photo.width > 0 && photo.height > 0) {
    const cover = Math.max(box.width / photo.width, box.height / photo.height);
    const sw = box.width / cover;
    const sh = box.height / cover;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(photo, (photo.width - sw) / 2, (photo.height - sh) / 2, sw, sh, box.x, box.y, box.width, box.height);
  } else {
    ctx.fillStyle = colors.placeholder;
    ctx.fillRect(box.x, box.y, box.width, box.height);
    drawBagGlyph(ctx, box.x + box.width / 2, box.y + box.height / 2, Math.min(box.width, box.height) * 0.38, colors.placeholderGlyph);
  }
  ctx.restore();
}

/** The price big, its currency sign smaller; the struck "was" price beside it when there is room. */
function drawPrices(ctx: Ctx2D, now: string, was: string | null, box: Box, s: number): void {
  const [, sign = '', digits = now] = /^(\D*?)(\d.*)$/u.exec(now) ?? [];
  const signRatio = 0.62;
  const wasPx = 15 * s;
  const gap = 8 * s;
  ctx.font = font(wasPx);
  const wasWidth = was === null ? 0 : ctx.measureText(was).width + gap;
  ctx.font = font(32 * s, 'bold');
  const fullWidth = ctx.measureText(digits).width + ctx.measureText(sign).width * signRatio;
  // Shrink the price to keep the "was" price beside it, but not below 70 %: then drop the "was".
  const withWas = Math.min(1, (box.width - wasWidth) / fullWidth);
  const showWas = was !== null && withWas >= 0.7;
  const fit = showWas ? withWas : Math.min(1, box.width / fullWidth);
  const pricePx = 32 * s * fit * 0.99;

  ctx.font = font(pricePx, 'bold');
  const baseline = centredBaseline(ctx, box.y + box.height / 2);
  ctx.fillStyle = colors.price;
  let x = box.x;
  if (sign !== '') {
    ctx.font = font(pricePx * signRatio, 'bold');
    ctx.fillText(sign, x, baseline);
    x += ctx.measureText(sign).width;
  }
  ctx.font = font(pricePx, 'bold');
  ctx.fillText(digits, x, baseline);
  x += ctx.measureText(digits).width + gap;
  if (!showWas || was === null) return;
  ctx.font = font(wasPx);
  ctx.fillStyle = colors.muted;
  const text = fitText(was, box.x + box.width - x, measureWith(ctx));
  ctx.fillText(text, x, baseline);
  const strikeY = baseline - ctx.measureText('x').actualBoundingBoxAscent * 0.55;
  ctx.fillRect(x, strikeY - 0.6 * s, ctx.measureText(text).width, Math.max(1, 1.2 * s));
}

function stockLabel(stock: number | null): { text: string; color: string; bold: boolean } | null {
  if (stock === null) return null;
  if (stock === 0) return { text: 'Sold out', color: colors.muted, bold: true };
  if (stock <= 5) return { text: `Only ${stock} left`, color: colors.lowStock, bold: true };
  return { text: `${stock} left`, color: colors.muted, bold: false };
}

type StockLabel = NonNullable<ReturnType<typeof stockLabel>>;

/** The bottom rows: stock and countdown side by side when they fit, else stacked. */
function metaRows(ctx: Ctx2D, stock: StockLabel | null, countdown: string | null, box: Box, s: number) {
  const measure = measureWith(ctx);
  const metaPx = 14 * s;
  const pillPx = 13 * s;
  const pillH = 24 * s;
  const pillPadX = 8 * s;
  const stockRowH = 18 * s;
  ctx.font = font(metaPx, stock?.bold ? 'bold' : 'normal');
  const stockWidth = stock ? measure(stock.text) : 0;
  ctx.font = font(pillPx, 'bold');
  // Sized as if every digit were a 0, so the pill does not twitch as the seconds tick.
  const pillWidth = countdown ? Math.min(box.width, measure(countdown.replace(/\d/g, '0')) + 2 * pillPadX) : 0;
  const sideBySide = !stock || !countdown || stockWidth + 10 * s + pillWidth <= box.width;
  const height = stock && countdown && !sideBySide ? pillH + 4 * s + stockRowH : stock || countdown ? pillH : 0;

  const draw = (bottom: number) => {
    if (stock) {
      const rowY = sideBySide ? bottom - pillH : bottom - height;
      const rowH = sideBySide ? pillH : stockRowH;
      ctx.font = font(metaPx, stock.bold ? 'bold' : 'normal');
      ctx.fillStyle = stock.color;
      ctx.fillText(fitText(stock.text, box.width, measure), box.x, centredBaseline(ctx, rowY + rowH / 2));
    }
    if (countdown) {
      const pillX = stock && sideBySide ? box.x + stockWidth + 10 * s : box.x;
      const ended = countdown === 'Ended';
      fillRoundRect(ctx, pillX, bottom - pillH, pillWidth, pillH, pillH / 2, ended ? colors.endedBg : colors.countdownBg);
      ctx.font = font(pillPx, 'bold');
      ctx.fillStyle = ended ? colors.muted : colors.price;
      ctx.fillText(fitText(countdown, pillWidth - 2 * pillPadX, measure), pillX + pillPadX, centredBaseline(ctx, bottom - pillH / 2));
    }
  };
  return { height, draw };
}

/** The "now explaining" card: photo, name, price, "was" price, stock and countdown. */
export function drawProductCard(ctx: Ctx2D, input: ProductCardInput): void {
  const { product, width, height } = input;
  const layout = cardLayout(width, height);
  const s = layout.scale;
  const box = layout.text;
  const measure = measureWith(ctx);
  ctx.save();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.direction = 'ltr';
  fillRoundRect(ctx, 0, 0, width, height, layout.radius, colors.card);
  drawPhoto(ctx, input.photo, layout.photo, layout.radius * 0.6);

  const priceMinor = input.flashSalePriceMinor ?? product.priceMinor;
  const wasMinor = input.flashSalePriceMinor !== null ? product.priceMinor : product.listPriceMinor;
  const was = wasMinor !== null && wasMinor > priceMinor ? formatPrice(wasMinor, product.currency) : null;
  const countdown = input.countdownEndsAt === null ? null : countdownLabel(input.countdownEndsAt, input.now);

  const meta = metaRows(ctx, stockLabel(product.stock), countdown, box, s);

  // The name hangs from the top; the price sits on the stock and countdown rows at the bottom.
  const bottom = box.y + box.height;
  const nameLh = 23 * s;
  const priceH = 38 * s;
  const gap = 6 * s;
  const priceY = bottom - meta.height - (meta.height > 0 ? gap : 0) - priceH;
  const maxNameLines = box.y + 2 * nameLh + gap <= priceY ? 2 : 1;

  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.width, box.height);
  ctx.clip();

  // A long name shrinks to fit its lines before its end is cut.
  const name = sanitizeOverlayText(product.name);
  const wrapped = (px: number) => {
    ctx.font = font(px, 'bold');
    return wrapText(name, box.width, maxNameLines, measure);
  };
  const cut = (lines: readonly string[]) => !name.endsWith(ELLIPSIS) && (lines.at(-1)?.endsWith(ELLIPSIS) ?? false);
  const namePx = fitFontSize(18 * s, readableFloor(18 * s, input.unit), (px) => !cut(wrapped(px)));
  const nameLines = wrapped(namePx);
  ctx.fillStyle = colors.name;
  for (const [index, line] of nameLines.entries()) ctx.fillText(line, box.x, centredBaseline(ctx, box.y + (index + 0.5) * nameLh));
  drawPrices(ctx, formatPrice(priceMinor, product.currency), was, { x: box.x, y: priceY, width: box.width, height: priceH }, s);

  meta.draw(bottom);
  ctx.restore();
  ctx.restore();
}
