import { z } from 'zod';

// The go-live states (issue 5 drives the transitions); the status bar shows them from day one.
export const streamStates = ['offline', 'starting', 'live', 'reconnecting', 'ending'] as const;
export const streamStateSchema = z.enum(streamStates);
export type StreamState = z.infer<typeof streamStateSchema>;

export const studioStatusSchema = z
  .object({
    state: streamStateSchema,
    /** Epoch ms when the show went live; null while offline. */
    liveSince: z.number().nullable(),
    bitrateKbps: z.number().nonnegative().nullable(),
    fps: z.number().nonnegative().nullable(),
    droppedFrames: z.number().int().nonnegative(),
    /** The core's own CPU use, in percent of one core. */
    cpuPercent: z.number().nonnegative(),
    /** How late the core's event loop ran its timers over the last second (p99, ms): what the program's frames wait behind. */
    loopDelayMs: z.number().nonnegative().nullable(),
  })
  .strict();
export type StudioStatus = z.infer<typeof studioStatusSchema>;
