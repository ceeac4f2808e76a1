import { describe, expect, it } from 'vitest';
import type { RoomComment, RoomEvent, RoomOrder, WelcomeFrame } from '../../contract/room/roomEvents.std';
import { applyPanelEvent, PANEL_ACTIVITY_WINDOW, PANEL_UPDATE_MAX_COMMENTS, PANEL_WINDOW, type PanelState } from '../../contract/schemas/panel.std';
import { describeAction } from './activityText.std';
import { createPanelModel } from './panelModel.std';
import { fitText, pinnedLayer, purchaseToastLayer, shortBuyerName } from './roomLayers.std';
import { liveLayersPatchSchema } from '../../contract/schemas/liveLayers.std';

const comment = (n: number): RoomComment => ({ id: `c${n}`, viewerId: 'v-1', name: 'Ana', text: `comment ${n}`, at: n });
const order = (n: number, quantity = 1): RoomOrder => ({
  source: 'buy',
  id: `o${n}`,
  viewerId: 'v-1',
  productId: 'p1',
  productName: 'Silk scarf',
  variantId: null,
  variantLabel: null,
  quantity,
  unitPriceMinor: 100,
  amountMinor: 100 * quantity,
  currency: 'CNY',
  buyerName: 'Ana',
  contact: '1',
  note: null,
  status: 'new',
  at: n,
});
const welcome = (lastSeq: number, pinned: RoomComment | null = null): WelcomeFrame => ({
  type: 'welcome',
  v: 1,
  roomId: 'shop',
  role: 'studio',
  viewerId: null,
  lastSeq,
  serverTime: 1000,
  snapshot: { pinned, promotion: null, viewerCount: 3, likes: 7, video: { available: false, producers: 0, reason: 'off' }, ended: null },
});

