import { describe, expect, it } from 'vitest';
import type { PanelComment, PanelOrder } from '../../../contract/schemas/panel.std';
import { buyersOf, filterComments } from './commentFilters.std';
import { countByStatus, filterOrders, formatMoneyByCurrency, orderBadge } from './orderFilters.std';

const comment = (seq: number, viewerId: string, text: string, name = `viewer ${viewerId}`): PanelComment => ({ id: `c${seq}`, seq, viewerId, name, text, at: seq, hidden: false });
const order = (seq: number, viewerId: string, status: PanelOrder['status']): PanelOrder => ({
  id: `o${seq}`,
  seq,
  viewerId,
  productId: 'p1',
  productName: 'Teapot', variantId: null, variantLabel: null,
  quantity: 1,
  unitPriceMinor: 1990,
  amountMinor: 1990,
  currency: 'CNY',
  buyerName: 'Ana',
  contact: null,
  note: null,
  status,
  source: 'buy',
  at: seq,
});

const comments = [comment(1, 'v1', 'Love it'), comment(2, 'v2', 'How much?'), comment(3, 'v3', 'the best one', 'Zed'), comment(4, 'v1', '有货吗')];
const query = { filter: 'all' as const, search: '', buyers: new Set<string>(), isFlagged: (c: PanelComment) => c.text.includes('best') };

describe('comment filters', () => {
  it('returns the window itself for all without a search', () => {
    expect(filterComments(comments, query)).toBe(comments);
  });

  it('filters questions, buyers and flagged', () => {
    expect(filterComments(comments, { ...query, filter: 'questions' }).map((c) => c.seq)).toEqual([2, 4]);
    const buyers = buyersOf([order(1, 'v1', 'new'), order(2, 'v2', 'cancelled')]);
    expect([...buyers]).toEqual(['v1']);
    expect(filterComments(comments, { ...query, filter: 'buyers', buyers }).map((c) => c.seq)).toEqual([1, 4]);
    expect(filterComments(comments, { ...query, filter: 'flagged' }).map((c) => c.seq)).toEqual([3]);
  });

  it('searches text and names, ignoring case', () => {
    expect(filterComments(comments, { ...query, search: ' LOVE ' }).map((c) => c.seq)).toEqual([1]);
    expect(filterComments(comments, { ...query, search: 'zed' }).map((c) => c.seq)).toEqual([3]);
    expect(filterComments(comments, { ...query, filter: 'questions', search: 'much' }).map((c) => c.seq)).toEqual([2]);
  });
});

describe('orders', () => {
  const orders = [order(1, 'v1', 'handled'), order(2, 'v2', 'new'), order(3, 'v3', 'waitlisted'), order(4, 'v4', 'new')];

  it('lists newest first, by status', () => {
    expect(filterOrders(orders, 'all').map((o) => o.seq)).toEqual([4, 3, 2, 1]);
    expect(filterOrders(orders, 'new').map((o) => o.seq)).toEqual([4, 2]);
    expect(filterOrders(orders, 'waitlisted').map((o) => o.seq)).toEqual([3]);
    expect(countByStatus(orders)).toEqual({ new: 2, handled: 1, cancelled: 0, waitlisted: 1 });
  });

  it('badges the new orders, none at zero, capped', () => {
    expect(orderBadge(0)).toBeNull();
    expect(orderBadge(3)).toBe('3');
    expect(orderBadge(120)).toBe('99+');
  });

  it('writes GMV per currency', () => {
    expect(formatMoneyByCurrency([])).toBe('—');
    expect(formatMoneyByCurrency([{ currency: 'CNY', amountMinor: 199000 }, { currency: 'USD', amountMinor: 2500 }])).toBe('¥1,990.00 + $25.00');
  });
});
