import { describe, expect, it } from 'vitest';
import { withoutSeq, withSeq } from './roomEventLog.std';

describe('an event body with and without its seq', () => {
  it('takes off the seq the room writes first, byte for byte, and withSeq puts it back', () => {
    const stored = JSON.stringify({ seq: 41, at: 1_700_000_000_000, kind: 'comment', comment: { text: '要 L 2, "seq":9' } });
    const bare = withoutSeq(stored);
    expect(bare).toBe(JSON.stringify({ at: 1_700_000_000_000, kind: 'comment', comment: { text: '要 L 2, "seq":9' } }));
    expect(withSeq(41, bare)).toBe(stored);
    expect(withoutSeq('{"seq":7}')).toBe('{}');
  });

  it('still finds a seq that is not first', () => {
    expect(JSON.parse(withoutSeq('{"at":1,"seq":3,"kind":"likes"}'))).toEqual({ at: 1, kind: 'likes' });
  });
});
