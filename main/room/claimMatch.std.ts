import { roomLimits } from '../../contract/room/roomMessages.std';
import { variantKey } from '../../contract/schemas/variant.std';

// Comment-to-claim: a viewer comments the promotion's claim word ("+1", "SOLD", "要") to take one,
// or the word and a quantity ("要2", "SOLD 3", "+1 x2", "SOLD ×2"). The comment must be exactly
// that: "+1 love it" is a comment, not a claim. Phones type full-width forms (＋１, ＳＯＬＤ) and
// any case, so both sides are compared after NFKC and case folding.
//
// A product with variants is claimed by naming one, after the word or alone: "要 L 2", "要L",
// "+1 M", "SOLD XL x3", "L 2", "红色 L" (the label "红色 / L"). Labels are compared as
// `variantKey` folds them (separators and spaces dropped, so CJK needs none), the longest label
// that fits first ("XL" before "L"), then "码"/"号" (how a size is said), then the quantity. A
// claim word without a label is still a claim, with no variant: the room asks which.

export interface ClaimMatch {
  quantity: number;
  /** The variant named; null when the product has none or the comment named none. */
  variantId: string | null;
}

export interface ClaimVariant {
  id: string;
  label: string;
}

/** NFKC turns full-width letters, digits and spaces into ASCII ones; upper then lower folds ß and ſ as well as case. */
const fold = (text: string) => text.normalize('NFKC').toUpperCase().toLowerCase().trim();

/** After the word: optional spaces, an optional "x", "×" or "*", then the quantity. */
const quantityAfterWord = /^\s*(?:[x×*]\s*)?(\d{1,4})$/u;
const endsWithDigit = /\d$/u;
/** After a label, folded: "码" or "号" (a size said in words), then nothing or a quantity. */
const afterLabel = /^[码號号]?(?:[x×*]?(\d{1,4}))?$/u;

const inRange = (quantity: number) => quantity >= 1 && quantity <= roomLimits.maxQuantity;

/** A matcher for one promotion's words and the promoted product's variants, folded once; null when claims are off. */
export function claimMatcher(keywords: readonly string[], variants: readonly ClaimVariant[] = []): ((text: string) => ClaimMatch | null) | null {
  const words = keywords.map(fold).filter((word) => word.length > 0);
  if (words.length === 0) return null;
  const labels = variants
    .map((variant) => ({ id: variant.id, key: variantKey(variant.label) }))
    .filter((label) => label.key.length > 0)
    .sort((a, b) => b.key.length - a.key.length);

  const variantIn = (rest: string): ClaimMatch | null => {
    const compact = variantKey(rest);
    for (const label of labels) {
      if (!compact.startsWith(label.key)) continue;
      const found = afterLabel.exec(compact.slice(label.key.length));
      if (!found) continue;
      const quantity = found[1] === undefined ? 1 : Number(found[1]);
      if (inRange(quantity)) return { quantity, variantId: label.id };
    }
    return null;
  };

  const wordOnly = (word: string, rest: string): ClaimMatch | null => {
    if (rest === '') return { quantity: 1, variantId: null };
    const found = quantityAfterWord.exec(rest);
    if (!found?.[1]) return null;
    // "+12" is not "+1" twice: after a word ending in a digit the quantity needs a space or an "x".
    if (endsWithDigit.test(word) && /^\d/u.test(rest)) return null;
    const quantity = Number(found[1]);
    return inRange(quantity) ? { quantity, variantId: null } : null;
  };

  return (text) => {
    const comment = fold(text);
    for (const word of words) {
      if (!comment.startsWith(word)) continue;
      const rest = comment.slice(word.length);
      // A label first: with sizes "1", "2", "3", "要2" names size 2.
      const claimed = (labels.length > 0 ? variantIn(rest) : null) ?? wordOnly(word, rest);
      if (claimed) return claimed;
    }
    return labels.length > 0 ? variantIn(comment) : null;
  };
}

export function matchClaim(text: string, keywords: readonly string[], variants: readonly ClaimVariant[] = []): ClaimMatch | null {
  return claimMatcher(keywords, variants)?.(text) ?? null;
}
