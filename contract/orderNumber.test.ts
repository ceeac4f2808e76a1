import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seededRandom';
import { orderNumber } from './orderNumber.std';

const uuid = (random: () => number) =>
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const nibble = Math.floor(random() * 16);
    return (c === 'x' ? nibble : (nibble & 3) | 8).toString(16);
  });

describe('orderNumber', () => {
  it('is six characters read aloud without doubt, in two groups', () => {
    const number = orderNumber('0b6f7a52-93c1-4c1e-9d7e-1f2a3b4c5d6e');
    expect(number).toMatch(/^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/);
    expect(number).not.toMatch(/[ILOU]/);
  });

  it('is the same for the same id, wherever it is computed', () => {
    expect(orderNumber('0b6f7a52-93c1-4c1e-9d7e-1f2a3b4c5d6e')).toBe(orderNumber('0b6f7a52-93c1-4c1e-9d7e-1f2a3b4c5d6e'));
    // Pinned, so the viewer's page and a studio of another version agree on it.
    expect(orderNumber('0b6f7a52-93c1-4c1e-9d7e-1f2a3b4c5d6e')).toMatchInlineSnapshot(`"G29-1GW"`);
  });

  it('tells neighbouring ids apart', () => {
    expect(new Set(['o1', 'o2', 'o3', 'o10', 'o11'].map(orderNumber)).size).toBe(5);
  });

  it('gives the orders of a big show (5,000) numbers of their own', () => {
    const random = seededRandom(13);
    const ids = Array.from({ length: 5000 }, () => uuid(random));
    expect(new Set(ids).size).toBe(5000);
    expect(new Set(ids.map(orderNumber)).size).toBe(5000);
  });
});
