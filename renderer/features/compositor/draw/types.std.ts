export type Ctx2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/**
 * CJK first: its Latin is fine and it is the only face here with Chinese; DejaVu is what a bare
 * Debian/CI machine has. Colour emoji come from the system's fallback, not from this list.
 */
export const FONT_STACK = '"Noto Sans CJK SC", "Noto Sans", "DejaVu Sans", system-ui, sans-serif';

export const measureWith = (ctx: Ctx2D) => (s: string) => ctx.measureText(s).width;

export const font = (sizePx: number, weight: 'normal' | 'bold' = 'normal') =>
  `${weight === 'bold' ? 'bold ' : ''}${Math.max(1, sizePx).toFixed(2)}px ${FONT_STACK}`;

export function fillRoundRect(ctx: Ctx2D, x: number, y: number, width: number, height: number, radius: number, fill: string | CanvasGradient): void {
  if (width <= 0 || height <= 0) return;
  ctx.beginPath();
  ctx.roundRect(x, y, width, height, Math.max(0, Math.min(radius, width / 2, height / 2)));
  ctx.fillStyle = fill;
  ctx.fill();
}

/**
 * Where to put an alphabetic baseline so that text in the current font looks centred on
 * centerY: capitals centred, which also centres ideographs to within a pixel or two.
 */
export function centredBaseline(ctx: Ctx2D, centerY: number): number {
  return centerY + ctx.measureText('H').actualBoundingBoxAscent / 2;
}
