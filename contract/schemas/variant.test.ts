import { describe, expect, it } from 'vitest';
import { roomProductSchema } from '../room/roomMessages.std';
import { roomOrderSchema } from '../room/roomEvents.std';
import { productInputSchema } from './catalogue.std';
import { productSchema } from './product.std';
import { MAX_VARIANTS, productVariantsSchema, stockOfVariants, variantKey, withVariantStock } from './variant.std';

const shirt = { name: 'T-shirt', priceMinor: 9900, listPriceMinor: null, currency: 'CNY' as const, stock: null, photo: null };

describe('product variants', () => {
  it('folds labels as a shopper types them: case, full width, spaces and separators', () => {
    expect(variantKey('红色 / L')).toBe(variantKey('红色/l'));
    expect(variantKey('ＸＬ')).toBe('xl');
    expect(variantKey('Navy | 38')).toBe('navy38');
    expect(variantKey('1.5m')).not.toBe(variantKey('15m'));
  });

  it('refuses a label repeated once folded, an empty or too long one, more than 50, and a repeated id', () => {
    const issues = (variants: unknown) => {
      const parsed = productVariantsSchema.safeParse(variants);
      return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    };
    expect(issues([{ id: 'a', label: 'L', stock: 1 }, { id: 'b', label: 'ｌ', stock: 2 }])).toEqual([{ path: '1.label', message: '“ｌ” is already a variant of this product.' }]);
    expect(issues([{ id: 'a', label: '  ', stock: 1 }])[0]?.path).toBe('0.label');
    expect(issues([{ id: 'a', label: 'x'.repeat(31), stock: 1 }])[0]?.message).toMatch(/at most 30 characters/);
    expect(issues(Array.from({ length: MAX_VARIANTS + 1 }, (_, index) => ({ id: `v${index}`, label: `${index}`, stock: 0 })))[0]?.message).toMatch(/at most 50 variants/);
    expect(issues([{ id: 'a', label: 'S', stock: 1 }, { id: 'a', label: 'M', stock: 1 }])[0]?.message).toBe('Variant ids must be unique.');
    expect(issues([{ id: 'a', label: 'S', stock: -1 }])[0]?.path).toBe('0.stock');
  });

  it('gives a product with variants their stock together, untracked when one is', () => {
    expect(stockOfVariants([{ stock: 2 }, { stock: 3 }])).toBe(5);
    expect(stockOfVariants([{ stock: 2 }, { stock: null }])).toBeNull();
    expect(withVariantStock({ stock: 99, variants: [{ id: 'a', label: 'S', stock: 4 }] }).stock).toBe(4);
    expect(withVariantStock({ stock: 99, variants: [] }).stock).toBe(99);
  });

  it('takes a saveProduct call, a stored product (a scene’s product card) and a room product from before variants as a product sold as one thing', () => {
    expect(productInputSchema.parse(shirt).variants).toEqual([]);
    expect(productSchema.parse({ ...shirt, id: 'p' }).variants).toEqual([]);
    expect(roomProductSchema.parse({ ...shirt, id: 'p' }).variants).toBeUndefined();
    const order = { id: 'o', viewerId: 'v', productId: 'p', productName: 'T', quantity: 1, unitPriceMinor: 1, amountMinor: 1, currency: 'CNY', buyerName: 'A', contact: null, note: null, status: 'new', source: 'buy', at: 1 };
    expect(roomOrderSchema.safeParse(order).success).toBe(false);
    expect(roomOrderSchema.safeParse({ ...order, variantId: 'l', variantLabel: 'L' }).success).toBe(true);
  });
});
