import { useMemo } from 'react';
import type { PanelComment } from '../../../contract/schemas/panel.std';
import { useStudio } from '../../app/studioContext.dom';
import { findFlaggedWords, type FlaggedWord } from '../../../contract/text/wordFlags.std';

const none: readonly FlaggedWord[] = [];

/**
 * A comment's flagged words under the current lists. Kept per comment object (a comment's text
 * never changes) and dropped with it, so each comment is scanned once per list change, and rows
 * get the same array each render (memo holds).
 */
export function useWordFlags(): (comment: PanelComment) => readonly FlaggedWord[] {
  const blockedWords = useStudio((state) => state.settings.livePanel.blockedWords);
  const flaggedSuperlatives = useStudio((state) => state.settings.livePanel.flaggedSuperlatives);
  return useMemo(() => {
    const lists = { blockedWords, flaggedSuperlatives };
    const cache = new WeakMap<PanelComment, readonly FlaggedWord[]>();
    return (comment: PanelComment) => {
      let flags = cache.get(comment);
      if (flags === undefined) {
        const found = findFlaggedWords(comment.text, lists);
        flags = found.length === 0 ? none : found;
        cache.set(comment, flags);
      }
      return flags;
    };
  }, [blockedWords, flaggedSuperlatives]);
}
