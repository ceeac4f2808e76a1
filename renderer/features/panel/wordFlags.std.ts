import type { LivePanelSettings } from '../../../contract/schemas/settings.std';

// The panel's side of word flagging. `findFlaggedWords` is the contract's (contract/text/
// wordFlags.std.ts); until it is in the tree this file holds a stand-in with the same signature, so
// only this import changes when it lands.

export type WordFlagKind = 'blocked' | 'superlative';

export interface WordFlag {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  word: string;
  kind: WordFlagKind;
}

export type WordLists = Pick<LivePanelSettings, 'blockedWords' | 'flaggedSuperlatives'>;

/** Every occurrence of every listed word, ignoring case, in text order. */
export function findFlaggedWords(text: string, lists: WordLists): WordFlag[] {
  const lower = text.toLowerCase();
  const flags: WordFlag[] = [];
  const scan = (words: readonly string[], kind: WordFlagKind) => {
    for (const word of words) {
      const needle = word.toLowerCase();
      if (needle === '') continue;
      for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
        flags.push({ start: at, end: at + needle.length, word, kind });
      }
    }
  };
  scan(lists.blockedWords, 'blocked');
  scan(lists.flaggedSuperlatives, 'superlative');
  return flags.sort((a, b) => a.start - b.start || b.end - a.end);
}
