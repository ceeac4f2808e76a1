import { describe, expect, it } from 'vitest';
import type { Promotion, RoomComment, RoomEvent, RoomEventBody, RoomOrder } from '../../contract/room/roomEvents.std';
import type { RoomProduct } from '../../contract/room/roomMessages.std';
import {
  FEED_LIMIT,
  applyConnection,
  applyEvents,
  applyOwnComment,
  applyWelcome,
  buyWindow,
  claimHint,
  estimateClockOffset,
  formatCountdown,
  initialViewerState,
  orderStatusText,
  salePhase,
  stockLabel,
  type ViewerState,
} from './viewerState.std';
import { createTranslator } from './i18n/viewerTranslator.std';

const english = createTranslator('en');
const chinese = createTranslator('zh-CN');

const ME = 'viewer-me';
let seq = 0;
const event = (body: RoomEventBody, at = 1000 + seq): RoomEvent => ({ ...body, seq: ++seq, at });
const comment = (id: string, viewerId = 'other', at = 1000): RoomComment => ({ id, viewerId, name: `name-${id}`, text: `text-${id}`, at });
const product: RoomProduct = { id: 'p1', name: 'Teapot', priceMinor: 19900, listPriceMinor: 25900, currency: 'CNY', stock: 5, photo: null };
const promotion: Promotion = { product, flashSale: { priceMinor: 9900, endsAt: 60_000 }, claimKeywords: [], startedAt: 0 };
const order = (id: string, viewerId = ME): RoomOrder => ({
  source: 'buy',
  id,
  viewerId,
  productId: 'p1',
  productName: 'Teapot', variantId: null, variantLabel: null,
  quantity: 2,
  unitPriceMinor: 9900,
  amountMinor: 19800,
  currency: 'CNY',
  buyerName: 'Lin',
  contact: '123',
  note: null,
  status: 'new',
  at: 1000,
});

function welcomed(): ViewerState {
  return applyWelcome(initialViewerState, ME, { pinned: null, promotion, viewerCount: 3, likes: 10, video: { available: true, producers: 2, reason: null }, ended: null }, 0);
}

const commentIds = (state: ViewerState) => state.feed.map((item) => item.id);

