import type { PanelAction } from '../../../contract/schemas/panel.std';
import type { Product } from '../../../contract/schemas/product.std';
import { describeFlaggedWords, findFlaggedWords, type FlaggedWord, type WordLists } from '../../../contract/text/wordFlags.std';
import { nextInRunSheet } from './runSheet.std';

// Promoting puts the product's name on the stream and the viewers' page at once: a superlative
// there ("全网最低价") can get a show cut off by the platform, so the moment of promoting is when
// the merchant is asked, not only the pre-flight before the show.

/** What a name's flagged words mean, in sentences; null for a clean name. */
export function flaggedNameWarning(flags: readonly FlaggedWord[]): string | null {
  if (flags.length === 0) return null;
  const risk = flags.some((flag) => flag.kind === 'superlative') ? ' Platforms can cut a show that puts one on screen.' : '';
  return `${describeFlaggedWords(flags)}.${risk}`;
}

export interface PromoteQuestion {
  product: Product;
  warning: string;
  /** The action to send when the merchant promotes anyway. */
  action: PanelAction;
}

export interface PromoteContext {
  products: ReadonlyMap<string, Product>;
  runSheet: readonly string[];
  promotedId: string | null;
  lists: WordLists;
}

/**
 * The question to ask before `action`, or null to send it at once: only an action that puts a
 * product with a flagged name on screen (promoting it, or Next product reaching it) is asked.
 */
export function promoteQuestion(action: PanelAction, context: PromoteContext): PromoteQuestion | null {
  let productId: string | null = null;
  if (action.kind === 'promoteProduct' && action.productId !== context.promotedId) productId = action.productId;
  else if (action.kind === 'promoteNext') productId = nextInRunSheet(context.runSheet, context.promotedId);
  const product = productId === null ? undefined : context.products.get(productId);
  if (!product) return null;
  const warning = flaggedNameWarning(findFlaggedWords(product.name, context.lists));
  return warning === null ? null : { product, warning, action };
}
