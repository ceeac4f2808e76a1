import type { PanelAction } from '../../../contract/schemas/panel.std';
import type { Product } from '../../../contract/schemas/product.std';
import { findFlaggedWords, type FlaggedWord, type WordLists } from '../../../contract/text/wordFlags.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';
import { nextInRunSheet } from './runSheet.std';

// Promoting puts the product's name on the stream and the viewers' page at once: a superlative
// there ("全网最低价") can get a show cut off by the platform, so the moment of promoting is when
// the merchant is asked, not only the pre-flight before the show.

type Words = Pick<StudioTranslator, 't'>;

/**
 * What a name's flagged words mean, in sentences in the merchant's language; null for a clean
 * name. Said here by kind, not with the contract's describeFlaggedWords (English for the core's logs).
 */
export function flaggedNameWarning(flags: readonly FlaggedWord[], { t }: Words): string | null {
  if (flags.length === 0) return null;
  const kinds = new Map(flags.map((flag) => [flag.word, flag.kind]));
  const words = [...kinds].map(([word, kind]) => t('promoteAsk.flagWord', { word, kind })).join(t('promoteAsk.flagSeparator'));
  return flags.some((flag) => flag.kind === 'superlative') ? t('promoteAsk.flaggedRisk', { words }) : t('promoteAsk.flagged', { words });
}

export interface PromoteQuestion {
  product: Product;
  warning: string;
  /** The action to send when the merchant promotes anyway. */
  action: PanelAction;
  /** Promoting ends the flash sale running on the product now on screen. */
  endsSale: boolean;
  /** The product's name has flagged words (renaming it is an answer). */
  flaggedName: boolean;
}

/** A flash sale on the product now on screen, ending at `endsAt` on the room's clock. */
export interface RunningSale {
  productName: string;
  endsAt: number;
}

export interface PromoteContext {
  products: ReadonlyMap<string, Product>;
  runSheet: readonly string[];
  promotedId: string | null;
  lists: WordLists;
  runningSale: RunningSale | null;
  /** The room's clock now. */
  now: number;
}

/** The sentence that says promoting `next` ends the sale, or null when no sale is running. */
export function runningSaleWarning(sale: RunningSale | null, next: Product, now: number, { t }: Words): string | null {
  if (!sale || sale.endsAt <= now) return null;
  const minutes = Math.ceil((sale.endsAt - now) / 60_000);
  return t('promoteAsk.sale', { sale: sale.productName, minutes, next: next.name });
}

/**
 * The question to ask before `action`, or null to send it at once. Only an action that puts
 * another product on screen (promoting it, or Next product reaching it) is asked: when it would
 * end a running flash sale (a sale announced to viewers ends by the merchant's choice, not as a
 * side effect of a click), and when its name is flagged.
 */
export function promoteQuestion(action: PanelAction, context: PromoteContext, words: Words): PromoteQuestion | null {
  let productId: string | null = null;
  if (action.kind === 'promoteProduct' && action.productId !== context.promotedId) productId = action.productId;
  else if (action.kind === 'promoteNext') productId = nextInRunSheet(context.runSheet, context.promotedId);
  const product = productId === null ? undefined : context.products.get(productId);
  if (!product) return null;
  const sale = runningSaleWarning(context.runningSale, product, context.now, words);
  const flagged = flaggedNameWarning(findFlaggedWords(product.name, context.lists), words);
  if (sale === null && flagged === null) return null;
  const warning = sale !== null && flagged !== null ? words.t('promoteAsk.both', { sale, flagged }) : (sale ?? flagged ?? '');
  return { product, warning, action, endsSale: sale !== null, flaggedName: flagged !== null };
}
