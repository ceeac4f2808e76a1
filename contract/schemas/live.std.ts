import { z } from 'zod';
import { streamStateSchema } from './status.std';

// A live show as the studio sees it: the go-live state, each destination on its own (it fails and
// recovers alone), and the stream's health in plain words.

export const destinationKinds = ['room', 'rtmp', 'recording'] as const;
export const destinationStates = ['starting', 'running', 'retrying', 'stopped'] as const;

export const liveDestinationSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(destinationKinds),
  name: z.string(),
  state: z.enum(destinationStates),
  /** Why it is retrying, in words ("RTMP push stopped (exit code 1)"). */
  message: z.string().nullable(),
  /**
   * Why it is down, in a shopkeeper's words ("can't reach live-push.example.com"): set when it
   * fails, kept while it tries again, null once it is running.
   */
  reason: z.string().nullable(),
  retryInMs: z.number().nullable(),
  restarts: z.number().int().nonnegative(),
  /** What this destination's copy carries, kb/s (its FFmpeg's own figure for the current run; null when not running). */
  bitrateKbps: z.number().nullable(),
});
export type LiveDestination = z.infer<typeof liveDestinationSchema>;

export const streamHealthSchema = z.strictObject({
  fps: z.number().nullable(),
  bitrateKbps: z.number().nullable(),
  /** Encoder speed: 1.0 is real time; below it the encoder falls behind. */
  speed: z.number().nullable(),
  droppedFrames: z.number().int().nonnegative(),
  duplicatedFrames: z.number().int().nonnegative(),
  encoder: z.string().nullable(),
  /** A plain warning with the fix, when the stream is in trouble. */
  warning: z.string().nullable(),
});
export type StreamHealth = z.infer<typeof streamHealthSchema>;

export const liveSessionSchema = z.strictObject({
  state: streamStateSchema,
  showId: z.string().nullable(),
  /** Epoch ms of Go Live; null while offline. */
  startedAt: z.number().nullable(),
  /** Epoch ms the first encoded frame went out; null until then. */
  liveAt: z.number().nullable(),
  destinations: z.array(liveDestinationSchema),
  health: streamHealthSchema,
  encoderRestarts: z.number().int().nonnegative(),
  /** Why the show could not start or ended by itself. */
  message: z.string().nullable(),
  /** The show's recording (a folder of segments, then one MP4 after a clean stop). */
  recordingPath: z.string().nullable(),
});
export type LiveSession = z.infer<typeof liveSessionSchema>;

export const noHealth: StreamHealth = { fps: null, bitrateKbps: null, speed: null, droppedFrames: 0, duplicatedFrames: 0, encoder: null, warning: null };

export const offlineSession: LiveSession = {
  state: 'offline',
  showId: null,
  startedAt: null,
  liveAt: null,
  destinations: [],
  health: noHealth,
  encoderRestarts: 0,
  message: null,
  recordingPath: null,
};
