import { describe, expect, it } from 'vitest';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { following, isAtBottom, nextAutoScroll, refreshFrozen, unseenLabel as labelIn, type AutoScroll } from './autoScroll.std';

const unseenLabel = (state: AutoScroll, comments: readonly { seq: number }[]) => labelIn(state, comments, createStudioTranslator('en'));

const seqs = (...values: number[]) => values.map((seq) => ({ seq }));

describe('auto-scroll', () => {
  it('follows until held, stays paused on the first hold, resumes at the bottom or on the button', () => {
    let state: AutoScroll = following;
    state = nextAutoScroll(state, { kind: 'held', newestSeq: 10 });
    expect(state).toEqual({ mode: 'paused', afterSeq: 10 });
    expect(nextAutoScroll(state, { kind: 'held', newestSeq: 30 })).toBe(state);
    expect(nextAutoScroll(state, { kind: 'reachedBottom' })).toEqual(following);
    expect(nextAutoScroll(state, { kind: 'resume' })).toEqual(following);
    expect(nextAutoScroll(following, { kind: 'reachedBottom' })).toBe(following);
  });

  it('counts what arrived after the pause', () => {
    expect(unseenLabel(following, seqs(1, 2, 3))).toBeNull();
    expect(unseenLabel({ mode: 'paused', afterSeq: 3 }, seqs(1, 2, 3))).toBeNull();
    expect(unseenLabel({ mode: 'paused', afterSeq: 3 }, seqs(2, 3, 4, 9, 15))).toBe('3 new ↓');
    expect(labelIn({ mode: 'paused', afterSeq: 3 }, seqs(2, 3, 4, 9, 15), createStudioTranslator('zh-CN'))).toBe('3 条新评论 ↓');
    // The window moved past the pause entirely: more than it holds arrived.
    expect(unseenLabel({ mode: 'paused', afterSeq: 3 }, seqs(100, 101))).toBe('2+ new ↓');
  });

  it('refreshes frozen rows from the window, keeping identities', () => {
    const a = { id: 'a', hidden: false };
    const b = { id: 'b', hidden: false };
    const frozen = [a, b];
    expect(refreshFrozen(frozen, new Map([['a', a]]))).toBe(frozen);
    const hiddenB = { id: 'b', hidden: true };
    const refreshed = refreshFrozen(frozen, new Map([['a', a], ['b', hiddenB]]));
    expect(refreshed[0]).toBe(a);
    expect(refreshed[1]).toBe(hiddenB);
  });

  it('counts as at the bottom within a little slack', () => {
    expect(isAtBottom(980, 1500, 500)).toBe(true);
    expect(isAtBottom(900, 1500, 500)).toBe(false);
  });
});
