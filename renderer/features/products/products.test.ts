import { describe, expect, it } from 'vitest';
import type { PanelAction } from '../../../contract/schemas/panel.std';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { flaggedNameWarning as warningIn, promoteQuestion as questionIn, type PromoteContext } from './promoteCheck.std';
import { parseFlashSale as saleIn, type FlashSaleInput } from './flashSale.std';
import { productInputOf as inputIn, newProductDraft, type ProductDraft } from './productDraft.std';
import { addToRunSheet, moveInRunSheet, nextInRunSheet, removeFromRunSheet } from './runSheet.std';
import { stockLabel as stockIn } from './productText.std';

// The helpers speak the merchant's language: English here (the wording the e2e specs read), Chinese where a sentence is chosen.
const en = createStudioTranslator('en');
const zh = createStudioTranslator('zh-CN');
const parseFlashSale = (input: FlashSaleInput) => saleIn(input, en);
const productInputOf = (draft: ProductDraft) => inputIn(draft, en);
const stockLabel = (stock: number | null) => stockIn(stock, en);
const promoteQuestion = (action: PanelAction, context: PromoteContext) => questionIn(action, context, en);
const flaggedNameWarning = (flags: Parameters<typeof warningIn>[0]) => warningIn(flags, en);

const sale = { price: '99.50', minutes: '5', currency: 'CNY' as const, regularPriceMinor: 19900, now: 1_000_000, clockOffsetMs: 250 };

describe('flash sale', () => {
  it('ends on the room clock', () => {
    expect(parseFlashSale(sale)).toEqual({ ok: true, value: { priceMinor: 9950, endsAt: 1_000_000 + 250 + 5 * 60_000 } });
  });

  it('refuses a price that is not a sale, bad amounts and lengths', () => {
    expect(parseFlashSale({ ...sale, price: '199' })).toMatchObject({ ok: false, message: expect.stringContaining('below') });
    expect(parseFlashSale({ ...sale, price: 'abc' }).ok).toBe(false);
    expect(parseFlashSale({ ...sale, price: '1.999' }).ok).toBe(false);
    expect(parseFlashSale({ ...sale, minutes: '0' })).toMatchObject({ ok: false, message: expect.stringContaining('minutes') });
    expect(parseFlashSale({ ...sale, minutes: '' }).ok).toBe(false);
  });

  it('says why in Chinese', () => {
    expect(saleIn({ ...sale, price: '199' }, zh)).toEqual({ ok: false, message: '秒杀价必须低于售价。' });
    expect(saleIn({ ...sale, minutes: '0' }, zh)).toEqual({ ok: false, message: '时长（分钟）不能小于 1。' });
    expect(saleIn({ ...sale, price: '' }, zh)).toEqual({ ok: false, message: '请填写秒杀价。' });
  });

  it('reads yen without decimals', () => {
    expect(parseFlashSale({ ...sale, currency: 'JPY', price: '990', regularPriceMinor: 1990 })).toMatchObject({ ok: true, value: { priceMinor: 990 } });
  });
});

