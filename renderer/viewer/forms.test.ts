import { describe, expect, it } from 'vitest';
import { roomLimits } from '../../contract/room/roomMessages.std';
import { charCount, checkComment, checkOrder, clampQuantity, maxQuantity } from './forms.std';
import { fieldProblemText } from './i18n/fieldProblem.std';
import { createTranslator } from './i18n/viewerTranslator.std';

describe('comment form', () => {
  it('sends a trimmed comment', () => {
    expect(checkComment({ name: ' Lin ', text: ' hello ' })).toEqual({ ok: true, message: { type: 'comment', name: 'Lin', text: 'hello' } });
  });

  it('says which field is wrong and how, in the viewer’s language', () => {
    const checked = checkComment({ name: '', text: 'x'.repeat(roomLimits.commentChars + 1) });
    expect(checked).toEqual({ ok: false, errors: { name: { kind: 'empty' }, text: { kind: 'too-long', max: roomLimits.commentChars } } });
    if (checked.ok) return;
    expect(fieldProblemText('text', checked.errors.text, createTranslator('en'))).toBe('The comment is too long (at most 500 characters).');
    expect(fieldProblemText('text', checked.errors.text, createTranslator('zh-CN'))).toBe('评论太长了（最多 500 个字）。');
    expect(fieldProblemText('name', checked.errors.name, createTranslator('en'))).toBe('A name is needed.');
  });

  it('counts emoji as one character each', () => {
    expect(charCount('👍🏽a')).toBe(3);
    expect(checkComment({ name: 'a', text: '😀'.repeat(roomLimits.commentChars) }).ok).toBe(true);
  });
});

describe('order form', () => {
  const draft = { productId: 'p1', quantity: 2, buyerName: 'Lin', contact: '', note: '' };

  it('needs a phone or a note', () => {
    expect(checkOrder(draft)).toEqual({ ok: false, errors: { contact: { kind: 'contact-or-note' } } });
    expect(fieldProblemText('contact', { kind: 'contact-or-note' }, createTranslator('en'))).toBe('Give a phone number or a note so the shop can reach you.');
    expect(checkOrder({ ...draft, note: 'leave at the door' })).toEqual({
      ok: true,
      message: { type: 'order', productId: 'p1', quantity: 2, buyerName: 'Lin', note: 'leave at the door' },
    });
  });

  it('reports every bad field at once', () => {
    const checked = checkOrder({ ...draft, quantity: 100, buyerName: ' ', contact: '1'.repeat(61) });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({ quantity: { kind: 'too-many', max: 99 }, buyerName: { kind: 'empty' }, contact: { kind: 'too-long', max: 60 } });
    expect(fieldProblemText('quantity', checked.errors.quantity, createTranslator('zh-CN'))).toBe('一次最多买 99 件。');
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
