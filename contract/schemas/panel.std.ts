import { z } from 'zod';
import { promotionSchema, roomCommentSchema, roomOrderSchema } from '../room/roomEvents.std';
import { flashSaleSchema, orderStatusSchema, panelRoomActionSchemas } from '../room/roomMessages.std';

// The live panel's view of the studio's own room: a bounded window of the show (the newest
// comments and orders; the rest stays in the room's database) plus the show's running state and
// totals, which the core computes over the whole show. The renderer gets it whole once
// (getPanel) and then as `panel` events: small updates, at most ten a second.

/** How many comments and orders the panel keeps: a list that stays smooth at any rate. */
export const PANEL_WINDOW = 500;
/**
 * The most comments one update carries: every comment reaches every panel (a stalled event loop
 * lets a few hundred pile up between two events at a busy show's rate), and only a longer stall
 * than this much backlog falls back to the whole state.
 */
export const PANEL_UPDATE_MAX_COMMENTS = 5000;
/** The least time between two `panel` events. */
export const PANEL_EVENT_INTERVAL_MS = 100;

export const panelCommentSchema = roomCommentSchema.extend({
  seq: z.number().int().nonnegative(),
  /** Hidden by the studio: kept in the panel (greyed, for the record), gone from the viewers' pages. */
  hidden: z.boolean(),
});
export type PanelComment = z.infer<typeof panelCommentSchema>;

export const panelOrderSchema = roomOrderSchema.extend({ seq: z.number().int().nonnegative() });
export type PanelOrder = z.infer<typeof panelOrderSchema>;

/** Money is per currency: a show could sell in two (no exchange rates here). */
export const moneyByCurrencySchema = z.array(z.strictObject({ currency: z.string(), amountMinor: z.number().int() }));
export type MoneyByCurrency = z.infer<typeof moneyByCurrencySchema>;

/** Counts orders that are not cancelled: a cancelled order gives its units and money back. */
export const productTotalsSchema = z.strictObject({
  productId: z.string(),
  productName: z.string(),
  orders: z.number().int().nonnegative(),
  units: z.number().int().nonnegative(),
  gmv: moneyByCurrencySchema,
});
export type ProductTotals = z.infer<typeof productTotalsSchema>;

export const showTotalsSchema = z.strictObject({
  orders: z.number().int().nonnegative(),
  units: z.number().int().nonnegative(),
  gmv: moneyByCurrencySchema,
  /** Orders still `new`: the panel's badge. */
  newOrders: z.number().int().nonnegative(),
  /** Claims waiting for stock (not counted in orders, units or GMV). */
  waitlisted: z.number().int().nonnegative(),
  byProduct: z.array(productTotalsSchema),
});
export type ShowTotals = z.infer<typeof showTotalsSchema>;

export const panelConnectionSchema = z.strictObject({
  /** `off`: this studio has no room to follow (it did not start, or this process has none). */
  state: z.enum(['off', 'connecting', 'open', 'closed']),
  /** Why, in a sentence for the merchant; null when all is well. */
  message: z.string().nullable(),
});
export type PanelConnection = z.infer<typeof panelConnectionSchema>;

