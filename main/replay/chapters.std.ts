import { readShowTimeline } from './showTimeline.std';

// A show's chapters in seconds, as the replay benchmark (main/bench/replay.bench.node.ts) times
// them. One reading of the timeline for all: `readShowTimeline` (showTimeline.std.ts), in ms.

export interface Chapter {
  productId: string;
  productName: string;
  startSec: number;
  /** null: it lasted until the end of the show. */
  endSec: number | null;
}

export function chaptersOf(timelineText: string): Chapter[] {
  return readShowTimeline(timelineText).chapters.map((chapter) => ({
    productId: chapter.productId,
    productName: chapter.productName,
    startSec: chapter.startMs / 1000,
    endSec: chapter.endMs === null ? null : chapter.endMs / 1000,
  }));
}
