import { z } from 'zod';
import { BUY_GRACE_MAX_MINUTES } from '../room/roomMessages.std';
import { liveSessionSchema } from './live.std';
import { currencySchema } from './product.std';

// End Live's question (what Buy does for viewers afterwards) and its answer: how the show went,
// in the figures a merchant reads first.

/** The grace periods End Live offers, in minutes; 0 closes Buy as the show ends. */
export const BUY_GRACE_CHOICES = [0, 5, 10, 30] as const;

export const endLiveInputSchema = z.strictObject({
  /** How long viewers may still buy after the show; closed at once when absent. */
  buyGraceMinutes: z.number().int().min(0).max(BUY_GRACE_MAX_MINUTES).optional(),
});
export type EndLiveInput = z.infer<typeof endLiveInputSchema>;

export const moneySchema = z.strictObject({ amountMinor: z.number().int(), currency: currencySchema });
export type Money = z.infer<typeof moneySchema>;

/** How many best sellers the summary names. */
export const BEST_SELLERS_SHOWN = 3;

export const showResultsSchema = z.strictObject({
  showId: z.string().nullable(),
  startedAt: z.number(),
  endedAt: z.number(),
  durationMs: z.number().int().nonnegative(),
  peakViewers: z.number().int().nonnegative(),
  /** Orders that stand (not cancelled, not waiting on the list). */
  orders: z.number().int().nonnegative(),
  units: z.number().int().nonnegative(),
  /** The sum of those orders' amounts, one entry per currency sold in. */
  gmv: z.array(moneySchema).max(20),
  bestSellers: z
    .array(z.strictObject({ productId: z.string(), name: z.string(), quantity: z.number().int().positive(), amount: moneySchema }))
    .max(BEST_SELLERS_SHOWN),
  /** The products shown, once each: the replay cuts a clip of each into the Library. */
  clips: z.array(z.strictObject({ productId: z.string(), name: z.string() })).max(500),
  /** What viewers were told: Buy open until then (the room's clock), or closed at once (null). */
  buyUntil: z.number().nullable(),
});
export type ShowResults = z.infer<typeof showResultsSchema>;

export const endLiveResultSchema = z.strictObject({
  session: liveSessionSchema,
  /** null when no show was on (End Live twice). */
  results: showResultsSchema.nullable(),
});
export type EndLiveResult = z.infer<typeof endLiveResultSchema>;
