import { roomLimits } from '../../contract/room/roomMessages.std';

// Comment-to-claim: a viewer comments the promotion's claim word ("+1", "SOLD", "要") to take one,
// or the word and a quantity ("要2", "SOLD 3", "+1 x2", "SOLD ×2"). The comment must be exactly
// that: "+1 love it" is a comment, not a claim. Phones type full-width forms (＋１, ＳＯＬＤ) and
// any case, so both sides are compared after NFKC and case folding.

export interface ClaimMatch {
  quantity: number;
}

/** NFKC turns full-width letters, digits and spaces into ASCII ones; upper then lower folds ß and ſ as well as case. */
const fold = (text: string) => text.normalize('NFKC').toUpperCase().toLowerCase().trim();

/** After the word: optional spaces, an optional "x", "×" or "*", then the quantity. */
const quantityAfterWord = /^\s*(?:[x×*]\s*)?(\d{1,4})$/u;
const endsWithDigit = /\d$/u;

/** A matcher for one promotion's words, folded once; null when claims are off. */
export function claimMatcher(keywords: readonly string[]): ((text: string) => ClaimMatch | null) | null {
  const words = keywords.map(fold).filter((word) => word.length > 0);
  if (words.length === 0) return null;
  return (text) => {
    const comment = fold(text);
    for (const word of words) {
      if (!comment.startsWith(word)) continue;
      const rest = comment.slice(word.length);
      if (rest === '') return { quantity: 1 };
      const found = quantityAfterWord.exec(rest);
      if (!found?.[1]) continue;
      // "+12" is not "+1" twice: after a word ending in a digit the quantity needs a space or an "x".
      if (endsWithDigit.test(word) && /^\d/u.test(rest)) continue;
      const quantity = Number(found[1]);
      if (quantity >= 1 && quantity <= roomLimits.maxQuantity) return { quantity };
    }
    return null;
  };
}

export function matchClaim(text: string, keywords: readonly string[]): ClaimMatch | null {
  return claimMatcher(keywords)?.(text) ?? null;
}
