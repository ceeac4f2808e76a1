import { z } from 'zod';
import { flashSaleSchema, orderStatusSchema, roomProductSchema, seqSchema } from './roomMessages.std';
import { videoStateSchema } from './sfuSignalling.std';

// What a live room sends to its clients (docs/ROOM-PROTOCOL.md). Texts from viewers arrive
// already cleaned (no control or bidi-override characters, bounded marks), and are still only
// ever shown as text.

export const roomCommentSchema = z.strictObject({
  id: z.string(),
  viewerId: z.string(),
  name: z.string(),
  text: z.string(),
  at: z.number(),
});
export type RoomComment = z.infer<typeof roomCommentSchema>;

export const roomOrderSchema = z.strictObject({
  id: z.string(),
  viewerId: z.string(),
  productId: z.string(),
  productName: z.string(),
  /** The variant bought or claimed; null for a product without variants, and for a claim that named none (waitlisted until the viewer says which). */
  variantId: z.string().nullable(),
  variantLabel: z.string().nullable(),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  amountMinor: z.number().int(),
  currency: z.string(),
  buyerName: z.string(),
  /** Only the studio and the buyer themself see the contact and the note. */
  contact: z.string().nullable(),
  note: z.string().nullable(),
  status: orderStatusSchema,
  /** `buy`: the Buy sheet; `claim`: a comment-to-claim (its note says which comment). */
  source: z.enum(['buy', 'claim']),
  at: z.number(),
});
export type RoomOrder = z.infer<typeof roomOrderSchema>;

export const promotionSchema = z.strictObject({
  product: roomProductSchema,
  flashSale: flashSaleSchema.nullable(),
  /** Comment-to-claim words while this promotion lasts; empty when claims are off. */
  claimKeywords: z.array(z.string()),
  startedAt: z.number(),
});
export type Promotion = z.infer<typeof promotionSchema>;

/** The show ended at `endedAt`; Buy stays open until `buyUntil` (room clock), or closed at once when null. */
export const showEndSchema = z.strictObject({ endedAt: z.number(), buyUntil: z.number().nullable() });
export type ShowEnd = z.infer<typeof showEndSchema>;

export const roomEventBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('comment'), comment: roomCommentSchema }),
  z.strictObject({ kind: z.literal('commentHidden'), commentId: z.string() }),
  z.strictObject({ kind: z.literal('reply'), replyId: z.string(), commentId: z.string().nullable(), text: z.string() }),
  z.strictObject({ kind: z.literal('order'), order: roomOrderSchema }),
  z.strictObject({ kind: z.literal('orderStatus'), orderId: z.string(), viewerId: z.string(), status: orderStatusSchema }),
  z.strictObject({ kind: z.literal('pinned'), comment: roomCommentSchema.nullable() }),
  z.strictObject({ kind: z.literal('promotion'), promotion: promotionSchema.nullable() }),
  /** `left`: the product's units (with variants, their sum); `variant`: the one variant that changed, when it has variants. */
  z.strictObject({
    kind: z.literal('stock'),
    productId: z.string(),
    left: z.number().int().nullable(),
    variant: z.strictObject({ id: z.string(), left: z.number().int().nullable() }).optional(),
  }),
  z.strictObject({ kind: z.literal('viewerCount'), count: z.number().int().nonnegative() }),
  z.strictObject({ kind: z.literal('likes'), total: z.number().int().nonnegative() }),
  z.strictObject({ kind: z.literal('viewerBanned'), viewerId: z.string() }),
  z.strictObject({ kind: z.literal('products'), products: z.array(roomProductSchema) }),
  /** The show ended (with what Buy does now), or a new one started (null). */
  z.strictObject({ kind: z.literal('show'), ended: showEndSchema.nullable() }),
]);
export type RoomEventBody = z.infer<typeof roomEventBodySchema>;
export type RoomEventKind = RoomEventBody['kind'];

/** Every event carries the room's sequence number: a client resumes from the last one it saw. */
export const roomEventSchema = z.intersection(z.strictObject({ seq: seqSchema, at: z.number() }).loose(), roomEventBodySchema);
export type RoomEvent = RoomEventBody & { seq: number; at: number };

