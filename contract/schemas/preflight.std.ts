import { z } from 'zod';

export const preflightCheckSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  /** Ready, but worth a look (the upload only just fits): shown with a warning sign, not blocking. */
  warning: z.boolean().optional(),
  /** Plain words for the merchant: what was found, or what is wrong and how to fix it. */
  message: z.string(),
});
export type PreflightCheck = z.infer<typeof preflightCheckSchema>;

export const preflightReportSchema = z.object({
  ready: z.boolean(),
  checks: z.array(preflightCheckSchema),
});
export type PreflightReport = z.infer<typeof preflightReportSchema>;
