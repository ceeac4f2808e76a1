import { describe, expect, it } from 'vitest';
import { productsPromoted, readShowTimeline } from './showTimeline.std';

const liveAt = 1_800_000_000_000;
const line = (at: number, kind: string, rest: object = {}) => JSON.stringify({ at: liveAt + at, seq: at, kind, ...rest });
const live = JSON.stringify({ at: liveAt, seq: 0, kind: 'live', showId: 'show' });
const promoted = (at: number, id: string, name: string) => line(at, 'promotion', { product: { id, name, priceMinor: 1000, listPriceMinor: null, currency: 'EUR', stock: null }, flashSale: null, claimKeywords: [] });
const ended = (at: number) => line(at, 'promotion', { product: null, flashSale: null, claimKeywords: [] });
const order = (at: number, id: string, productId: string, quantity: number, amountMinor: number, currency = 'EUR', status = 'new') =>
  line(at, 'order', { order: { id, viewerId: 'v', productId, productName: productId === 'p1' ? 'Teapot' : 'Scarf', quantity, unitPriceMinor: amountMinor / quantity, amountMinor, currency, buyerName: 'Ann', status, source: 'buy', at: liveAt + at } });
const comment = (at: number, id: string) => line(at, 'comment', { comment: { id, viewerId: 'v', name: 'Ann', text: 'hello', at: liveAt + at } });

describe('reading a show’s timeline', () => {
  it('turns promotions into chapters that end at the next promotion, at their end, or at the end of the show', () => {
    const text = [live, promoted(10_000, 'p1', 'Teapot'), comment(15_000, 'c1'), promoted(60_000, 'p2', 'Scarf'), ended(90_500), promoted(120_000, 'p3', 'Mug'), ''].join('\n');
    expect(readShowTimeline(text).chapters).toEqual([
      { productId: 'p1', productName: 'Teapot', startMs: 10_000, endMs: 60_000 },
      { productId: 'p2', productName: 'Scarf', startMs: 60_000, endMs: 90_500 },
      { productId: 'p3', productName: 'Mug', startMs: 120_000, endMs: null },
    ]);
    // Knowing the recording's length closes the last chapter, and drops what came after the recording.
    expect(readShowTimeline(text, { durationMs: 150_000 }).chapters.at(-1)).toEqual({ productId: 'p3', productName: 'Mug', startMs: 120_000, endMs: 150_000 });
    expect(readShowTimeline(text, { durationMs: 75_000 }).chapters.map((chapter) => [chapter.productId, chapter.endMs])).toEqual([['p1', 60_000], ['p2', 75_000]]);
  });

  it('keeps one chapter when the same product is promoted again without a break, and drops one replaced in the same instant', () => {
    const text = [live, promoted(5000, 'p1', 'Teapot'), promoted(5000, 'p2', 'Scarf'), promoted(9000, 'p2', 'Scarf'), promoted(20_000, 'p1', 'Teapot')].join('\n');
    expect(readShowTimeline(text).chapters).toEqual([
      { productId: 'p2', productName: 'Scarf', startMs: 5000, endMs: 20_000 },
      { productId: 'p1', productName: 'Teapot', startMs: 20_000, endMs: null },
    ]);
    expect(productsPromoted(readShowTimeline(text).chapters)).toEqual([{ productId: 'p2', productName: 'Scarf' }, { productId: 'p1', productName: 'Teapot' }]);
  });

  it('skips a torn last line, unreadable lines and unknown kinds', () => {
    const text = [live, promoted(5000, 'p1', 'Teapot'), 'not json', line(6000, 'confetti', { colour: 'red' }), '[1,2]', '{"at": 1800000007000, "kind": "promot'].join('\n');
    const read = readShowTimeline(text);
    expect(read.chapters).toEqual([{ productId: 'p1', productName: 'Teapot', startMs: 5000, endMs: null }]);
    expect(read.skippedLines).toBe(3);
    expect(read.liveAt).toBe(liveAt);
    expect(read.lastEventMs).toBe(6000);
  });

  it('has no chapters without the live line, nor from an empty file', () => {
    expect(readShowTimeline(promoted(5000, 'p1', 'Teapot')).chapters).toEqual([]);
    expect(readShowTimeline('')).toMatchObject({ liveAt: null, chapters: [], comments: 0, lastEventMs: null, orders: { orders: 0, units: 0, gmv: [] } });
  });

  it('totals orders by currency and product, without the cancelled ones, whatever order the status lines come in', () => {
    const text = [
      live,
      order(1000, 'o1', 'p1', 2, 5000),
      order(2000, 'o2', 'p1', 1, 2500),
      order(3000, 'o3', 'p2', 3, 900, 'GBP'),
      line(4000, 'orderStatus', { orderId: 'o2', viewerId: 'v', status: 'cancelled' }),
      line(4500, 'orderStatus', { orderId: 'o4', viewerId: 'v', status: 'cancelled' }),
      order(4400, 'o4', 'p2', 1, 300, 'GBP'),
      order(5000, 'o5', 'p2', 1, 1000),
      line(6000, 'orderStatus', { orderId: 'o5', viewerId: 'v', status: 'handled' }),
      order(7000, 'o6', 'p1', 1, 2500, 'EUR', 'cancelled'),
    ].join('\n');
    expect(readShowTimeline(text).orders).toEqual({
      orders: 3,
      units: 6,
      gmv: [{ currency: 'EUR', amountMinor: 6000 }, { currency: 'GBP', amountMinor: 900 }],
      byProduct: [
        { productId: 'p1', productName: 'Teapot', orders: 1, units: 2, gmv: [{ currency: 'EUR', amountMinor: 5000 }] },
        { productId: 'p2', productName: 'Scarf', orders: 2, units: 4, gmv: [{ currency: 'EUR', amountMinor: 1000 }, { currency: 'GBP', amountMinor: 900 }] },
      ],
    });
  });

  it('counts the comments left standing and reads the pins', () => {
    const text = [
      live,
      comment(1000, 'c1'),
      comment(2000, 'c2'),
      line(2500, 'pinned', { comment: { id: 'c2', viewerId: 'v', name: 'Ann', text: 'hello', at: liveAt + 2000 } }),
      line(3000, 'commentHidden', { commentId: 'c1' }),
      line(4000, 'pinned', { comment: null }),
    ].join('\n');
    const read = readShowTimeline(text);
    expect(read.comments).toBe(1);
    expect(read.pins).toEqual([{ atMs: 2500, comment: { id: 'c2', name: 'Ann', text: 'hello' } }, { atMs: 4000, comment: null }]);
  });
});