describe('viewer state', () => {
  it('takes the welcome snapshot', () => {
    const state = welcomed();
    expect(state).toMatchObject({ connection: 'open', welcomed: true, viewerId: ME, viewerCount: 3, likes: 10, promotion });
  });

  it('marks where a welcome skipped what the page missed, with the room’s newest comments below the mark', () => {
    const snapshot = { pinned: null, promotion, viewerCount: 3, likes: 10, video: { available: true, producers: 2, reason: null }, ended: null };
    let state = applyEvents(welcomed(), [event({ kind: 'comment', comment: comment('before', 'other', 1000) })], 0);
    expect(applyWelcome(state, ME, snapshot, 0).feed.map((item) => item.kind)).toEqual(['comment']);
    state = applyWelcome(state, ME, snapshot, 0, { after: 7, upTo: 5000 });
    state = applyEvents(state, [event({ kind: 'comment', comment: comment('newest', 'other', 90_000) })], 0);
    expect(state.feed.map((item) => `${item.kind}:${item.id}`)).toEqual(['comment:before', 'gap:7-5000', 'comment:newest']);
  });

  it('adds comments once, however often they are replayed', () => {
    const first = event({ kind: 'comment', comment: comment('c1') });
    let state = applyEvents(welcomed(), [first, event({ kind: 'comment', comment: comment('c2', 'other', 1001) })], 0);
    state = applyEvents(state, [first], 0);
    expect(commentIds(state)).toEqual(['c1', 'c2']);
  });

  it('marks the viewer’s own comments and keeps the acked copy when the broadcast follows', () => {
    let state = applyOwnComment(welcomed(), comment('mine', ME));
    state = applyEvents(state, [event({ kind: 'comment', comment: comment('mine', ME) })], 0);
    expect(state.feed).toHaveLength(1);
    expect(state.feed[0]).toMatchObject({ kind: 'comment', own: true });
  });

  it('keeps the last 200, dropping others’ comments before the viewer’s own', () => {
    let state = applyOwnComment(welcomed(), comment('mine', ME, 0));
    const many = Array.from({ length: FEED_LIMIT + 50 }, (_, i) => event({ kind: 'comment', comment: comment(`c${i}`, 'other', i + 1) }));
    state = applyEvents(state, many, 0);
    expect(state.feed).toHaveLength(FEED_LIMIT);
    expect(state.feed[0]?.id).toBe('mine');
    expect(state.feed[1]?.id).toBe('c51');
    expect(state.feed.at(-1)?.id).toBe(`c${FEED_LIMIT + 49}`);
  });

  it('places a late comment by its time', () => {
    const state = applyEvents(welcomed(), [event({ kind: 'comment', comment: comment('b', 'other', 20) }), event({ kind: 'comment', comment: comment('a', 'other', 10) })], 0);
    expect(commentIds(state)).toEqual(['a', 'b']);
  });

  it('removes hidden comments, except from their author’s own feed, and unpins them', () => {
    let state = applyEvents(welcomed(), [event({ kind: 'comment', comment: comment('c1') }), event({ kind: 'pinned', comment: comment('c1') })], 0);
    state = applyOwnComment(state, comment('mine', ME, 2000));
    state = applyEvents(state, [event({ kind: 'commentHidden', commentId: 'c1' }), event({ kind: 'commentHidden', commentId: 'mine' })], 0);
    expect(commentIds(state)).toEqual(['mine']);
    expect(state.pinned).toBeNull();
  });

  it('removes a banned viewer’s comments, and a banned viewer knows', () => {
    let state = applyEvents(welcomed(), [event({ kind: 'comment', comment: comment('c1', 'troll') }), event({ kind: 'comment', comment: comment('c2', 'nice', 1001) })], 0);
    state = applyEvents(state, [event({ kind: 'viewerBanned', viewerId: 'troll' })], 0);
    expect(commentIds(state)).toEqual(['c2']);
    expect(state.banned).toBe(false);
    state = applyEvents(state, [event({ kind: 'viewerBanned', viewerId: ME })], 0);
    expect(state.banned).toBe(true);
  });

  it('shows shop replies with the comment they answer, once', () => {
    const reply = event({ kind: 'reply', replyId: 'r1', commentId: 'c1', text: 'Yes, in blue' }, 5000);
    let state = applyEvents(welcomed(), [event({ kind: 'comment', comment: comment('c1') }), reply], 0);
    state = applyEvents(state, [reply], 0);
    expect(state.feed.at(-1)).toEqual({ kind: 'reply', id: 'r1', text: 'Yes, in blue', at: 5000, replyTo: { commentId: 'c1', name: 'name-c1', text: 'text-c1' } });
    expect(state.feed).toHaveLength(2);
    state = applyEvents(state, [event({ kind: 'commentHidden', commentId: 'c1' })], 0);
    expect(state.feed).toEqual([{ kind: 'reply', id: 'r1', text: 'Yes, in blue', at: 5000, replyTo: null }]);
  });

  it('cleans viewer text again: no bidi overrides, marks capped, one line', () => {
    const zalgo = 'Z' + '\u0301'.repeat(40) + 'a';
    const state = applyEvents(welcomed(), [event({ kind: 'comment', comment: { ...comment('c1'), name: '\u202Eevil', text: `${zalgo}\nnext line` } })], 0);
    const item = state.feed[0];
    expect(item?.kind === 'comment' && item.comment.name).toBe('evil');
    expect(item?.kind === 'comment' && item.comment.text).toBe('Z\u0301\u0301a next line');
  });

  it('keeps the viewer’s own orders and their status', () => {
    let state = applyEvents(welcomed(), [event({ kind: 'order', order: order('o1') }), event({ kind: 'order', order: order('o2', 'someone-else') })], 0);
    state = applyEvents(state, [event({ kind: 'orderStatus', orderId: 'o1', viewerId: ME, status: 'handled' }), event({ kind: 'order', order: order('o1') })], 0);
    expect(state.orders.map((o) => [o.id, o.status])).toEqual([['o1', 'new']]);
    state = applyEvents(state, [event({ kind: 'orderStatus', orderId: 'o1', viewerId: ME, status: 'cancelled' }), event({ kind: 'orderStatus', orderId: 'o1', viewerId: 'x', status: 'handled' })], 0);
    expect(state.orders.map((o) => o.status)).toEqual(['cancelled']);
  });

  it('tells a claimant whether they got it, wait on the list, or moved up from it', () => {
    const claimed = { ...order('c1'), source: 'claim' as const };
    const waiting = { ...order('c2'), source: 'claim' as const, status: 'waitlisted' as const };
    let state = applyEvents(welcomed(), [event({ kind: 'order', order: claimed }), event({ kind: 'order', order: waiting })], 0);
    expect(state.orders.map((mine) => orderStatusText(mine, english))).toEqual(['Claimed', 'On the waitlist — you get it if a claim is cancelled']);
    state = applyEvents(state, [event({ kind: 'orderStatus', orderId: 'c1', viewerId: ME, status: 'cancelled' }), event({ kind: 'orderStatus', orderId: 'c2', viewerId: ME, status: 'new' })], 0);
    expect(state.orders.map((mine) => orderStatusText(mine, english))).toEqual(['Cancelled', 'Received']);
    state = applyEvents(state, [event({ kind: 'orderStatus', orderId: 'c2', viewerId: ME, status: 'handled' })], 0);
    expect(state.orders.map((mine) => orderStatusText(mine, english))).toEqual(['Cancelled', 'Confirmed by the shop']);
    // The Buy sheet's orders read as before.
    expect(orderStatusText(order('b1'), english)).toBe('Received');
    expect(orderStatusText({ ...order('b2'), status: 'handled' }, english)).toBe('Confirmed by the shop');
    expect(orderStatusText({ ...order('b2'), status: 'handled' }, chinese)).toBe('店铺已确认');
  });

  it('hints at the claim words on the promoted product, as text', () => {
    expect(claimHint(promotion, english)).toBeNull();
    expect(claimHint({ ...promotion, claimKeywords: ['+1'] }, english)).toBe('Comment "+1" to claim');
    expect(claimHint({ ...promotion, claimKeywords: ['+1', 'SOLD', '要'] }, english)).toBe('Comment "+1", "SOLD", or "要" to claim');
    expect(claimHint({ ...promotion, claimKeywords: ['+1', 'SOLD', '要'] }, chinese)).toBe('评论 "+1"、"SOLD"或"要" 即可抢购');
    expect(claimHint({ ...promotion, product: { ...product, stock: 0 }, claimKeywords: ['+1'] }, english)).toBe('Sold out: comment "+1" to join the waitlist');
    expect(claimHint({ ...promotion, claimKeywords: ['\u202E+1'] }, english)).toBe('Comment "+1" to claim');
  });

  it('updates the promoted product’s stock and details, not another product’s', () => {
    let state = applyEvents(welcomed(), [event({ kind: 'stock', productId: 'p1', left: 2 }), event({ kind: 'stock', productId: 'p9', left: 0 })], 0);
    expect(state.promotion?.product.stock).toBe(2);
    state = applyEvents(state, [event({ kind: 'products', products: [{ ...product, name: 'Blue teapot', stock: 1 }] })], 0);
    expect(state.promotion?.product).toMatchObject({ name: 'Blue teapot', stock: 1 });
    state = applyEvents(state, [event({ kind: 'promotion', promotion: null })], 0);
    expect(state.promotion).toBeNull();
  });

  it('follows counts, likes and the pinned comment', () => {
    const state = applyEvents(welcomed(), [event({ kind: 'viewerCount', count: 42 }), event({ kind: 'likes', total: 99 }), event({ kind: 'pinned', comment: comment('c7') })], 0);
    expect(state).toMatchObject({ viewerCount: 42, likes: 99, pinned: { id: 'c7' } });
  });

  it('says connecting before the first welcome and reconnecting after it', () => {
    expect(applyConnection(initialViewerState, 'closed').connection).toBe('connecting');
    expect(applyConnection(welcomed(), 'closed').connection).toBe('reconnecting');
    expect(applyConnection(applyConnection(welcomed(), 'connecting'), 'open').connection).toBe('open');
  });
});