describe('the panel model', () => {
  it('gives every comment to the panel when more than a window pile up between two events, and the whole state only past an update’s limit', () => {
    const model = createPanelModel();
    model.welcome(welcome(0), 1000);
    model.takeEvent();
    let seq = 0;
    const comments = (count: number): RoomEvent[] => Array.from({ length: count }, () => ({ kind: 'comment', comment: comment(++seq), seq, at: seq }));
    model.apply(comments(PANEL_WINDOW * 3));
    const burst = model.takeEvent();
    expect(burst?.kind).toBe('update');
    expect(burst?.kind === 'update' ? burst.comments.map((entry) => entry.id) : []).toEqual(Array.from({ length: PANEL_WINDOW * 3 }, (_, i) => `c${i + 1}`));
    model.apply(comments(PANEL_UPDATE_MAX_COMMENTS + 1));
    const flood = model.takeEvent();
    expect(flood?.kind).toBe('state');
    expect(flood?.kind === 'state' ? flood.state.comments.at(-1)?.id : null).toBe(`c${seq}`);
  });

  it('keeps a window of the newest comments while the events keep a renderer’s copy equal to it', () => {
    const model = createPanelModel();
    let mirror: PanelState = model.state();
    model.welcome(welcome(0), 1000);
    let seq = 0;
    for (let batch = 0; batch < 30; batch += 1) {
      model.apply(Array.from({ length: 100 }, (): RoomEvent => ({ seq: ++seq, at: seq, kind: 'comment', comment: comment(seq) })));
      if (batch % 7 === 0) model.apply([{ seq: ++seq, at: seq, kind: 'commentHidden', commentId: `c${seq - 2}` }]);
      // An event only every few batches: a throttled renderer misses nothing.
      if (batch % 4 === 0) {
        const event = model.takeEvent();
        if (event) mirror = applyPanelEvent(mirror, event);
      }
    }
    const last = model.takeEvent();
    if (last) mirror = applyPanelEvent(mirror, last);
    expect(model.state().comments).toHaveLength(PANEL_WINDOW);
    expect(model.state().comments.at(-1)?.id).toBe(`c${seq}`);
    expect(mirror).toEqual(model.state());
    expect(model.takeEvent()).toBeNull();
  });

  it('takes the pin and audience from the welcome, not from the history replayed before it', () => {
    const model = createPanelModel();
    const now = comment(2);
    model.welcome(welcome(3, now), 400);
    model.apply([
      { seq: 1, at: 1, kind: 'comment', comment: comment(1) },
      { seq: 2, at: 2, kind: 'pinned', comment: comment(1) },
      { seq: 3, at: 3, kind: 'viewerCount', count: 99 },
    ]);
    expect(model.state()).toMatchObject({ pinned: now, viewerCount: 3, likes: 7, clockOffsetMs: 600, lastSeq: 3 });
    const { liveOrders } = model.apply([{ seq: 4, at: 4, kind: 'order', order: order(4, 2) }]);
    expect(liveOrders.map((entry) => entry.id)).toEqual(['o4']);
  });

  it('counts orders once, gives a cancellation back, and sends the whole state when a burst would not fit an update', () => {
    const model = createPanelModel();
    model.welcome(welcome(0), 0);
    let seq = 0;
    model.apply(Array.from({ length: PANEL_WINDOW + 10 }, (): RoomEvent => ({ seq: ++seq, at: seq, kind: 'order', order: order(seq) })));
    model.apply([{ seq: 1, at: 1, kind: 'order', order: order(1) }]);
    model.apply([{ seq: ++seq, at: seq, kind: 'orderStatus', orderId: 'o1', viewerId: 'v-1', status: 'cancelled' }]);
    expect(model.state().totals).toMatchObject({ orders: PANEL_WINDOW + 9, units: PANEL_WINDOW + 9, newOrders: PANEL_WINDOW + 9 });
    expect(model.takeEvent()?.kind).toBe('state');
  });

  it('counts a waitlisted claim apart from the sales until the room moves it up, and never twice', () => {
    const model = createPanelModel();
    model.welcome(welcome(0), 0);
    const claim = (n: number): RoomOrder => ({ ...order(n, 2), source: 'claim', status: 'waitlisted' });
    model.apply([
      { seq: 1, at: 1, kind: 'order', order: order(1) },
      { seq: 2, at: 2, kind: 'order', order: claim(2) },
      { seq: 3, at: 3, kind: 'order', order: claim(3) },
    ]);
    expect(model.state().totals).toMatchObject({ orders: 1, units: 1, newOrders: 1, waitlisted: 2, gmv: [{ currency: 'CNY', amountMinor: 100 }] });
    // The sale is cancelled; the oldest claim takes its place.
    model.apply([
      { seq: 4, at: 4, kind: 'orderStatus', orderId: 'o1', viewerId: 'v-1', status: 'cancelled' },
      { seq: 5, at: 5, kind: 'orderStatus', orderId: 'o2', viewerId: 'v-1', status: 'new' },
      { seq: 6, at: 6, kind: 'orderStatus', orderId: 'o3', viewerId: 'v-1', status: 'cancelled' },
    ]);
    expect(model.state().totals).toMatchObject({ orders: 1, units: 2, newOrders: 1, waitlisted: 0, gmv: [{ currency: 'CNY', amountMinor: 200 }] });
    model.apply([{ seq: 7, at: 7, kind: 'orderStatus', orderId: 'o2', viewerId: 'v-1', status: 'handled' }]);
    expect(model.state().totals).toMatchObject({ orders: 1, units: 2, newOrders: 0, waitlisted: 0 });
    expect(model.state().totals.byProduct).toEqual([{ productId: 'p1', productName: 'Silk scarf', orders: 1, units: 2, gmv: [{ currency: 'CNY', amountMinor: 200 }] }]);
  });

  it('keeps the newest activity lines in the summary, and the renderer’s copy follows', () => {
    const model = createPanelModel();
    model.welcome(welcome(0), 0);
    let mirror = model.state();
    for (let i = 0; i < PANEL_ACTIVITY_WINDOW + 5; i += 1) model.addActivity({ at: i, actor: 'Host', text: `pinned comment ${i}` });
    const event = model.takeEvent();
    if (event) mirror = applyPanelEvent(mirror, event);
    expect(model.state().activity).toHaveLength(PANEL_ACTIVITY_WINDOW);
    expect(model.state().activity.at(-1)?.text).toBe(`pinned comment ${PANEL_ACTIVITY_WINDOW + 4}`);
    expect(mirror.activity).toEqual(model.state().activity);
  });

  it('follows each product’s stock; only what changed after the welcome is live, for the catalogue', () => {
    const model = createPanelModel();
    model.welcome(welcome(2), 0);
    const scarf = { id: 'p1', name: 'Silk scarf', priceMinor: 100, listPriceMinor: null, currency: 'CNY' as const, stock: 9, photo: null };
    const replay = model.apply([
      { seq: 1, at: 1, kind: 'products', products: [scarf, { ...scarf, id: 'p2', stock: null }] },
      { seq: 2, at: 2, kind: 'stock', productId: 'p1', left: 8 },
    ]);
    expect(replay.liveStock.size).toBe(0);
    expect(replay.liveEvents).toEqual([]);
    expect([...model.stock()]).toEqual([
      ['p1', 8],
      ['p2', null],
    ]);
    const live = model.apply([
      { seq: 3, at: 3, kind: 'stock', productId: 'p1', left: 7 },
      { seq: 4, at: 4, kind: 'stock', productId: 'p1', left: 5 },
      { seq: 5, at: 5, kind: 'promotion', promotion: { product: { ...scarf, id: 'p2', stock: 3 }, flashSale: null, claimKeywords: [], startedAt: 5 } },
    ]);
    expect([...live.liveStock]).toEqual([
      ['p1', { left: 5, variants: new Map() }],
      ['p2', { left: 3, variants: new Map() }],
    ]);
    expect(live.liveEvents.map((event) => event.seq)).toEqual([3, 4, 5]);
    expect(model.lastPromotedId()).toBe('p2');
    model.apply([{ seq: 6, at: 6, kind: 'promotion', promotion: null }]);
    expect(model.promotion()).toBeNull();
    expect(model.lastPromotedId()).toBe('p2');
  });
});

