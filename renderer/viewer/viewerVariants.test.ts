import { describe, expect, it } from 'vitest';
import type { Promotion, RoomOrder } from '../../contract/room/roomEvents.std';
import { checkOrder } from './forms.std';
import { fieldProblemText } from './i18n/fieldProblem.std';
import { createTranslator } from './i18n/viewerTranslator.std';
import { applyEvent, applyWelcome, claimHint, initialViewerState, orderStatusText, variantQuestion, variantStockLabel } from './viewerState.std';

const english = createTranslator('en');
const chinese = createTranslator('zh-CN');

const tee: Promotion = {
  product: {
    id: 'tee',
    name: 'T-shirt',
    priceMinor: 9900,
    listPriceMinor: null,
    currency: 'CNY',
    stock: 5,
    photo: null,
    variants: [
      { id: 's', label: 'S', stock: 0 },
      { id: 'm', label: 'M', stock: 2 },
      { id: 'l', label: 'L', stock: 3 },
    ],
  },
  flashSale: null,
  claimKeywords: ['要', '+1'],
  startedAt: 0,
};

const unnamedClaim: RoomOrder = {
  source: 'claim',
  id: 'o1',
  viewerId: 'v-me',
  productId: 'tee',
  productName: 'T-shirt',
  variantId: null,
  variantLabel: null,
  quantity: 1,
  unitPriceMinor: 9900,
  amountMinor: 9900,
  currency: 'CNY',
  buyerName: 'Ana',
  contact: null,
  note: 'Claimed in the comments: "要"',
  status: 'waitlisted',
  at: 1,
};

describe('variants on the viewers’ page', () => {
  it('follows a stock event to the variant it names', () => {
    const state = applyWelcome(initialViewerState, 'v-me', { pinned: null, promotion: tee, viewerCount: 0, likes: 0, video: { available: false, producers: 0, reason: null }, ended: null }, 0);
    const next = applyEvent(state, { seq: 2, at: 2, kind: 'stock', productId: 'tee', left: 4, variant: { id: 'l', left: 2 } });
    expect(next.promotion?.product.stock).toBe(4);
    expect(next.promotion?.product.variants?.map((variant) => variant.stock)).toEqual([0, 2, 2]);
    expect(variantStockLabel({ label: 'L', stock: 2 }, english)).toBe('L: 2 left');
    expect(variantStockLabel({ label: 'S', stock: 0 }, chinese)).toBe('S：已售罄');
  });

  it('asks a claim that named no size which one, listing those in stock, in the viewer’s language', () => {
    expect(orderStatusText(unnamedClaim, english, tee)).toBe('Waiting for your size or colour');
    expect(variantQuestion(unnamedClaim, tee, english)).toBe('Which one? Comment "要 M" — in stock: M or L');
    expect(variantQuestion({ ...unnamedClaim, note: 'Claimed in the comments: "＋１ x2"' }, tee, english)).toBe('Which one? Comment "+1 M" — in stock: M or L');
    expect(variantQuestion(unnamedClaim, tee, chinese)).toBe('要哪一款？请评论 "要 M"，有货：M或L');
    expect(variantQuestion({ ...unnamedClaim, variantId: 'l', variantLabel: 'L' }, tee, english)).toBeNull();
    expect(variantQuestion(unnamedClaim, { ...tee, product: { ...tee.product, variants: [] } }, english)).toBeNull();
    expect(claimHint(tee, english)).toBe('Comment "要" or "+1" and a size or colour (M or L) to claim');
  });

  it('will not send an order for a product with sizes until one is chosen', () => {
    const draft = { productId: 'tee', quantity: 2, buyerName: 'Ana', contact: '138', note: '' };
    const missing = checkOrder({ ...draft, hasVariants: true, variantId: null });
    expect(missing).toEqual({ ok: false, errors: { variant: { kind: 'empty' } } });
    expect(fieldProblemText('variant', missing.ok ? undefined : missing.errors.variant, chinese)).toBe('请选择款式。');
    expect(checkOrder({ ...draft, hasVariants: true, variantId: 'l' })).toMatchObject({ ok: true, message: { variantId: 'l', quantity: 2 } });
    expect(checkOrder(draft)).toMatchObject({ ok: true, message: { productId: 'tee' } });
  });
});
