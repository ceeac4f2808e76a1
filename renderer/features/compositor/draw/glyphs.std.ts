import type { Ctx2D } from './types.std';

// Icons are drawn with paths, not emoji: emoji faces differ between machines (and a bare Linux
// box has none), and a path stays crisp at every output size.

/** A shopping bag filling a size × size square centred on (cx, cy). */
export function drawBagGlyph(ctx: Ctx2D, cx: number, cy: number, size: number, color: string): void {
  ctx.save();
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.beginPath();
  ctx.roundRect(cx - 0.38 * size, cy - 0.16 * size, 0.76 * size, 0.62 * size, 0.1 * size);
  ctx.fill();
  ctx.beginPath();
  ctx.lineWidth = 0.08 * size;
  ctx.lineCap = 'round';
  ctx.arc(cx, cy - 0.16 * size, 0.2 * size, Math.PI, 2 * Math.PI);
  ctx.stroke();
  ctx.restore();
}

/** A push pin, tilted like 📌, in a size × size square centred on (cx, cy). */
export function drawPinGlyph(ctx: Ctx2D, cx: number, cy: number, size: number, color: string): void {
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate(Math.PI / 4);
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.beginPath();
  ctx.roundRect(-0.22 * size, -0.48 * size, 0.44 * size, 0.12 * size, 0.04 * size);
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(-0.13 * size, -0.38 * size);
  ctx.lineTo(0.13 * size, -0.38 * size);
  ctx.lineTo(0.13 * size, -0.1 * size);
  ctx.lineTo(0.28 * size, 0.06 * size);
  ctx.lineTo(-0.28 * size, 0.06 * size);
  ctx.lineTo(-0.13 * size, -0.1 * size);
  ctx.closePath();
  ctx.fill();
  ctx.beginPath();
  ctx.lineWidth = 0.07 * size;
  ctx.lineCap = 'round';
  ctx.moveTo(0, 0.06 * size);
  ctx.lineTo(0, 0.48 * size);
  ctx.stroke();
  ctx.restore();
}

/** A lightning bolt in a size × size square centred on (cx, cy). */
export function drawBoltGlyph(ctx: Ctx2D, cx: number, cy: number, size: number, color: string): void {
  const points: readonly (readonly [number, number])[] = [
    [0.62, 0],
    [0.18, 0.56],
    [0.46, 0.56],
    [0.36, 1],
    [0.82, 0.42],
    [0.54, 0.42],
    [0.66, 0],
  ];
  ctx.save();
  ctx.fillStyle = color;
  ctx.beginPath();
  for (const [index, [x, y]] of points.entries()) {
    const px = cx + (x - 0.5) * size;
    const py = cy + (y - 0.5) * size;
    if (index === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}