export const roomSnapshotSchema = z.strictObject({
  pinned: roomCommentSchema.nullable(),
  promotion: promotionSchema.nullable(),
  viewerCount: z.number().int().nonnegative(),
  likes: z.number().int().nonnegative(),
  video: videoStateSchema,
  /** Set from the end of a show until the next one starts. */
  ended: showEndSchema.nullable(),
});
export type RoomSnapshot = z.infer<typeof roomSnapshotSchema>;

export const roomErrorCodes = [
  'malformed', // not JSON, too large, or not a message of this protocol
  'invalid', // a message of the protocol with a wrong or missing field: `message` says which
  'unsupported-version',
  'unauthorized', // a studio hello with a wrong token
  'not-ready', // a message before hello
  'rate-limited',
  'banned',
  'out-of-stock',
  'sale-over',
  'not-promoted', // an order for a product that is not on sale now
  'show-ended', // an order after the show ended and its grace (if any) ran out
  'not-found',
  'video-off', // SFU signalling while the room has no SFU worker
  'failed',
] as const;
export const roomErrorCodeSchema = z.enum(roomErrorCodes);
export type RoomErrorCode = z.infer<typeof roomErrorCodeSchema>;

export const welcomeFrameSchema = z.strictObject({
  type: z.literal('welcome'),
  v: z.number().int(),
  roomId: z.string(),
  role: z.enum(['viewer', 'studio']),
  /** The viewer's public id (their comments carry it); null for a studio. */
  viewerId: z.string().nullable(),
  /** The newest seq in the room when the replay below was taken. */
  lastSeq: seqSchema,
  /** The room's clock (epoch ms) when it said welcome: countdowns run on it, not on the phone's. */
  serverTime: z.number(),
  snapshot: roomSnapshotSchema,
  /**
   * Set only when the hello's `resumeFrom` was further behind than the room replays (a viewer
   * past the replay window): the events after `after` up to `lastSeq` were not sent; the
   * snapshot and the arrival history that follow stand in for them.
   */
  skipped: z.strictObject({ after: seqSchema, upTo: seqSchema }).optional(),
});
export type WelcomeFrame = z.infer<typeof welcomeFrameSchema>;

export const eventsFrameSchema = z.strictObject({ type: z.literal('events'), events: z.array(roomEventSchema) });
export type EventsFrame = { type: 'events'; events: RoomEvent[] };

export const ackFrameSchema = z.union([
  z.strictObject({ type: z.literal('ack'), clientId: z.string(), ok: z.literal(true), seq: seqSchema.nullable(), id: z.string().nullable() }),
  z.strictObject({ type: z.literal('ack'), clientId: z.string(), ok: z.literal(false), code: roomErrorCodeSchema, message: z.string() }),
]);
export type AckFrame = z.infer<typeof ackFrameSchema>;

export const errorFrameSchema = z.strictObject({ type: z.literal('error'), code: roomErrorCodeSchema, message: z.string() });
export type ErrorFrame = z.infer<typeof errorFrameSchema>;

export const sfuResponseFrameSchema = z.union([
  z.strictObject({ type: z.literal('sfu'), requestId: z.number(), ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ type: z.literal('sfu'), requestId: z.number(), ok: z.literal(false), code: roomErrorCodeSchema, message: z.string() }),
]);
export type SfuResponseFrame = z.infer<typeof sfuResponseFrameSchema>;

/** The video side changed: new producers to consume, or (reset) every transport must be recreated. */
export const videoFrameSchema = z.strictObject({ type: z.literal('video'), video: videoStateSchema, reset: z.boolean() });
export type VideoFrame = z.infer<typeof videoFrameSchema>;

export const roomFrameSchema = z.union([welcomeFrameSchema, eventsFrameSchema, ackFrameSchema, errorFrameSchema, sfuResponseFrameSchema, videoFrameSchema]);
export type RoomFrame = WelcomeFrame | EventsFrame | AckFrame | ErrorFrame | SfuResponseFrame | VideoFrame;
