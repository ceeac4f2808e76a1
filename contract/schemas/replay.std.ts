import { z } from 'zod';

// The replay library (issue 7): the shows recorded on this machine (`<data>/recordings/<showId>/`),
// their chapters (one per promotion) and the clips cut from them. Times in a show are milliseconds
// from the moment it went live (the timeline's `live` line), where its recording starts.
// The shapes match main/replay/showTimeline.std.ts and main/replay/showLibrary.node.ts.

export const showIdSchema = z
  .string()
  .min(1)
  .max(200)
  // A folder directly under the recordings folder, never a path: no separators, not `.` or `..`.
  .regex(/^(?!\.{1,2}$)[^/\\\0]+$/, 'That is not a show of this library.');

export const replayChapterSchema = z.strictObject({
  productId: z.string(),
  productName: z.string(),
  startMs: z.number().nonnegative(),
  /** null: it lasted until the end of the show, whose length is not known (yet). */
  endMs: z.number().nonnegative().nullable(),
});
export type ReplayChapterData = z.infer<typeof replayChapterSchema>;

export const moneySchema = z.strictObject({ currency: z.string(), amountMinor: z.number().int() });

/**
 * `recording`: live now (or its recording still being joined). `needs-repair`: a crash or a power
 * cut interrupted it before its segments were joined into show.mp4. `repairing`: being joined now.
 * `broken`: nothing playable; `reason` says why (segments are kept).
 */
export const showStateSchema = z.enum(['ready', 'recording', 'needs-repair', 'repairing', 'broken']);
export type ShowState = z.infer<typeof showStateSchema>;

export const showSummarySchema = z.strictObject({
  id: showIdSchema,
  title: z.string(),
  /** Epoch ms; null when neither the folder's name nor its timeline says. */
  startedAt: z.number().nullable(),
  /** Of show.mp4, or of the segments before a repair; null when not known. */
  durationSec: z.number().nonnegative().nullable(),
  /** Every file in the show's folder, clips included. */
  sizeBytes: z.number().int().nonnegative(),
  /** Orders still standing (cancelled ones are not counted), their units and money per currency. */
  orders: z.number().int().nonnegative(),
  units: z.number().int().nonnegative(),
  gmv: z.array(moneySchema),
  productsPromoted: z.array(z.strictObject({ productId: z.string(), productName: z.string() })),
  chapters: z.array(replayChapterSchema),
  /** Clips cut so far, in `<show>/clips/`. */
  clips: z.number().int().nonnegative(),
  state: showStateSchema,
  /** Plain words for the merchant when the state is not `ready`. */
  reason: z.string().nullable(),
});
export type ShowSummary = z.infer<typeof showSummarySchema>;

export const showTitleSchema = z
  .string()
  .trim()
  .min(1, 'A show needs a title.')
  .max(120, 'The title is too long (at most 120 characters).')
  .regex(/^[^\p{Cc}]*$/u, 'A title is one line of text.');

export const renameShowRequestSchema = z.strictObject({ showId: showIdSchema, title: showTitleSchema });

export const clipModeSchema = z.enum(['keyframe', 'exact']);

export const cutClipsRequestSchema = z.strictObject({
  showId: showIdSchema,
  /** keyframe: copied, starting at the keyframe at or before the chapter (within 2 s), fast. exact: re-encoded. */
  mode: clipModeSchema.default('keyframe'),
});
export type CutClipsRequest = z.infer<typeof cutClipsRequestSchema>;

export const replayClipSchema = z.strictObject({
  chapter: replayChapterSchema,
  /** File names inside `<show>/clips/`. */
  file: z.string(),
  thumbnail: z.string().nullable(),
});
export type ReplayClipData = z.infer<typeof replayClipSchema>;

export const clipJobProgressSchema = z.strictObject({
  showId: showIdSchema,
  /** The clip being cut, from 0, of `clipCount`. */
  clipIndex: z.number().int().nonnegative(),
  clipCount: z.number().int().nonnegative(),
  productName: z.string(),
  /** The whole job, 0 to 1. */
  fraction: z.number().min(0).max(1),
  done: z.boolean(),
});
export type ClipJobProgress = z.infer<typeof clipJobProgressSchema>;
