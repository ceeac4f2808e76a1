import { describe, expect, it } from 'vitest';
import { offPanelState, type PanelComment, type PanelOrder, type PanelUpdate } from '../../contract/schemas/panel.std';
import { createStudioStore } from './studioStore.std';

const comment = (seq: number): PanelComment => ({ id: `c${seq}`, seq, viewerId: 'v', name: 'Ana', text: 'hi', at: seq, hidden: false });
const order = (seq: number): PanelOrder => ({
  id: `o${seq}`, seq, viewerId: 'v', productId: 'p', productName: 'Teapot', variantId: null, variantLabel: null, quantity: 1, unitPriceMinor: 100, amountMinor: 100,
  currency: 'CNY', buyerName: 'Ana', contact: null, note: null, status: 'new', source: 'buy', at: seq,
});
const update = (lastSeq: number, comments: PanelComment[], orders: PanelOrder[] = []): PanelUpdate => ({ kind: 'update', lastSeq, comments, hiddenCommentIds: [], orders, orderStatuses: [], summary: null });

describe('panel slice', () => {
  it('applies events, counts comments received and orders arrived live, not the first state', () => {
    const store = createStudioStore();
    store.getState().panelReceived({ ...offPanelState('x'), lastSeq: 2, orders: [order(1)] });
    expect(store.getState().ordersArrived).toBe(0);
    store.getState().panelEventReceived(update(4, [comment(3), comment(4)], [order(1), order(5)]));
    expect(store.getState().commentsReceived).toBe(2);
    expect(store.getState().ordersArrived).toBe(1);
    expect(store.getState().panel.orders.map((o) => o.id)).toEqual(['o1', 'o5']);
    expect(store.getState().panel.comments).toHaveLength(2);
  });

  it('does not ring for a whole state that replaces an empty panel', () => {
    const store = createStudioStore();
    store.getState().panelEventReceived({ kind: 'state', state: { ...offPanelState('x'), lastSeq: 9, orders: [order(1), order(2)] } });
    expect(store.getState().ordersArrived).toBe(0);
    store.getState().panelEventReceived({ kind: 'state', state: { ...offPanelState('x'), lastSeq: 12, orders: [order(1), order(2), order(11)] } });
    expect(store.getState().ordersArrived).toBe(1);
  });
});
