import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

// The comment list follows the newest comment until the reader scrolls up (or selects one to act
// on); then it holds still — the rows on screen are frozen, so a comment being read or clicked
// cannot slide away at 2,000 comments a second — and counts what arrived below. Reaching the
// bottom again, or the "N new ↓" button, resumes.

export type AutoScroll = { mode: 'following' } | { mode: 'paused'; afterSeq: number };

export type AutoScrollEvent =
  /** The reader scrolled up, or picked a comment; `newestSeq` is the newest comment shown then. */
  | { kind: 'held'; newestSeq: number }
  | { kind: 'reachedBottom' }
  | { kind: 'resume' };

export const following: AutoScroll = { mode: 'following' };

export function nextAutoScroll(state: AutoScroll, event: AutoScrollEvent): AutoScroll {
  switch (event.kind) {
    case 'held':
      return state.mode === 'paused' ? state : { mode: 'paused', afterSeq: event.newestSeq };
    case 'reachedBottom':
    case 'resume':
      return state.mode === 'following' ? state : following;
  }
}

/** What the "N new ↓" button says: comments newer than the pause; "500+" once the window has moved past it entirely. */
export function unseenLabel(state: AutoScroll, comments: readonly { seq: number }[], { t }: StudioTranslator): string | null {
  if (state.mode === 'following') return null;
  const first = comments[0];
  let unseen = 0;
  for (let index = comments.length - 1; index >= 0 && (comments[index]?.seq ?? 0) > state.afterSeq; index -= 1) unseen += 1;
  if (unseen === 0) return null;
  const all = first !== undefined && first.seq > state.afterSeq + 1 && unseen === comments.length;
  return all ? t('comments.unseenMore', { count: comments.length }) : t('comments.unseen', { count: unseen });
}

/**
 * While paused the reader sees the comments they paused on, each as the window has it now (a
 * hidden flag comes through) or, once it has left the window, as it was. Unchanged comments keep
 * their identity, so memoised rows do not re-render.
 */
export function refreshFrozen<T extends { id: string }>(frozen: readonly T[], current: ReadonlyMap<string, T>): T[] {
  let changed = false;
  const refreshed = frozen.map((item) => {
    const now = current.get(item.id);
    if (now === undefined || now === item) return item;
    changed = true;
    return now;
  });
  return changed ? refreshed : (frozen as T[]);
}

/** Within this many pixels of the end the list counts as at the bottom (sub-pixel rounding, a last row still measuring). */
export const BOTTOM_SLACK_PX = 24;

export function isAtBottom(scrollTop: number, scrollHeight: number, clientHeight: number): boolean {
  return scrollHeight - scrollTop - clientHeight <= BOTTOM_SLACK_PX;
}
