import { describe, expect, it } from 'vitest';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { draftOfProduct, newProductDraft, productInputOf as inputIn, withLiveStock, type ProductDraft } from './productDraft.std';
import { liveStock, variantStockText as variantsIn } from './productText.std';

const en = createStudioTranslator('en');
const zh = createStudioTranslator('zh-CN');
const productInputOf = (draft: ProductDraft) => inputIn(draft, en);
const variantStockText = (product: Parameters<typeof variantsIn>[0]) => variantsIn(product, en);

const base = { ...newProductDraft('CNY'), name: 'T-shirt', price: '99' };
const rows = (...entries: [string, string][]) => entries.map(([label, stock], index) => ({ id: `v${index}`, label, stock }));

describe('the product form’s variants', () => {
  it('saves each variant with its stock, the product’s stock being theirs together', () => {
    const checked = productInputOf({ ...base, stock: '999', variants: rows(['S', '2'], [' 红色  /  L ', '3']) });
    expect(checked).toMatchObject({ ok: true, value: { stock: 5, variants: [{ id: 'v0', label: 'S', stock: 2 }, { id: 'v1', label: '红色 / L', stock: 3 }] } });
    expect(productInputOf({ ...base, variants: rows(['S', '2'], ['M', '']) })).toMatchObject({ ok: true, value: { stock: null } });
  });

  it('puts each row’s problem under its own field: an empty or repeated label (case and width folded), a stock that is not a number', () => {
    const checked = productInputOf({ ...base, variants: rows(['L', '1'], ['', '1'], ['ｌ', 'x'], ['M', '-2']) });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      'variant-1-label': 'A variant needs a label, like “L” or “红色 / L”.',
      'variant-2-label': '“ｌ” is already variant 1.',
      'variant-2-stock': expect.stringMatching(/^The stock /) as string,
      'variant-3-stock': expect.stringMatching(/^The stock /) as string,
    });
  });

  it('opens a saved product’s variants in the form, and shows each one’s live stock', () => {
    const product = { id: 'p', name: 'T-shirt', priceMinor: 9900, listPriceMinor: null, currency: 'CNY' as const, stock: 5, photo: null, variants: [{ id: 'l', label: 'L', stock: 3 }, { id: 'm', label: 'M', stock: 2 }] };
    expect(draftOfProduct(product).variants).toEqual([{ id: 'l', label: 'L', stock: '3' }, { id: 'm', label: 'M', stock: '2' }]);
    expect(variantStockText(product)).toBe('L: 3 · M: 2');
    const live = liveStock(product, { id: 'p', stock: 4, variants: [{ id: 'l', label: 'L', stock: 0 }, { id: 'm', label: 'M', stock: 4 }] });
    expect(variantStockText(live)).toBe('L: sold out · M: 4');
    expect(variantStockText({ stock: 1, variants: [] })).toBeNull();
    expect(variantsIn(live, zh)).toBe('L：售罄 · M：4');
  });
});

describe('saving a product while it sells', () => {
  const product = { id: 'p', name: 'T-shirt', priceMinor: 9900, listPriceMinor: null, currency: 'CNY' as const, stock: 9, photo: null, variants: [{ id: 's', label: 'S', stock: 5 }, { id: 'm', label: 'M', stock: 4 }] };
  const initial = draftOfProduct(product);

  it('keeps the live stock of the sizes the merchant did not touch, and the figure they typed for the one they did', () => {
    const edited = { ...initial, variants: initial.variants.map((variant) => (variant.id === 's' ? { ...variant, stock: '0' } : variant)) };
    const saved = withLiveStock(edited, initial, { stock: 7, variants: [{ id: 's', stock: 4 }, { id: 'm', stock: 3 }] });
    expect(saved.variants).toEqual([{ id: 's', label: 'S', stock: '0' }, { id: 'm', label: 'M', stock: '3' }]);
    expect(productInputOf(saved)).toMatchObject({ ok: true, value: { stock: 3 } });
  });

  it('leaves a new product, and a product sold as one thing whose stock was typed, alone', () => {
    expect(withLiveStock(newProductDraft('CNY'), newProductDraft('CNY'), { stock: 3 })).toEqual(newProductDraft('CNY'));
    const plain = draftOfProduct({ ...product, variants: [] });
    expect(withLiveStock({ ...plain, stock: '20' }, plain, { stock: 8 }).stock).toBe('20');
    expect(withLiveStock({ ...plain, name: 'Tee' }, plain, { stock: 8 }).stock).toBe('8');
  });
});