describe('flash sale clock', () => {
  it('estimates the server clock from the freshest event', () => {
    expect(estimateClockOffset(null, [{ at: 900 }, { at: 5000 }], 6000)).toBe(-1000);
    expect(estimateClockOffset(-1000, [{ at: 100 }], 6000)).toBe(-1000);
    expect(estimateClockOffset(null, [], 6000)).toBeNull();
  });

  it('knows whether a sale runs or is over', () => {
    expect(salePhase(promotion, 59_000)).toEqual({ phase: 'running', remainingMs: 1000 });
    expect(salePhase(promotion, 60_000)).toEqual({ phase: 'over' });
    expect(salePhase({ ...promotion, flashSale: null }, 0)).toEqual({ phase: 'none' });
    expect(salePhase(null, 0)).toEqual({ phase: 'none' });
  });

  it('formats the countdown as mm:ss, rounding up', () => {
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(1)).toBe('00:01');
    expect(formatCountdown(59_001)).toBe('01:00');
    expect(formatCountdown(125_000)).toBe('02:05');
    expect(formatCountdown(3_599_000)).toBe('59:59');
    expect(formatCountdown(3_661_000)).toBe('1:01:01');
    expect(formatCountdown(-5)).toBe('00:00');
  });

  it('labels stock', () => {
    expect(stockLabel(3, english)).toBe('3 left');
    expect(stockLabel(0, english)).toBe('Sold out');
    expect(stockLabel(3, chinese)).toBe('剩 3 件');
    expect(stockLabel(null, english)).toBeNull();
  });

  it('hears that the show ended, offers Buy only through the grace, and forgets the end when a new show starts', () => {
    let state = applyEvents(welcomed(), [event({ kind: 'show', ended: { endedAt: 5000, buyUntil: 65_000 } })], 0);
    expect(state.ended).toEqual({ endedAt: 5000, buyUntil: 65_000 });
    expect(buyWindow(state.ended, 64_000)).toEqual({ phase: 'grace', remainingMs: 1000 });
    expect(buyWindow(state.ended, 65_000)).toEqual({ phase: 'closed' });
    expect(buyWindow({ endedAt: 5000, buyUntil: null }, 5000)).toEqual({ phase: 'closed' });
    state = applyEvents(state, [event({ kind: 'show', ended: null })], 0);
    expect(buyWindow(state.ended, 70_000)).toEqual({ phase: 'show' });
  });
});
