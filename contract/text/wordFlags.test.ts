import { describe, expect, it } from 'vitest';
import { defaultFlaggedSuperlatives } from '../schemas/settings.std';
import { findFlaggedWords, type WordLists } from './wordFlags.std';

const lists: WordLists = { blockedWords: ['微信', 'WeChat', 'scam'], flaggedSuperlatives: [...defaultFlaggedSuperlatives] };
const flagged = (text: string, with_: WordLists = lists) => findFlaggedWords(text, with_).map((flag) => [text.slice(flag.start, flag.end), flag.word, flag.kind]);

describe('findFlaggedWords', () => {
  it('finds CJK words anywhere in the text, with offsets into the original', () => {
    expect(flagged('全网最低价，第一品牌')).toEqual([
      ['最', '最', 'superlative'],
      ['第一', '第一', 'superlative'],
    ]);
    expect(findFlaggedWords('加我微信', lists)).toEqual([{ start: 2, end: 4, word: '微信', kind: 'blocked' }]);
  });

  it('matches Latin words whole, ignoring case: "best" flags "The BEST-price" but not "bestow" or "bestseller"', () => {
    expect(flagged('The BEST-price!')).toEqual([['BEST', 'best', 'superlative']]);
    expect(flagged('bestow a bestseller, Best.')).toEqual([['Best', 'best', 'superlative']]);
    expect(flagged('全网best')).toEqual([['best', 'best', 'superlative']]);
    expect(flagged('a scammer')).toEqual([]);
  });

  it('matches phrases across any spacing and keeps a digit boundary: "No. 1" flags "no.1" but not "No. 12"', () => {
    expect(flagged('We are no.1 and NO.   1')).toEqual([
      ['no.1', 'No. 1', 'superlative'],
      ['NO.   1', 'No. 1', 'superlative'],
    ]);
    expect(flagged('Item No. 12')).toEqual([]);
    expect(flagged('the number one choice')).toEqual([['number one', 'number one', 'superlative']]);
    expect(flagged('2100% cotton, 100% silk')).toEqual([['100%', '100%', 'superlative']]);
  });

  it('sees through full-width letters and decomposed accents (NFKC), keeping offsets into the original', () => {
    const text = 'ＢＥＳＴ ｗｅｃｈａｔ';
    expect(flagged(text)).toEqual([
      ['ＢＥＳＴ', 'best', 'superlative'],
      ['ｗｅｃｈａｔ', 'WeChat', 'blocked'],
    ]);
    const accents: WordLists = { blockedWords: ['café'], flaggedSuperlatives: [] };
    // "e" + combining acute, after an astral emoji: offsets in UTF-16 units.
    const decomposed = '😀 cafe\u0301!';
    expect(findFlaggedWords(decomposed, accents)).toEqual([{ start: 3, end: 8, word: 'café', kind: 'blocked' }]);
  });

  it('merges overlapping matches: the longest wins, a blocked word over a superlative of the same length', () => {
    const overlapping: WordLists = { blockedWords: ['最低价'], flaggedSuperlatives: ['最', '低价', '第一', '第一名'] };
    expect(flagged('全网最低价第一名', overlapping)).toEqual([
      ['最低价', '最低价', 'blocked'],
      ['第一名', '第一名', 'superlative'],
    ]);
    expect(flagged('best', { blockedWords: ['BEST'], flaggedSuperlatives: ['best'] })).toEqual([['best', 'BEST', 'blocked']]);
  });

  it('ignores empty words and treats regex characters as text', () => {
    expect(flagged('a+b (c) [d]', { blockedWords: ['  ', '(c)', 'a+b', '[d]'], flaggedSuperlatives: [] })).toEqual([
      ['a+b', 'a+b', 'blocked'],
      ['(c)', '(c)', 'blocked'],
      ['[d]', '[d]', 'blocked'],
    ]);
    expect(findFlaggedWords('anything', { blockedWords: [], flaggedSuperlatives: [] })).toEqual([]);
    expect(findFlaggedWords('', lists)).toEqual([]);
  });

  it('is fast enough for a panel at 2,000 comments a second with full lists', () => {
    const big: WordLists = { blockedWords: Array.from({ length: 500 }, (_, i) => `blocked${i}`), flaggedSuperlatives: [...defaultFlaggedSuperlatives] };
    const started = performance.now();
    let found = 0;
    for (let i = 0; i < 2000; i += 1) found += findFlaggedWords(`comment ${i}: is this the best 围巾? 最好 blocked${i % 500}`, big).length;
    expect(found).toBe(6000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