describe('the room’s live layers', () => {
  it('fits room texts (counted in code points) to the layers’ limits (UTF-16 units) and never names the buyer in full', () => {
    expect(fitText('🌸'.repeat(40), 40)).toHaveLength(39);
    expect(fitText('short', 40)).toBe('short');
    expect(shortBuyerName('Lily Chen')).toBe('Li***');
    expect(shortBuyerName('李小明')).toBe('李***');
    expect(shortBuyerName('Bo')).toBe('B***');
    const patch = { ...pinnedLayer({ ...comment(1), name: '𝕬'.repeat(40), text: '😀'.repeat(500) }), ...purchaseToastLayer({ ...order(1, 3), buyerName: '<b>Mallory</b>' }, 5) };
    expect(liveLayersPatchSchema.safeParse(patch).success).toBe(true);
    expect(patch.purchaseToast?.text).toBe('<b***' + ' bought 3');
  });

  it('follows a product’s stock per variant, for the promotion card and the catalogue', () => {
    const model = createPanelModel();
    model.welcome(welcome(0), 1000);
    const tee = { id: 'tee', name: 'T-shirt', priceMinor: 9900, listPriceMinor: null, currency: 'CNY' as const, stock: 5, photo: null, variants: [{ id: 'l', label: 'L', stock: 3 }, { id: 'm', label: 'M', stock: 2 }] };
    const { liveStock } = model.apply([
      { seq: 1, at: 1, kind: 'promotion', promotion: { product: tee, flashSale: null, claimKeywords: [], startedAt: 1 } },
      { seq: 2, at: 2, kind: 'stock', productId: 'tee', left: 4, variant: { id: 'l', left: 2 } },
    ]);
    expect(model.promotion()?.product).toMatchObject({ stock: 4, variants: [{ id: 'l', stock: 2 }, { id: 'm', stock: 2 }] });
    expect(liveStock.get('tee')).toEqual({ left: 4, variants: new Map([['l', 2], ['m', 2]]) });
    model.apply([{ seq: 3, at: 3, kind: 'order', order: { ...order(9, 2), productId: 'tee', productName: 'T-shirt', variantId: 'l', variantLabel: 'L' } }]);
    expect(describeAction({ kind: 'markOrder', orderId: 'o9', status: 'handled' }, model)).toMatch(/^marked order \S+ \(Ana, T-shirt · L ×2\) handled$/);
  });
});
