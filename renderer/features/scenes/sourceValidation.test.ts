import { describe, expect, it } from 'vitest';
import { productCardSource, sampleProduct, textSource, tickerSource } from '../../../contract/scenePresets.std';
import type { Source } from '../../../contract/schemas/scene.std';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { checkSource as checkIn } from './sourceValidation.std';

const en = createStudioTranslator('en');
const checkSource = (next: Source, previous?: Source) => checkIn(next, en, previous);

const text = textSource('t', 'Hello', { x: 0, y: 0, width: 0.5, height: 0.1 });

describe('checkSource', () => {
  it('says the rule in the merchant’s language, the field named in it', () => {
    expect(checkIn({ ...text, fontSize: 500 }, createStudioTranslator('zh-CN'))).toEqual({ ok: false, message: '字号最大为 200。' });
  });

  it('accepts a valid edit and hands back the very source it was given', () => {
    const next: Source = { ...text, text: 'Sale!' };
    expect(checkSource(next, text)).toEqual({ ok: true, value: next });
  });

  it('says what is wrong in the words of the form', () => {
    expect(checkSource({ ...text, fontSize: 500 })).toEqual({ ok: false, message: 'Font size must be at most 200.' });
    expect(checkSource({ ...text, name: '' })).toEqual({ ok: false, message: "Name can't be empty." });
    expect(checkSource({ ...text, text: 'x'.repeat(301) })).toEqual({ ok: false, message: 'Text can be at most 300 characters.' });
    expect(checkSource({ ...text, rect: { ...text.rect, width: 0 } })).toEqual({ ok: false, message: 'Width must be more than 0 %.' });
    expect(checkSource({ ...text, color: 'red' })).toEqual({ ok: false, message: 'A colour is #rrggbb or #rrggbbaa.' });
    const ticker = tickerSource('k', 'news', { x: 0, y: 0.9, width: 1, height: 0.1 });
    expect(checkSource({ ...ticker, speed: 5 })).toEqual({ ok: false, message: 'Speed must be at least 10.' });
    const card = productCardSource('p', sampleProduct, { x: 0, y: 0, width: 0.3, height: 0.3 });
    expect(checkSource({ ...card, product: { ...card.product, priceMinor: 1.5 } })).toEqual({ ok: false, message: 'Price must be a whole number.' });
  });

  it('checks a new picture, and does not re-check one that was already there', () => {
    const card = productCardSource('p', sampleProduct, { x: 0, y: 0, width: 0.3, height: 0.3 });
    const bad = { ...card, product: { ...card.product, photo: 'data:text/html;base64,AAAA' } };
    expect(checkSource(bad, card)).toEqual({ ok: false, message: 'Only PNG, JPEG, WebP or GIF images are accepted.' });
    // A stored picture is trusted on later edits (it was checked on the way in)…
    const renamed = { ...bad, name: 'Renamed' };
    expect(checkSource(renamed, bad)).toEqual({ ok: true, value: renamed });
    // …and the source handed back still carries it.
    const result = checkSource(renamed, bad);
    expect(result.ok && result.value.kind === 'productCard' && result.value.product.photo).toBe('data:text/html;base64,AAAA');
  });
});
