import type { Rect } from '../../../contract/schemas/scene.std';

// The geometry of arranging sources on the program: moving, resizing, snapping and nudging rects
// that are fractions of the output. Pure, so every case is a unit test rather than a drag.

export type Handle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';
export const handles: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** About 1 % of the output: close enough to mean "line it up", far enough not to fight the hand. */
export const SNAP_THRESHOLD = 0.01;
/** The smallest a source can be made by dragging, per axis. */
export const MIN_SIZE = 0.02;
/** How much of a source must stay on the output when it is dragged off an edge. */
const KEEP_VISIBLE = 0.02;

export interface SnapLines {
  x: readonly number[];
  y: readonly number[];
}

/** A line a rect snapped to, to draw as a guide while dragging. */
export interface Guide {
  axis: 'x' | 'y';
  at: number;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function roundRect(rect: Rect): Rect {
  return { x: round(rect.x), y: round(rect.y), width: round(rect.width), height: round(rect.height) };
}

/** The output's edges and centre lines, and each other source's edges and centre. */
export function snapLines(others: readonly Rect[]): SnapLines {
  const x = [0, 0.5, 1];
  const y = [0, 0.5, 1];
  for (const rect of others) {
    x.push(rect.x, rect.x + rect.width / 2, rect.x + rect.width);
    y.push(rect.y, rect.y + rect.height / 2, rect.y + rect.height);
  }
  return { x, y };
}

/** The nearest line within the threshold of any of the candidates: how far to shift, and to where. */
function nearest(candidates: readonly number[], lines: readonly number[], threshold: number): { shift: number; at: number } | null {
  let best: { shift: number; at: number } | null = null;
  for (const candidate of candidates) {
    for (const line of lines) {
      const shift = line - candidate;
      if (Math.abs(shift) <= threshold && (best === null || Math.abs(shift) < Math.abs(best.shift))) best = { shift, at: line };
    }
  }
  return best;
}

/** Keeps a moved rect inside the contract's bounds with a sliver of it on the output. */
export function clampPosition(rect: Rect): Rect {
  const x = clamp(rect.x, Math.max(-1, KEEP_VISIBLE - rect.width), Math.min(2, 1 - KEEP_VISIBLE));
  const y = clamp(rect.y, Math.max(-1, KEEP_VISIBLE - rect.height), Math.min(2, 1 - KEEP_VISIBLE));
  return { ...rect, x, y };
}

/** A rect moved by (dx, dy), its left, centre or right (top, centre, bottom) snapped to the nearest line. */
export function moveRect(start: Rect, dx: number, dy: number, lines: SnapLines | null, threshold = SNAP_THRESHOLD): { rect: Rect; guides: Guide[] } {
  const moved = { ...start, x: start.x + dx, y: start.y + dy };
  const guides: Guide[] = [];
  if (lines) {
    const snapX = nearest([moved.x, moved.x + moved.width / 2, moved.x + moved.width], lines.x, threshold);
    if (snapX) {
      moved.x += snapX.shift;
      guides.push({ axis: 'x', at: snapX.at });
    }
    const snapY = nearest([moved.y, moved.y + moved.height / 2, moved.y + moved.height], lines.y, threshold);
    if (snapY) {
      moved.y += snapY.shift;
      guides.push({ axis: 'y', at: snapY.at });
    }
  }
  const rect = roundRect(clampPosition(moved));
  // A clamp can undo a snap; only lines the rect really touches are drawn.
  return { rect, guides: guides.filter((guide) => touches(rect, guide)) };
}

function touches(rect: Rect, guide: Guide): boolean {
  const [start, size] = guide.axis === 'x' ? [rect.x, rect.width] : [rect.y, rect.height];
  return [start, start + size / 2, start + size].some((value) => Math.abs(value - guide.at) < 1e-6);
}

interface Edges {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const toEdges = (rect: Rect): Edges => ({ left: rect.x, right: rect.x + rect.width, top: rect.y, bottom: rect.y + rect.height });
const toRect = (edges: Edges): Rect => ({ x: edges.left, y: edges.top, width: edges.right - edges.left, height: edges.bottom - edges.top });

export interface ResizeOptions {
  /** Shift: keep the start's width to height ratio (in output pixels as well, since both scale alike). */
  keepAspect?: boolean;
  /** Lines to snap the moving edges to; null: no snapping (Alt, or keyboard). */
  lines?: SnapLines | null;
  threshold?: number;
}

/**
 * A rect resized by dragging one handle by (dx, dy): the opposite edge or corner stays put, edges
 * never cross (MIN_SIZE), and edges stay within the contract's −1…2.
 */
export function resizeRect(start: Rect, handle: Handle, dx: number, dy: number, options: ResizeOptions = {}): { rect: Rect; guides: Guide[] } {
  const threshold = options.threshold ?? SNAP_THRESHOLD;
  const lines = options.lines ?? null;
  const moves = { left: handle.includes('w'), right: handle.includes('e'), top: handle.includes('n'), bottom: handle.includes('s') };
  const edges = toEdges(start);
  if (moves.left) edges.left = clamp(edges.left + dx, -1, edges.right - MIN_SIZE);
  if (moves.right) edges.right = clamp(edges.right + dx, edges.left + MIN_SIZE, 2);
  if (moves.top) edges.top = clamp(edges.top + dy, -1, edges.bottom - MIN_SIZE);
  if (moves.bottom) edges.bottom = clamp(edges.bottom + dy, edges.top + MIN_SIZE, 2);

  const guides: Guide[] = [];
  const snapEdge = (edge: keyof Edges, axis: 'x' | 'y'): boolean => {
    if (!lines) return false;
    const hit = nearest([edges[edge]], axis === 'x' ? lines.x : lines.y, threshold);
    if (!hit) return false;
    const next = edges[edge] + hit.shift;
    // A snap that would squash the rect below its minimum is not taken.
    const ok =
      edge === 'left' ? next <= edges.right - MIN_SIZE : edge === 'right' ? next >= edges.left + MIN_SIZE : edge === 'top' ? next <= edges.bottom - MIN_SIZE : next >= edges.top + MIN_SIZE;
    if (!ok) return false;
    edges[edge] = next;
    guides.push({ axis, at: hit.at });
    return true;
  };

  if (!options.keepAspect) {
    if (moves.left) snapEdge('left', 'x');
    if (moves.right) snapEdge('right', 'x');
    if (moves.top) snapEdge('top', 'y');
    if (moves.bottom) snapEdge('bottom', 'y');
    const rect = roundRect(toRect(edges));
    return withinBounds(rect) ? { rect, guides } : { rect: start, guides: [] };
  }
  return keepAspect(start, edges, moves, snapEdge, guides);
}

function keepAspect(
  start: Rect,
  edges: Edges,
  moves: { left: boolean; right: boolean; top: boolean; bottom: boolean },
  snapEdge: (edge: keyof Edges, axis: 'x' | 'y') => boolean,
  guides: Guide[],
): { rect: Rect; guides: Guide[] } {
  const aspect = start.width / start.height;
  const horizontal = moves.left || moves.right;
  const vertical = moves.top || moves.bottom;
  const fixed = toEdges(start);
  const centreX = start.x + start.width / 2;
  const centreY = start.y + start.height / 2;

  // Lays the rect out from its width (or its height), anchored at the opposite edge or corner;
  // an edge handle grows the other dimension about the centre.
  const layout = (widthLeads: boolean) => {
    const width = Math.max(widthLeads ? edges.right - edges.left : (edges.bottom - edges.top) * aspect, MIN_SIZE, MIN_SIZE * aspect);
    const height = width / aspect;
    edges.left = moves.left ? fixed.right - width : moves.right ? fixed.left : centreX - width / 2;
    edges.right = edges.left + width;
    edges.top = moves.top ? fixed.bottom - height : moves.bottom ? fixed.top : centreY - height / 2;
    edges.bottom = edges.top + height;
  };
  const snapLeading = (widthLeads: boolean) =>
    widthLeads ? (moves.left && snapEdge('left', 'x')) || (moves.right && snapEdge('right', 'x')) : (moves.top && snapEdge('top', 'y')) || (moves.bottom && snapEdge('bottom', 'y'));

  // For a corner, the dimension the pointer changed more leads.
  const widthLeads = horizontal && (!vertical || (edges.right - edges.left) / start.width >= (edges.bottom - edges.top) / start.height);
  layout(widthLeads);
  // Snap the leading edge if it is near a line, else the other one; then lay out from the snapped edge.
  if (snapLeading(widthLeads)) layout(widthLeads);
  else if (snapLeading(!widthLeads)) layout(!widthLeads);

  const rect = roundRect(toRect(edges));
  if (!withinBounds(rect)) return { rect: start, guides: [] };
  return { rect, guides: guides.filter((guide) => touches(rect, guide)) };
}

/** The contract's bounds for a rect (see rectSchema). */
export function withinBounds(rect: Rect): boolean {
  return rect.x >= -1 && rect.x <= 2 && rect.y >= -1 && rect.y <= 2 && rect.width > 0 && rect.width <= 3 && rect.height > 0 && rect.height <= 3;
}

export const NUDGE = 0.01;
export const NUDGE_LARGE = 0.05;

/** Arrow keys move by 1 % of the output (Shift: 5 %). Returns null for other keys. */
export function nudgeRect(rect: Rect, key: string, large: boolean): Rect | null {
  const step = large ? NUDGE_LARGE : NUDGE;
  const delta: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  const move = delta[key];
  if (!move) return null;
  return roundRect(clampPosition({ ...rect, x: rect.x + move[0], y: rect.y + move[1] }));
}

/** The topmost of the rects (drawn last) that holds the point; rects are listed bottom to top. */
export function topmostAt<T extends { rect: Rect }>(items: readonly T[], x: number, y: number): T | undefined {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index];
    if (item && x >= item.rect.x && x <= item.rect.x + item.rect.width && y >= item.rect.y && y <= item.rect.y + item.rect.height) return item;
  }
  return undefined;
}
