import { describe, expect, it } from 'vitest';
import {
  cameraSource,
  defaultSceneCollection,
  presetNames,
  presetScene,
  productCardSource,
  sampleProduct,
  screenSource,
  textSource,
  tickerSource,
} from './scenePresets.std';
import { productSchema } from './schemas/product.std';
import { FULL_FRAME, SCENES_VERSION, sceneCollectionSchema, scenePresets, sceneSchema, sourceSchema } from './schemas/scene.std';

function counter(): () => string {
  let next = 0;
  return () => `id-${(next += 1)}`;
}

describe('presetScene', () => {
  it.each(scenePresets)('builds a valid %s scene', (preset) => {
    const scene = presetScene(preset, counter());
    expect(sceneSchema.parse(scene)).toEqual(scene);
    expect(scene.preset).toBe(preset);
    expect(scene.name).toBe(presetNames[preset]);
  });

  it.each(scenePresets)('gives the %s scene and its sources distinct ids from the generator', (preset) => {
    const scene = presetScene(preset, counter());
    const ids = [scene.id, ...scene.sources.map((source) => source.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^id-\d+$/);
  });

  it('lays out each preset as described', () => {
    const kinds = (preset: (typeof scenePresets)[number]) => presetScene(preset, counter()).sources.map((source) => source.kind);
    expect(kinds('camera')).toEqual(['camera']);
    expect(kinds('productCloseUp')).toEqual(['camera', 'productCard']);
    expect(kinds('screenWithCamera')).toEqual(['screen', 'camera']);
    expect(kinds('sideBySide')).toEqual(['camera', 'screen']);
    expect(kinds('custom')).toEqual([]);
    expect(presetScene('camera', counter()).sources[0]?.rect).toEqual(FULL_FRAME);
  });

  it.each(scenePresets)('lays the %s scene out for 9:16 too, every source on the picture', (preset) => {
    for (const source of presetScene(preset, counter()).sources) {
      const { x, y, width, height } = source.portraitRect;
      expect(x >= 0 && y >= 0 && x + width <= 1 && y + height <= 1).toBe(true);
    }
  });

  it('arranges the portrait presets for a phone rather than squeezing the 16:9 layout', () => {
    const sources = (preset: (typeof scenePresets)[number]) => presetScene(preset, counter()).sources;
    const [camera, card] = sources('productCloseUp');
    expect(camera?.portraitRect).toEqual(FULL_FRAME);
    // The card spans the phone's width below the middle and stays wider than tall in pixels.
    expect(card?.portraitRect.width).toBeGreaterThan(0.9);
    expect(card?.portraitRect.y).toBeGreaterThanOrEqual(0.5);
    expect((card?.portraitRect.width ?? 0) * 720).toBeGreaterThan((card?.portraitRect.height ?? 0) * 1280);
    // Side by side becomes one above the other.
    const [top, bottom] = sources('sideBySide');
    expect(top?.portraitRect).toMatchObject({ y: 0, width: 1 });
    expect(bottom?.portraitRect).toMatchObject({ y: 0.5, width: 1 });
  });
});

describe('source builders', () => {
  const rect = { x: 0.1, y: 0.1, width: 0.3, height: 0.2 };

  it('build sources the schema accepts', () => {
    for (const source of [
      cameraSource('a'),
      cameraSource('b', rect),
      screenSource('c'),
      productCardSource('d', sampleProduct, rect),
      textSource('e', 'Hello', rect),
      tickerSource('f', 'New arrivals every Friday', rect),
    ]) {
      expect(sourceSchema.parse(source)).toEqual(source);
    }
  });

  it('keeps a product card name within 80 characters', () => {
    const product = { ...sampleProduct, name: 'A very long product name '.repeat(4).trim() };
    expect(productSchema.safeParse(product).success).toBe(true);
    const card = productCardSource('card', product, rect);
    expect(card.name.length).toBeLessThanOrEqual(80);
    expect(card.name.startsWith('Card: A very long')).toBe(true);
    expect(sourceSchema.safeParse(card).success).toBe(true);
  });

  it('offers a sample product that is itself valid', () => {
    expect(productSchema.parse(sampleProduct)).toEqual(sampleProduct);
  });
});

describe('defaultSceneCollection', () => {
  it('is valid, has four preset scenes, the first active, the test pattern off', () => {
    const collection = defaultSceneCollection(counter());
    expect(sceneCollectionSchema.parse(collection)).toEqual(collection);
    expect(collection.version).toBe(SCENES_VERSION);
    expect(collection.scenes.map((scene) => scene.preset)).toEqual(['camera', 'productCloseUp', 'screenWithCamera', 'sideBySide']);
    expect(collection.activeSceneId).toBe(collection.scenes[0]?.id);
    expect(collection.testPattern).toBe(false);
  });

  it('takes every id from the generator, each once', () => {
    const collection = defaultSceneCollection(counter());
    const ids = collection.scenes.flatMap((scene) => [scene.id, ...scene.sources.map((source) => source.id)]);
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
    expect([...ids].sort()).toEqual(Array.from({ length: 11 }, (_, index) => `id-${index + 1}`).sort());
  });
});
