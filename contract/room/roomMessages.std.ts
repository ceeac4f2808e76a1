import { z } from 'zod';
import { currencySchema, imageDataUrlSchema } from '../schemas/product.std';
import { productVariantsSchema } from '../schemas/variant.std';
import { sfuRequestSchema } from './sfuSignalling.std';

// What a viewer's page or a studio sends to a live room over its WebSocket (docs/ROOM-PROTOCOL.md).
// Every object is strict: an unknown field is refused, never ignored.

export const ROOM_PROTOCOL_VERSION = 1;

export const roomLimits = {
  commentChars: 500,
  nameChars: 40,
  contactChars: 60,
  noteChars: 200,
  replyChars: 500,
  maxQuantity: 99,
  /** A viewer's frame larger than this is refused before it is parsed. */
  maxFrameBytes: 16 * 1024,
  /** A studio's frames carry product photos. */
  maxStudioFrameBytes: 512 * 1024,
  /** A product photo in the room: a card-sized picture, not the original. */
  maxPhotoChars: 200_000,
} as const;

/** Where a room serves a product photo it stored: content-addressed, so it is cached for good. */
export const ROOM_PHOTO_PATH = /^\/rooms\/[a-z0-9][a-z0-9-]{0,39}\/photos\/[0-9a-f]{64}\.(png|jpg|webp|gif)$/;

/** A photo as a studio sends it to a room: inline, card-sized. */
export const roomPhotoInputSchema = imageDataUrlSchema.max(roomLimits.maxPhotoChars, 'The photo is too large for the live room (at most about 150 KB): use a smaller picture.');

/** The one rule for "the flash sale is over", for the Buy sheet's orders and for claims in the comments alike. */
export function flashSaleOver(sale: FlashSale | null, nowMs: number): boolean {
  return sale !== null && nowMs >= sale.endsAt;
}

/** Counts characters as people do (code points), after refusing anything absurdly long in UTF-16. */
const text = (max: number, what: string) =>
  z
    .string()
    .max(max * 2, `${what} is too long (at most ${max} characters).`)
    .refine((value) => [...value].length <= max, `${what} is too long (at most ${max} characters).`);

/** A sender's own id for one message: a retry with the same id is answered, never counted twice. */
export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId must be 8 to 64 letters, digits, "-" or "_".');
export const seqSchema = z.number().int().nonnegative();
export const roomIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'A room id is 1 to 40 lowercase letters, digits or "-".');
/** A secret the viewer's page keeps in its storage, so a reconnect is the same viewer. */
export const viewerKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const viewerHelloSchema = z.strictObject({
  type: z.literal('hello'),
  v: z.literal(ROOM_PROTOCOL_VERSION),
  role: z.literal('viewer'),
  viewerKey: viewerKeySchema,
  /** The last seq this client saw; the room replays what came after it. */
  resumeFrom: seqSchema.optional(),
});

export const studioHelloSchema = z.strictObject({
  type: z.literal('hello'),
  v: z.literal(ROOM_PROTOCOL_VERSION),
  role: z.literal('studio'),
  token: z.string().min(16).max(200),
  /** Who is acting, for the action log ("host", "Lin (moderator)"). */
  actor: text(roomLimits.nameChars, 'The name').optional(),
  resumeFrom: seqSchema.optional(),
});

export const helloSchema = z.discriminatedUnion('role', [viewerHelloSchema, studioHelloSchema]);
export type Hello = z.infer<typeof helloSchema>;

export const commentMessageSchema = z.strictObject({
  type: z.literal('comment'),
  clientId: clientIdSchema,
  name: text(roomLimits.nameChars, 'The name').pipe(z.string().min(1, 'A name is needed.')),
  text: text(roomLimits.commentChars, 'The comment').pipe(z.string().min(1, 'The comment is empty.')),
});
export type CommentMessage = z.infer<typeof commentMessageSchema>;

export const orderMessageSchema = z.strictObject({
  type: z.literal('order'),
  clientId: clientIdSchema,
  productId: z.string().min(1).max(64),
  /** Which of the product's variants (size, colour); required when it has variants, refused when it has none. */
  variantId: z.string().min(1).max(64).optional(),
  quantity: z.number().int().min(1, 'The quantity is at least 1.').max(roomLimits.maxQuantity, `The quantity is at most ${roomLimits.maxQuantity}.`),
  buyerName: text(roomLimits.nameChars, 'The name').pipe(z.string().min(1, 'A name is needed.')),
  /** A phone number or other way to reach the buyer; at least one of contact and note is given. */
  contact: text(roomLimits.contactChars, 'The phone or contact').optional(),
  note: text(roomLimits.noteChars, 'The note').optional(),
});
export type OrderMessage = z.infer<typeof orderMessageSchema>;

export const likeMessageSchema = z.strictObject({
  type: z.literal('like'),
  count: z.number().int().min(1).max(50),
});
export type LikeMessage = z.infer<typeof likeMessageSchema>;

