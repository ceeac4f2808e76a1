import { describe, expect, it } from 'vitest';
import { roomLimits } from '../../contract/room/roomMessages.std';
import { CONTACT_OR_NOTE, charCount, checkComment, checkOrder, clampQuantity, maxQuantity } from './forms.std';

describe('comment form', () => {
  it('sends a trimmed comment', () => {
    expect(checkComment({ name: ' Lin ', text: ' hello ' })).toEqual({ ok: true, message: { type: 'comment', name: 'Lin', text: 'hello' } });
  });

  it('says which field is wrong, in the room’s words', () => {
    const checked = checkComment({ name: '', text: 'x'.repeat(roomLimits.commentChars + 1) });
    expect(checked).toEqual({ ok: false, errors: { name: 'A name is needed.', text: 'The comment is too long (at most 500 characters).' } });
  });

  it('counts emoji as one character each', () => {
    expect(charCount('👍🏽a')).toBe(3);
    expect(checkComment({ name: 'a', text: '😀'.repeat(roomLimits.commentChars) }).ok).toBe(true);
  });
});

describe('order form', () => {
  const draft = { productId: 'p1', quantity: 2, buyerName: 'Lin', contact: '', note: '' };

  it('needs a phone or a note', () => {
    expect(checkOrder(draft)).toEqual({ ok: false, errors: { contact: CONTACT_OR_NOTE } });
    expect(checkOrder({ ...draft, note: 'leave at the door' })).toEqual({
      ok: true,
      message: { type: 'order', productId: 'p1', quantity: 2, buyerName: 'Lin', note: 'leave at the door' },
    });
  });

  it('reports every bad field at once', () => {
    const checked = checkOrder({ ...draft, quantity: 100, buyerName: ' ', contact: '1'.repeat(61) });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({ quantity: 'The quantity is at most 99.', buyerName: 'A name is needed.', contact: 'The phone or contact is too long (at most 60 characters).' });
  });

  it('bounds the quantity by stock and the room’s limit', () => {
    expect(maxQuantity(null)).toBe(99);
    expect(maxQuantity(3)).toBe(3);
    expect(maxQuantity(0)).toBe(1);
    expect(maxQuantity(500)).toBe(99);
    expect(clampQuantity(7, 3)).toBe(3);
    expect(clampQuantity(0, 3)).toBe(1);
    expect(clampQuantity(Number.NaN, 3)).toBe(1);
  });
});
