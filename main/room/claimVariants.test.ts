import { describe, expect, it } from 'vitest';
import { claimMatcher, matchClaim } from './claimMatch.std';

const words = ['+1', 'SOLD', '要'];
const sizes = [
  { id: 's', label: 'S' },
  { id: 'm', label: 'M' },
  { id: 'l', label: 'L' },
  { id: 'xl', label: 'XL' },
  { id: 'red-l', label: '红色 / L' },
];

describe('claims naming a variant', () => {
  it('reads the variant after the word, with or without spaces, and the quantity after it', () => {
    expect(matchClaim('要 L 2', words, sizes)).toEqual({ quantity: 2, variantId: 'l' });
    expect(matchClaim('要L', words, sizes)).toEqual({ quantity: 1, variantId: 'l' });
    expect(matchClaim('要L2', words, sizes)).toEqual({ quantity: 2, variantId: 'l' });
    expect(matchClaim('+1 M', words, sizes)).toEqual({ quantity: 1, variantId: 'm' });
    expect(matchClaim('SOLD XL x3', words, sizes)).toEqual({ quantity: 3, variantId: 'xl' });
    expect(matchClaim('要L码', words, sizes)).toEqual({ quantity: 1, variantId: 'l' });
  });

  it('takes a label alone (and its quantity) as a claim while claims are on', () => {
    expect(matchClaim('L 2', words, sizes)).toEqual({ quantity: 2, variantId: 'l' });
    expect(matchClaim('红色 L', words, sizes)).toEqual({ quantity: 1, variantId: 'red-l' });
    expect(matchClaim('红色L', words, sizes)).toEqual({ quantity: 1, variantId: 'red-l' });
    expect(matchClaim('要 红色/L ×2', words, sizes)).toEqual({ quantity: 2, variantId: 'red-l' });
    expect(claimMatcher([], sizes)).toBeNull();
  });

  it('folds case and width, and the longest label that fits wins', () => {
    expect(matchClaim('ｘｌ', words, sizes)).toEqual({ quantity: 1, variantId: 'xl' });
    expect(matchClaim('sold xl', words, sizes)).toEqual({ quantity: 1, variantId: 'xl' });
    expect(matchClaim('要ｌ　２', words, sizes)).toEqual({ quantity: 2, variantId: 'l' });
  });

  it('is a claim with no variant when the word names none, and no claim when the rest is not a label', () => {
    expect(matchClaim('要', words, sizes)).toEqual({ quantity: 1, variantId: null });
    expect(matchClaim('+1 x2', words, sizes)).toEqual({ quantity: 2, variantId: null });
    expect(matchClaim('要 XXL', words, sizes)).toBeNull();
    expect(matchClaim('L码有吗', words, sizes)).toBeNull();
    expect(matchClaim('M?', words, sizes)).toBeNull();
    expect(matchClaim('L 100', words, sizes)).toBeNull();
    expect(matchClaim('L', words, [])).toBeNull();
  });

  it('reads a number as a size before a quantity when the sizes are numbers', () => {
    const numbered = [
      { id: 'n36', label: '36' },
      { id: 'n38', label: '38' },
    ];
    expect(matchClaim('要38', words, numbered)).toEqual({ quantity: 1, variantId: 'n38' });
    expect(matchClaim('要 38 2', words, numbered)).toEqual({ quantity: 2, variantId: 'n38' });
    expect(matchClaim('要2', words, numbered)).toEqual({ quantity: 2, variantId: null });
  });
});
