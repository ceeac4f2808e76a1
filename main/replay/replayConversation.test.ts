import { describe, expect, it } from 'vitest';
import { orderSpikes, replayConversation } from './replayConversation.std';
import { readShowTimeline } from '../ffmpeg/showTimeline.std';

const live = 1_000_000;
const line = (at: number, kind: string, rest: Record<string, unknown> = {}) => JSON.stringify({ at: live + at, seq: at, kind, ...rest });
const order = (at: number, id: string, status = 'new') =>
  line(at, 'order', { order: { id, viewerId: 'v', productId: 'p1', productName: 'Silk scarf', quantity: 1, unitPriceMinor: 100, amountMinor: 100, currency: 'CNY', buyerName: `<b>${id}</b>`, status, source: 'buy', at: live + at } });

describe('the replay conversation', () => {
  it('finds bursts of orders, one mark each, and none for scattered ones', () => {
    expect(orderSpikes([0, 1000, 2000, 100_000, 200_000, 201_000, 202_000, 203_000])).toEqual([
      { atMs: 0, orders: 3 },
      { atMs: 200_000, orders: 4 },
    ]);
    expect(orderSpikes([0, 40_000, 80_000])).toEqual([]);
  });

  it('reads comments without the hidden ones, orders with their last status, and the marks in time order; a torn last line is skipped', () => {
    const text = [
      JSON.stringify({ at: live, seq: 0, kind: 'live' }),
      line(5_000, 'promotion', { product: { id: 'p1', name: 'Silk scarf' } }),
      line(6_000, 'comment', { comment: { id: 'c1', viewerId: 'v', name: 'Ana', text: '<img src=x onerror=alert(1)>', at: live + 6_000 } }),
      line(7_000, 'comment', { comment: { id: 'c2', viewerId: 'v', name: 'Spam', text: 'buy followers', at: live + 7_000 } }),
      line(7_500, 'commentHidden', { commentId: 'c2' }),
      line(8_000, 'pinned', { comment: { id: 'c1', name: 'Ana', text: '<img src=x onerror=alert(1)>' } }),
      order(10_000, 'o1'),
      order(11_000, 'o2'),
      order(12_000, 'o3'),
      line(13_000, 'orderStatus', { orderId: 'o2', status: 'cancelled' }),
      order(14_000, 'o4'),
      line(60_000, 'promotion', { product: { id: 'p2', name: 'Tea set' } }),
      '{"at": 1000070000, "kind": "comm',
    ].join('\n');
    const timeline = readShowTimeline(text, { durationMs: 90_000 });
    const replay = replayConversation(timeline, 90_000);
    expect(replay.comments).toEqual([{ atMs: 6_000, id: 'c1', name: 'Ana', text: '<img src=x onerror=alert(1)>' }]);
    expect(replay.orders.map((entry) => [entry.id, entry.atMs, entry.status, entry.buyerName])).toEqual([
      ['o1', 10_000, 'new', '<b>o1</b>'],
      ['o2', 11_000, 'cancelled', '<b>o2</b>'],
      ['o3', 12_000, 'new', '<b>o3</b>'],
      ['o4', 14_000, 'new', '<b>o4</b>'],
    ]);
    expect(replay.marks).toEqual([
      { kind: 'promotion', atMs: 5_000, endMs: 60_000, productId: 'p1', productName: 'Silk scarf' },
      { kind: 'pin', atMs: 8_000, name: 'Ana', text: '<img src=x onerror=alert(1)>' },
      // o2 was cancelled: three standing orders in the burst.
      { kind: 'orders', atMs: 10_000, orders: 3 },
      { kind: 'promotion', atMs: 60_000, endMs: 90_000, productId: 'p2', productName: 'Tea set' },
    ]);
  });

  it('leaves out what came after the recording stopped', () => {
    const text = [JSON.stringify({ at: live, seq: 0, kind: 'live' }), order(5_000, 'o1'), order(50_000, 'o2')].join('\n');
    expect(replayConversation(readShowTimeline(text, { durationMs: 20_000 }), 20_000).orders.map((entry) => entry.id)).toEqual(['o1']);
  });
});
