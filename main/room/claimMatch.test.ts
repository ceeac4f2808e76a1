import { describe, expect, it } from 'vitest';
import { roomLimits } from '../../contract/room/roomMessages.std';
import { claimMatcher, matchClaim } from './claimMatch.std';

const words = ['+1', 'SOLD', '要'];

describe('matchClaim', () => {
  it('takes the word alone as one unit', () => {
    expect(matchClaim('+1', words)).toEqual({ quantity: 1, variantId: null });
    expect(matchClaim('SOLD', words)).toEqual({ quantity: 1, variantId: null });
    expect(matchClaim('要', words)).toEqual({ quantity: 1, variantId: null });
    expect(matchClaim('  +1  ', words)).toEqual({ quantity: 1, variantId: null });
  });

  it('reads a quantity after the word, with or without a space or an x', () => {
    expect(matchClaim('要2', words)).toEqual({ quantity: 2, variantId: null });
    expect(matchClaim('SOLD 3', words)).toEqual({ quantity: 3, variantId: null });
    expect(matchClaim('+1 x2', words)).toEqual({ quantity: 2, variantId: null });
    expect(matchClaim('SOLD ×2', words)).toEqual({ quantity: 2, variantId: null });
    expect(matchClaim('sold*4', words)).toEqual({ quantity: 4, variantId: null });
    expect(matchClaim('+1 5', words)).toEqual({ quantity: 5, variantId: null });
  });

  it('ignores case and width on both sides', () => {
    expect(matchClaim('sold', words)).toEqual({ quantity: 1, variantId: null });
    expect(matchClaim('SoLd 2', words)).toEqual({ quantity: 2, variantId: null });
    expect(matchClaim('＋１', words)).toEqual({ quantity: 1, variantId: null });
    expect(matchClaim('ＳＯＬＤ　２', words)).toEqual({ quantity: 2, variantId: null });
    expect(matchClaim('要３', words)).toEqual({ quantity: 3, variantId: null });
    expect(matchClaim('+1 Ｘ２', words)).toEqual({ quantity: 2, variantId: null });
    expect(matchClaim('sold', ['ＳＯＬＤ'])).toEqual({ quantity: 1, variantId: null });
    expect(matchClaim('STRASSE', ['straße'])).toEqual({ quantity: 1, variantId: null });
  });

  it('does not take a comment with other words in it', () => {
    expect(matchClaim('+1 love it', words)).toBeNull();
    expect(matchClaim('I want +1', words)).toBeNull();
    expect(matchClaim('sold out?', words)).toBeNull();
    expect(matchClaim('SOLDIER', words)).toBeNull();
    expect(matchClaim('要不要', words)).toBeNull();
    expect(matchClaim('+1 x', words)).toBeNull();
    expect(matchClaim('2', words)).toBeNull();
  });

  it('does not read "+12" as "+1" twice', () => {
    expect(matchClaim('+12', words)).toBeNull();
    expect(matchClaim('+1 2', words)).toEqual({ quantity: 2, variantId: null });
  });

  it('refuses a quantity of zero or above the room’s limit', () => {
    expect(matchClaim('SOLD 0', words)).toBeNull();
    expect(matchClaim('要0', words)).toBeNull();
    expect(matchClaim(`SOLD ${roomLimits.maxQuantity}`, words)).toEqual({ quantity: roomLimits.maxQuantity, variantId: null });
    expect(matchClaim(`SOLD ${roomLimits.maxQuantity + 1}`, words)).toBeNull();
    expect(matchClaim('SOLD 99999', words)).toBeNull();
  });

  it('is off without words', () => {
    expect(claimMatcher([])).toBeNull();
    expect(claimMatcher(['  '])).toBeNull();
    expect(matchClaim('+1', [])).toBeNull();
  });
});
