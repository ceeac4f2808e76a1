import { z } from 'zod';

export const preflightCheckSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  /** Ready, but worth a look (the upload only just fits): shown with a warning sign, not blocking. */
  warning: z.boolean().optional(),
  /** The row, as a shopkeeper says it: "Camera ready", "Douyin: ready", "Douyin refused the stream key". */
  message: z.string(),
  /** What to do about it, when there is something to do, in plain words. */
  fix: z.string().optional(),
  /**
   * With `ok: false`: the show cannot start at all until this is fixed (no encoder, no picture,
   * nowhere to send it). Other failures (a destination down, a blocked camera, a slow picture)
   * leave the merchant the choice to start anyway.
   */
  blocking: z.boolean().optional(),
  /** For whoever helps them (encoder names, versions, paths, FFmpeg's own words): behind "Details". */
  details: z.string().optional(),
});
export type PreflightCheck = z.infer<typeof preflightCheckSchema>;

export const preflightReportSchema = z.object({
  ready: z.boolean(),
  checks: z.array(preflightCheckSchema),
});
export type PreflightReport = z.infer<typeof preflightReportSchema>;