export const roomProductSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: text(120, 'The product name').pipe(z.string().min(1)),
  priceMinor: z.number().int().nonnegative(),
  listPriceMinor: z.number().int().nonnegative().nullable(),
  currency: currencySchema,
  /** Units left; null when stock is not tracked. */
  stock: z.number().int().nonnegative().nullable(),
  /**
   * A studio sends the picture inline (a data: URL); the room stores it once and every product
   * it sends carries the photo's own address instead (`/rooms/<roomId>/photos/<sha256>.<ext>`),
   * so a resume or a welcome never carries picture bytes (issue 14).
   */
  photo: z.union([roomPhotoInputSchema, z.string().regex(ROOM_PHOTO_PATH)]).nullable(),
  /**
   * Sizes or colours with their own stock. Absent (rooms' clients from before variants) and empty
   * both mean a product sold as one thing; with variants the room takes `stock` as their sum.
   */
  variants: productVariantsSchema.optional(),
});
export type RoomProduct = z.infer<typeof roomProductSchema>;

/** "+1", "SOLD", "要": matched whole, ignoring case and width, with an optional quantity after it ("要2", "SOLD x3"). */
export const claimKeywordSchema = text(20, 'A claim word').pipe(z.string().trim().min(1, 'A claim word cannot be empty.'));

/** How long Buy may stay open after a show ends: long enough for late buyers, bounded so a room never sells forever. */
export const BUY_GRACE_MAX_MINUTES = 120;

export const flashSaleSchema = z.strictObject({ priceMinor: z.number().int().nonnegative(), endsAt: z.number().int().positive() });
export type FlashSale = z.infer<typeof flashSaleSchema>;

/**
 * `waitlisted`: a comment-to-claim past the stock; it becomes `new` (and takes its units) when a
 * claim or order for the same product is cancelled, oldest first.
 */
export const orderStatuses = ['new', 'handled', 'cancelled', 'waitlisted'] as const;
export const orderStatusSchema = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** The actions a studio's panel takes as they are (the core's panel passes these straight through). */
export const panelRoomActionSchemas = [
  z.strictObject({ kind: z.literal('pinComment'), commentId: z.string().max(64) }),
  z.strictObject({ kind: z.literal('unpinComment') }),
  z.strictObject({ kind: z.literal('endPromotion') }),
  z.strictObject({ kind: z.literal('markOrder'), orderId: z.string().max(64), status: z.enum(['handled', 'cancelled']) }),
  z.strictObject({ kind: z.literal('reply'), commentId: z.string().max(64).optional(), text: text(roomLimits.replyChars, 'The reply').pipe(z.string().min(1)) }),
  z.strictObject({ kind: z.literal('hideComment'), commentId: z.string().max(64) }),
  z.strictObject({ kind: z.literal('banViewer'), viewerId: z.string().max(64) }),
] as const;

export const studioActionSchema = z.discriminatedUnion('kind', [
  ...panelRoomActionSchemas,
  z.strictObject({
    kind: z.literal('promoteProduct'),
    productId: z.string().max(64),
    flashSale: flashSaleSchema.optional(),
    /** Comment-to-claim while this promotion lasts: a comment that is one of these words (optionally with a quantity) becomes a claim order. */
    claimKeywords: z.array(claimKeywordSchema).max(10).optional(),
  }),
  /** Puts the studio's catalogue (or part of it) into the room, with stock. */
  z.strictObject({ kind: z.literal('upsertProducts'), products: z.array(roomProductSchema).min(1).max(200) }),
  /** A show starts: the room stops saying the last one ended. */
  z.strictObject({ kind: z.literal('startShow') }),
  /** The show ended: Buy closes at once (0) or after the merchant's grace, on the room's clock. */
  z.strictObject({ kind: z.literal('endShow'), buyGraceMinutes: z.number().int().min(0).max(BUY_GRACE_MAX_MINUTES) }),
]);
export type StudioAction = z.infer<typeof studioActionSchema>;

export const actionMessageSchema = z.strictObject({
  type: z.literal('action'),
  clientId: clientIdSchema,
  action: studioActionSchema,
  /** Who did it, for the room's action log, when one studio connection acts for several people ("Lin (moderator)"); else the hello's actor. */
  actor: text(roomLimits.nameChars + 12, 'The actor').optional(),
});
export type ActionMessage = z.infer<typeof actionMessageSchema>;

/** SFU signalling for a viewer's player, request/response by requestId. */
export const sfuMessageSchema = z.strictObject({ type: z.literal('sfu'), requestId: z.number().int().nonnegative(), request: sfuRequestSchema });
export type SfuMessage = z.infer<typeof sfuMessageSchema>;

export const viewerMessageSchema = z.discriminatedUnion('type', [commentMessageSchema, orderMessageSchema, likeMessageSchema, sfuMessageSchema]);
export type ViewerMessage = z.infer<typeof viewerMessageSchema>;

export const studioMessageSchema = actionMessageSchema;
export type StudioMessage = ActionMessage;
