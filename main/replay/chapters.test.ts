import { describe, expect, it } from 'vitest';
import { chaptersOf } from './chapters.std';

const line = (value: object) => JSON.stringify(value);
const live = line({ at: 1_000_000, seq: 0, kind: 'live' });
const promoted = (at: number, id: string, name: string) => line({ at: 1_000_000 + at, seq: at, kind: 'promotion', product: { id, name }, flashSale: null, claimKeywords: [] });
const ended = (at: number) => line({ at: 1_000_000 + at, seq: at, kind: 'promotion', product: null, flashSale: null, claimKeywords: [] });

describe('a show’s chapters from its timeline', () => {
  it('runs each promotion to the next one, to its end, or to the end of the show', () => {
    const text = [live, promoted(10_000, 'p1', 'Teapot'), line({ at: 1_015_000, kind: 'comment' }), promoted(60_000, 'p2', 'Scarf'), ended(90_500), promoted(120_000, 'p3', 'Mug'), ''].join('\n');
    expect(chaptersOf(text)).toEqual([
      { productId: 'p1', productName: 'Teapot', startSec: 10, endSec: 60 },
      { productId: 'p2', productName: 'Scarf', startSec: 60, endSec: 90.5 },
      { productId: 'p3', productName: 'Mug', startSec: 120, endSec: null },
    ]);
  });

  it('skips a torn last line and lines it cannot read, and has no chapters without the live line', () => {
    expect(chaptersOf([live, promoted(5000, 'p1', 'Teapot'), '{"at": 1006000, "kind": "promot'].join('\n'))).toEqual([{ productId: 'p1', productName: 'Teapot', startSec: 5, endSec: null }]);
    expect(chaptersOf([promoted(5000, 'p1', 'Teapot')].join('\n'))).toEqual([]);
    expect(chaptersOf('not json\n\n')).toEqual([]);
  });

  it('drops a promotion replaced in the same instant', () => {
    expect(chaptersOf([live, promoted(5000, 'p1', 'Teapot'), promoted(5000, 'p2', 'Scarf')].join('\n'))).toEqual([{ productId: 'p2', productName: 'Scarf', startSec: 5, endSec: null }]);
  });
});
