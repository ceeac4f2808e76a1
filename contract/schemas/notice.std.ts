import { z } from 'zod';

export const noticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.number(),
});
export type Notice = z.infer<typeof noticeSchema>;