describe('run-sheet', () => {
  it('moves, adds once, removes', () => {
    expect(moveInRunSheet(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveInRunSheet(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
    expect(addToRunSheet(['a'], 'a')).toEqual(['a']);
    expect(addToRunSheet(['a'], 'b')).toEqual(['a', 'b']);
    expect(removeFromRunSheet(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('knows the next product', () => {
    expect(nextInRunSheet([], null)).toBeNull();
    expect(nextInRunSheet(['a', 'b'], null)).toBe('a');
    expect(nextInRunSheet(['a', 'b'], 'a')).toBe('b');
    expect(nextInRunSheet(['a', 'b'], 'b')).toBeNull();
    expect(nextInRunSheet(['a', 'b'], 'x')).toBe('a');
  });
});

describe('product form', () => {
  it('turns typed fields into a product input', () => {
    const draft = { ...newProductDraft('CNY'), name: ' Teapot ', price: '199', listPrice: '', stock: '12' };
    expect(productInputOf(draft)).toEqual({ ok: true, value: { name: 'Teapot', priceMinor: 19900, listPriceMinor: null, currency: 'CNY', stock: 12, photo: null, variants: [] } });
  });

  it('says what is wrong', () => {
    expect(productInputOf({ ...newProductDraft('CNY'), price: '1' })).toMatchObject({ ok: false, message: 'A product name is needed.' });
    expect(productInputOf({ ...newProductDraft('CNY'), name: 'x', price: '1', stock: '1.5' })).toMatchObject({ ok: false, message: 'The stock must be a whole number.' });
  });

  it('takes prices as merchants paste them, and says every field’s problem beside that field', () => {
    const draft = { ...newProductDraft('CNY'), name: 'Teapot', price: '¥1,299', listPrice: '１，５９９．００' };
    expect(productInputOf(draft)).toMatchObject({ ok: true, value: { priceMinor: 129_900, listPriceMinor: 159_900 } });
    expect(productInputOf({ ...draft, name: ' ', price: '¥99,999,999,999', listPrice: '5', stock: '-1' })).toEqual({
      ok: false,
      errors: {
        name: 'A product name is needed.',
        price: 'The price is more than ¥1,000,000.00, the most one product can cost: check for a digit too many.',
        stock: expect.stringMatching(/^The stock/) as string,
      },
      message: 'A product name is needed.',
    });
    expect(productInputOf({ ...draft, listPrice: '999' })).toMatchObject({ ok: false, errors: { listPrice: 'The list price must be above the price (¥1,299.00): it is shown struck out as the price before.' } });
    expect(productInputOf({ ...draft, price: '0' })).toMatchObject({ ok: false, errors: { price: 'The price must be more than zero.' } });
  });

  it('labels stock', () => {
    expect(stockLabel(null)).toBeNull();
    expect(stockLabel(0)).toBe('Sold out');
    expect(stockLabel(3)).toBe('3 left');
    expect(stockIn(0, zh)).toBe('已售罄');
    expect(stockIn(3, zh)).toBe('库存 3');
  });

  it('says each field’s problem in Chinese', () => {
    expect(inputIn({ ...newProductDraft('CNY'), price: '1' }, zh)).toMatchObject({ ok: false, message: '请填写商品名称。' });
    expect(inputIn({ ...newProductDraft('CNY'), name: 'x', price: '1', stock: '1.5' }, zh)).toMatchObject({ ok: false, errors: { stock: '库存必须是整数。' } });
    expect(inputIn({ ...newProductDraft('CNY'), name: 'x', price: '5', listPrice: '3' }, zh)).toMatchObject({ ok: false, errors: { listPrice: '划线价必须高于售价（¥5.00）：它会以删除线显示为原价。' } });
  });
});

describe('promoting a product with a flagged name', () => {
  const lists = { blockedWords: ['微信'], flaggedSuperlatives: ['最', 'best'] };
  const product = (id: string, name: string) => ({ id, name, priceMinor: 100, listPriceMinor: null, currency: 'CNY' as const, stock: null, photo: null, variants: [] });
  const products = new Map([product('a', 'Teapot'), product('b', '全网最低价 Teapot'), product('c', 'Add 微信 for best price')].map((p) => [p.id, p]));
  const context = { products, runSheet: ['a', 'b'], promotedId: null, lists, runningSale: null, now: 0 };

  it('asks before a flagged name goes on screen, by Promote or by Next product', () => {
    expect(promoteQuestion({ kind: 'promoteProduct', productId: 'a' }, context)).toBeNull();
    expect(promoteQuestion({ kind: 'promoteProduct', productId: 'b' }, context)).toEqual({
      product: products.get('b'),
      warning: '"最" is an advertising-law superlative. Platforms can cut a show that puts one on screen.',
      action: { kind: 'promoteProduct', productId: 'b' },
      endsSale: false,
      flaggedName: true,
    });
    expect(promoteQuestion({ kind: 'promoteNext' }, { ...context, promotedId: 'a' })).toMatchObject({ product: { id: 'b' } });
    expect(promoteQuestion({ kind: 'promoteNext' }, context)).toBeNull();
  });

  it('does not ask again for the product already on screen (a flash sale on it), nor for other actions', () => {
    expect(promoteQuestion({ kind: 'promoteProduct', productId: 'b', flashSale: { priceMinor: 50, endsAt: 1 } }, { ...context, promotedId: 'b' })).toBeNull();
    expect(promoteQuestion({ kind: 'endPromotion' }, context)).toBeNull();
  });

  it('names every flagged word, blocked words as the merchant’s own list', () => {
    expect(flaggedNameWarning([])).toBeNull();
    expect(promoteQuestion({ kind: 'promoteProduct', productId: 'c' }, context)?.warning).toBe(
      '"微信" is on your blocked words list; "best" is an advertising-law superlative. Platforms can cut a show that puts one on screen.',
    );
  });
});

describe('promoting another product during a flash sale', () => {
  const lists = { blockedWords: [], flaggedSuperlatives: ['最'] };
  const product = (id: string, name: string) => ({ id, name, priceMinor: 100, listPriceMinor: null, currency: 'CNY' as const, stock: null, photo: null, variants: [] });
  const products = new Map([product('a', 'Teapot'), product('b', 'Cups'), product('c', '最好 Cups')].map((p) => [p.id, p]));
  const now = 1_000_000;
  const context = { products, runSheet: ['a', 'b'], promotedId: 'a', lists, runningSale: { productName: 'Teapot', endsAt: now + 4 * 60_000 + 1 }, now };

  it('asks before the sale ends as a side effect, by Promote and by Next product', () => {
    expect(promoteQuestion({ kind: 'promoteProduct', productId: 'b' }, context)).toEqual({
      product: products.get('b'),
      warning: 'The flash sale on “Teapot” is still running (5 min left). Promoting “Cups” ends it.',
      action: { kind: 'promoteProduct', productId: 'b' },
      endsSale: true,
      flaggedName: false,
    });
    expect(promoteQuestion({ kind: 'promoteNext' }, context)).toMatchObject({ product: { id: 'b' }, endsSale: true });
  });

  it('says both when the next name is flagged too; asks nothing once the sale is over or for the same product', () => {
    expect(promoteQuestion({ kind: 'promoteProduct', productId: 'c' }, context)).toMatchObject({ endsSale: true, flaggedName: true, warning: expect.stringMatching(/ends it\. "最" is an advertising-law superlative/) });
    expect(promoteQuestion({ kind: 'promoteProduct', productId: 'b' }, { ...context, now: context.runningSale.endsAt })).toBeNull();
    expect(promoteQuestion({ kind: 'promoteProduct', productId: 'a' }, context)).toBeNull();
    expect(promoteQuestion({ kind: 'endPromotion' }, context)).toBeNull();
  });

  it('asks in Chinese, both sentences as one', () => {
    expect(questionIn({ kind: 'promoteProduct', productId: 'c' }, context, zh)?.warning).toBe(
      '“Teapot”的秒杀还在进行（还剩 5 分钟）。讲解“最好 Cups”会结束秒杀。“最”是广告法禁用的极限词。画面上出现这类词，平台可能会中断直播。',
    );
  });
});
