import { describe, expect, it } from 'vitest';
import { buildChapterMetadata } from './chapterMetadata.std';

describe('chapter metadata', () => {
  it('writes chapters back to back from 0, escaped, ending within the recording', () => {
    const text = buildChapterMetadata(
      'Spring = sale; #1',
      [
        { productId: 'a', productName: 'Tea\\pot', startMs: 2000, endMs: 5000 },
        { productId: 'b', productName: 'Scarf', startMs: 8000, endMs: null },
        { productId: 'c', productName: 'After the end', startMs: 90_000, endMs: null },
      ],
      60_000,
    );
    expect(text.split('\n')).toEqual([
      ';FFMETADATA1',
      'title=Spring \\= sale\\; \\#1',
      ...['[CHAPTER]', 'TIMEBASE=1/1000', 'START=0', 'END=2000', 'title=Opening'],
      ...['[CHAPTER]', 'TIMEBASE=1/1000', 'START=2000', 'END=5000', 'title=Tea\\\\pot'],
      ...['[CHAPTER]', 'TIMEBASE=1/1000', 'START=5000', 'END=8000', 'title=Between products'],
      ...['[CHAPTER]', 'TIMEBASE=1/1000', 'START=8000', 'END=60000', 'title=Scarf'],
      '',
    ]);
  });

  it('gives the time after the last promotion a chapter of its own', () => {
    const text = buildChapterMetadata(null, [{ productId: 'a', productName: 'Teapot', startMs: 0, endMs: 10_000 }], 60_000);
    expect(text).toContain('START=0\nEND=10000\ntitle=Teapot\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=10000\nEND=60000\ntitle=After the products');
    expect(buildChapterMetadata(null, [], 60_000)).toBe(';FFMETADATA1\n');
  });
});
