import { z } from 'zod';

// The replay library (issue 7): the shows recorded on this machine (`<data>/recordings/<showId>/`),
// their chapters (one per promotion) and the clips cut from them. Times in a show are milliseconds
// from the moment it went live (the timeline's `live` line), where its recording starts.
// The shapes match main/ffmpeg/showTimeline.std.ts and main/replay/showLibrary.node.ts.

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

// ── The library's player and exports (what crosses to the renderer) ──

/** The replay's conversation, on the show's clock: viewers' texts are hostile, shown only as text. */
export const replayCommentSchema = z.strictObject({ atMs: z.number().nonnegative(), id: z.string(), name: z.string(), text: z.string() });
export type ReplayComment = z.infer<typeof replayCommentSchema>;

export const replayOrderSchema = z.strictObject({
  atMs: z.number().nonnegative(),
  id: z.string(),
  buyerName: z.string(),
  productName: z.string(),
  quantity: z.number().int(),
  amountMinor: z.number().int(),
  currency: z.string(),
  /** The order's last status in the show (`cancelled` ones are listed, struck through). */
  status: z.string(),
});
export type ReplayOrder = z.infer<typeof replayOrderSchema>;

/** The marks on the player's timeline: each promotion, each pin, each burst of orders. */
export const replayMarkSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('promotion'), atMs: z.number().nonnegative(), endMs: z.number().nonnegative().nullable(), productId: z.string(), productName: z.string() }),
  z.strictObject({ kind: z.literal('pin'), atMs: z.number().nonnegative(), name: z.string(), text: z.string() }),
  /** At least ORDER_SPIKE_MIN orders within ORDER_SPIKE_WINDOW_MS, marked where the burst starts. */
  z.strictObject({ kind: z.literal('orders'), atMs: z.number().nonnegative(), orders: z.number().int().positive() }),
]);
export type ReplayMark = z.infer<typeof replayMarkSchema>;

/** A file of the show, as the player and the export list name it: a path inside its folder (`clips/Silk scarf.mp4`). */
export const showFileSchema = z
  .string()
  .min(1)
  .max(300)
  .regex(/^(?:[^/\\\0.][^/\\\0]*\/)?[^/\\\0.][^/\\\0]*$/, 'That is not a file of this show.');

export const showDetailSchema = z.strictObject({
  show: showSummarySchema,
  /** `show.mp4` once it is joined; null while recording or before a repair. */
  video: showFileSchema.nullable(),
  marks: z.array(replayMarkSchema),
  comments: z.array(replayCommentSchema),
  orders: z.array(replayOrderSchema),
  /** Clips cut so far, one per chapter, with their picture. */
  clips: z.array(z.strictObject({ chapter: replayChapterSchema, file: showFileSchema, thumbnail: showFileSchema.nullable() })),
  /** Exports made so far: vertical clips and the whole show (`exports/…`). */
  exports: z.array(z.strictObject({ file: showFileSchema, sizeBytes: z.number().int().nonnegative() })),
});
export type ShowDetail = z.infer<typeof showDetailSchema>;

export const verticalLayoutSchema = z.enum(['crop', 'letterbox']);
export type VerticalLayout = z.infer<typeof verticalLayoutSchema>;

export const startExportSchema = z.discriminatedUnion('kind', [
  /** Every chapter into its clip in `clips/`. */
  z.strictObject({ kind: z.literal('clips'), showId: showIdSchema, mode: clipModeSchema.default('keyframe') }),
  /** One clip as 9:16 (1080×1920) in `exports/`: cropped to the middle, or letterboxed whole. */
  z.strictObject({ kind: z.literal('vertical'), showId: showIdSchema, clip: showFileSchema, layout: verticalLayoutSchema }),
  /** The whole show as one fast-start MP4 with a chapter per promotion, in `exports/`. */
  z.strictObject({ kind: z.literal('show'), showId: showIdSchema }),
]);
export type StartExport = z.input<typeof startExportSchema>;
/** As the core receives it: the defaults filled in. */
export type ExportRequest = z.output<typeof startExportSchema>;

export const exportJobSchema = z.strictObject({
  id: z.string(),
  showId: showIdSchema,
  kind: z.enum(['clips', 'vertical', 'show']),
  /** What it makes, in words: "3 clips of Show of 25 Nov", "Silk scarf, 9:16 (crop)". */
  label: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** 0 to 1. */
  fraction: z.number().min(0).max(1),
  /** What it is doing now, or why it failed, in plain words. */
  detail: z.string().nullable(),
  /** The files it made, inside the show's folder. */
  outputs: z.array(showFileSchema),
  startedAt: z.number(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

export const showRequestSchema = z.strictObject({ showId: showIdSchema });
