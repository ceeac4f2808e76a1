// A show's chapters, read back from its timeline.jsonl (main/panel/showTimeline.node.ts): one per
// promotion, from the moment it started to the next promotion, its end, or the end of the show.
// Times are seconds into the recording, counted from the timeline's `live` line. The file may end
// in a torn line (the core killed mid-append): that line is skipped, as is any line it cannot read.

export interface Chapter {
  productId: string;
  productName: string;
  startSec: number;
  /** null: it lasted until the end of the show. */
  endSec: number | null;
}

interface Line {
  kind?: unknown;
  at?: unknown;
  product?: { id?: unknown; name?: unknown } | null;
}

function parseLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      const line = JSON.parse(raw) as unknown;
      if (typeof line === 'object' && line !== null) lines.push(line as Line);
    } catch {
      // A torn last line, or a line written by something else: not a chapter.
    }
  }
  return lines;
}

export function chaptersOf(timelineText: string): Chapter[] {
  const lines = parseLines(timelineText);
  const live = lines.find((line) => line.kind === 'live' && typeof line.at === 'number');
  if (!live) return [];
  const liveAt = live.at as number;
  const chapters: Chapter[] = [];
  const close = (at: number) => {
    const open = chapters.at(-1);
    if (open && open.endSec === null) open.endSec = Math.max(open.startSec, (at - liveAt) / 1000);
  };
  for (const line of lines) {
    if (line.kind !== 'promotion' || typeof line.at !== 'number') continue;
    close(line.at);
    const product = line.product;
    if (product && typeof product.id === 'string') {
      chapters.push({ productId: product.id, productName: typeof product.name === 'string' ? product.name : product.id, startSec: Math.max(0, (line.at - liveAt) / 1000), endSec: null });
    }
  }
  // A promotion that ended before it had a moment on screen is no clip.
  return chapters.filter((chapter) => chapter.endSec === null || chapter.endSec > chapter.startSec);
}
