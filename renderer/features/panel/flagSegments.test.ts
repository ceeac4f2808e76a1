import { describe, expect, it } from 'vitest';
import { segmentsOf } from './flagSegments.std';
import { findFlaggedWords, type FlaggedWord } from '../../../contract/text/wordFlags.std';

const flag = (start: number, end: number, kind: FlaggedWord['kind'] = 'superlative'): FlaggedWord => ({ start, end, word: 'x', kind });

describe('segmentsOf', () => {
  it('leaves unflagged text whole', () => {
    expect(segmentsOf('hello', [])).toEqual([{ text: 'hello', flag: null }]);
  });

  it('cuts plain and flagged runs from offsets', () => {
    const text = 'the best teapot, cheapest too';
    const flags = findFlaggedWords(text, { blockedWords: [], flaggedSuperlatives: ['best', 'cheapest'] });
    expect(segmentsOf(text, flags).map((segment) => [segment.text, segment.flag?.kind ?? null])).toEqual([
      ['the ', null],
      ['best', 'superlative'],
      [' teapot, ', null],
      ['cheapest', 'superlative'],
      [' too', null],
    ]);
  });

  it('keeps the earliest of overlapping flags, in any order, and joins back to the text', () => {
    const text = 'number one best';
    const segments = segmentsOf(text, [flag(11, 15), flag(7, 10), flag(0, 10, 'blocked')]);
    expect(segments.map((segment) => segment.text)).toEqual(['number one', ' ', 'best']);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
  });

  it('clamps offsets past the text and drops empty flags', () => {
    expect(segmentsOf('abc', [flag(2, 99), flag(1, 1), flag(-5, 0)])).toEqual([
      { text: 'ab', flag: null },
      { text: 'c', flag: flag(2, 99) },
    ]);
  });

  it('keeps hostile text as text: markup is just characters in a segment', () => {
    const text = '<img src=x onerror=alert(1)> best';
    const segments = segmentsOf(text, findFlaggedWords(text, { blockedWords: [], flaggedSuperlatives: ['best'] }));
    expect(segments[0]?.text).toBe('<img src=x onerror=alert(1)> ');
  });
});