/** One line of the panel's activity log: who did what, seen by everyone at the controls. */
export const activityEntrySchema = z.strictObject({
  at: z.number(),
  /** "Host", "Lin (moderator)". */
  actor: z.string(),
  /** "pinned Ana's comment", "promoted Teapot with a flash sale". */
  text: z.string(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;
export const PANEL_ACTIVITY_WINDOW = 50;

/** Everything but the two windows: small, sent again only when something in it changed. */
export const panelSummarySchema = z.strictObject({
  connection: panelConnectionSchema,
  pinned: roomCommentSchema.nullable(),
  promotion: promotionSchema.nullable(),
  viewerCount: z.number().int().nonnegative(),
  likes: z.number().int().nonnegative(),
  totals: showTotalsSchema,
  /** The room's clock minus this machine's (ms): flash-sale countdowns run on the room's clock. */
  clockOffsetMs: z.number(),
  /** The newest last, at most PANEL_ACTIVITY_WINDOW. */
  activity: z.array(activityEntrySchema).max(PANEL_ACTIVITY_WINDOW),
});
export type PanelSummary = z.infer<typeof panelSummarySchema>;

export const panelStateSchema = panelSummarySchema.extend({
  /** The newest room event the panel has applied. */
  lastSeq: z.number().int().nonnegative(),
  /** Oldest first, at most PANEL_WINDOW. */
  comments: z.array(panelCommentSchema).max(PANEL_WINDOW),
  /** Oldest first, at most PANEL_WINDOW. */
  orders: z.array(panelOrderSchema).max(PANEL_WINDOW),
});
export type PanelState = z.infer<typeof panelStateSchema>;

export const panelUpdateSchema = z.strictObject({
  kind: z.literal('update'),
  lastSeq: z.number().int().nonnegative(),
  /** New comments since the last event, oldest first. */
  comments: z.array(panelCommentSchema).max(PANEL_UPDATE_MAX_COMMENTS),
  hiddenCommentIds: z.array(z.string()).max(PANEL_WINDOW),
  /** New orders since the last event, oldest first. */
  orders: z.array(panelOrderSchema).max(PANEL_WINDOW),
  orderStatuses: z.array(z.strictObject({ orderId: z.string(), status: orderStatusSchema })).max(PANEL_WINDOW),
  /** null: unchanged since the last event. */
  summary: panelSummarySchema.nullable(),
});
export type PanelUpdate = z.infer<typeof panelUpdateSchema>;

/** The `panel` event: usually an update; the whole state when an update would not be bounded. */
export const panelEventSchema = z.discriminatedUnion('kind', [panelUpdateSchema, z.strictObject({ kind: z.literal('state'), state: panelStateSchema })]);
export type PanelEvent = z.infer<typeof panelEventSchema>;

/**
 * What the panel asks of the core. The room's own actions, except that products reach the room
 * through the catalogue (the core upserts a product before promoting it) and claim words come from
 * the settings; plus `promoteNext`: the run-sheet's next product after the one promoted now.
 */
export const panelActionSchema = z.discriminatedUnion('kind', [
  ...panelRoomActionSchemas,
  z.strictObject({ kind: z.literal('promoteProduct'), productId: z.string().max(64), flashSale: flashSaleSchema.optional() }),
  z.strictObject({ kind: z.literal('promoteNext'), flashSale: flashSaleSchema.optional() }),
]);
export type PanelAction = z.infer<typeof panelActionSchema>;

export const panelActionResultSchema = z.strictObject({
  ok: z.literal(true),
  /** The room's newest seq after the action: the panel shows its effect once lastSeq reaches it. */
  seq: z.number().int().nonnegative().nullable(),
});
export type PanelActionResult = z.infer<typeof panelActionResultSchema>;

export const emptyShowTotals: ShowTotals = { orders: 0, units: 0, gmv: [], newOrders: 0, waitlisted: 0, byProduct: [] };

export function offPanelState(message: string): PanelState {
  return {
    connection: { state: 'off', message },
    pinned: null,
    promotion: null,
    viewerCount: 0,
    likes: 0,
    totals: emptyShowTotals,
    lastSeq: 0,
    clockOffsetMs: 0,
    activity: [],
    comments: [],
    orders: [],
  };
}

/**
 * What the renderer does with a `panel` event. Pure, so the core's tests check that a panel
 * fed only by events ends up with the core's own state.
 */
export function applyPanelEvent(state: PanelState, event: PanelEvent): PanelState {
  if (event.kind === 'state') return event.state;
  const seen = new Set(state.comments.map((comment) => comment.id));
  let comments = [...state.comments, ...event.comments.filter((comment) => !seen.has(comment.id))];
  if (comments.length > PANEL_WINDOW) comments = comments.slice(-PANEL_WINDOW);
  if (event.hiddenCommentIds.length > 0) {
    const hidden = new Set(event.hiddenCommentIds);
    comments = comments.map((comment) => (hidden.has(comment.id) && !comment.hidden ? { ...comment, hidden: true } : comment));
  }
  const seenOrders = new Set(state.orders.map((order) => order.id));
  let orders = [...state.orders, ...event.orders.filter((order) => !seenOrders.has(order.id))];
  if (orders.length > PANEL_WINDOW) orders = orders.slice(-PANEL_WINDOW);
  if (event.orderStatuses.length > 0) {
    const statuses = new Map(event.orderStatuses.map((change) => [change.orderId, change.status]));
    orders = orders.map((order) => {
      const status = statuses.get(order.id);
      return status && status !== order.status ? { ...order, status } : order;
    });
  }
  return { ...state, ...(event.summary ?? {}), lastSeq: event.lastSeq, comments, orders };
}
