import { describe, expect, it } from 'vitest';
import { cameraSource, productCardSource, sampleProduct, textSource } from '../../../contract/scenePresets.std';
import { noLiveLayers, type LiveLayers } from '../../../contract/schemas/liveLayers.std';
import type { Product } from '../../../contract/schemas/product.std';
import type { Scene } from '../../../contract/schemas/scene.std';
import { placePromotion } from './promotedCard.std';

const scarf: Product = { id: 'p1', name: 'Silk scarf', priceMinor: 19_900, listPriceMinor: null, currency: 'CNY', stock: 5, photo: 'data:image/png;base64,iVBORw0KGgo=', variants: [] };
const promoting: LiveLayers = { ...noLiveLayers, nowExplaining: scarf, flashSale: { priceMinor: 9900, endsAt: 60_000 }, pinnedComment: { id: 'c1', author: 'Ana', text: 'Silk?' } };
const rect = { x: 0.05, y: 0.05, width: 0.3, height: 0.3 };
const scene = (sources: Scene['sources']): Scene => ({ id: 's', name: 'Scene', preset: 'custom', sources });

describe('placePromotion', () => {
  it('puts the promoted product, with its flash sale, in the scene’s card and takes the automatic card and badge away', () => {
    const placed = placePromotion(scene([cameraSource('cam'), productCardSource('card', sampleProduct, rect)]), promoting);
    expect(placed.card).toEqual({ sourceId: 'card', product: scarf, flashSale: { priceMinor: 9900, endsAt: 60_000 } });
    expect(placed.liveLayers).toEqual({ ...promoting, nowExplaining: null, flashSale: null });
  });

  it('leaves the automatic card to a scene without a card, or whose card is hidden', () => {
    for (const sources of [[cameraSource('cam')], [cameraSource('cam'), { ...productCardSource('card', sampleProduct, rect), visible: false }]]) {
      const placed = placePromotion(scene(sources), promoting);
      expect(placed.card).toBeNull();
      expect(placed.liveLayers).toBe(promoting);
    }
  });

  it('shows the promotion in the topmost visible card of several', () => {
    const sources = [
      productCardSource('under', sampleProduct, rect),
      productCardSource('over', sampleProduct, rect),
      { ...productCardSource('hidden', sampleProduct, rect), visible: false },
      textSource('text', 'Free shipping', rect),
    ];
    expect(placePromotion(scene(sources), promoting).card?.sourceId).toBe('over');
  });

  it('leaves the scene’s card with its own product while nothing is promoted', () => {
    const layers: LiveLayers = { ...noLiveLayers, pinnedComment: promoting.pinnedComment };
    const placed = placePromotion(scene([productCardSource('card', sampleProduct, rect)]), layers);
    expect(placed).toEqual({ card: null, liveLayers: layers });
  });
});
