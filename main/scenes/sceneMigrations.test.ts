import { describe, expect, it } from 'vitest';
import { portraitFromLandscape } from '../../contract/sceneLayout.std';
import { SCENES_VERSION, sceneCollectionSchema, type Rect } from '../../contract/schemas/scene.std';
import { readVersionedDocument } from '../persistence/documentVersions.std';
import { sceneMigrations } from './sceneMigrations.std';

const card: Rect = { x: 0.6, y: 0.52, width: 0.36, height: 0.4 };

/** A scenes.json as version 1 wrote it: one rect per source, shared by every output. */
const version1 = {
  version: 1,
  activeSceneId: 's',
  testPattern: false,
  scenes: [
    {
      id: 's',
      name: 'Product close-up',
      preset: 'productCloseUp',
      sources: [
        { id: 'cam', name: 'Camera', kind: 'camera', visible: true, rect: { x: 0, y: 0, width: 1, height: 1 }, deviceId: null, captureWidth: 1280, captureHeight: 720, captureFps: 30, mirrorPreview: true, fit: 'cover' },
        {
          id: 'card',
          name: 'Card: Silk scarf',
          kind: 'productCard',
          visible: true,
          rect: card,
          product: { id: 'p', name: 'Silk scarf', priceMinor: 9900, listPriceMinor: null, currency: 'CNY', stock: 3, photo: null },
          countdownEndsAt: null,
        },
      ],
    },
  ],
};

describe('scene migrations', () => {
  it('reads a version 1 collection as the current version, each source with a portrait place of its own shape', () => {
    const result = readVersionedDocument(structuredClone(version1), sceneMigrations, SCENES_VERSION, sceneCollectionSchema, 'scenes');
    if (!result.ok) throw new Error(result.reason);
    expect(result.migratedFrom).toBe(1);
    expect(result.value.version).toBe(SCENES_VERSION);
    const [camera, migratedCard] = result.value.scenes[0]?.sources ?? [];
    expect(camera?.portraitRect).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    expect(migratedCard?.rect).toEqual(card);
    expect(migratedCard?.portraitRect).toEqual(portraitFromLandscape(card));
    // Not stretched: the card is as wide against its height in 720×1280 pixels as in 1280×720.
    const shape = (rect: Rect | undefined, width: number, height: number) => ((rect?.width ?? 0) * width) / ((rect?.height ?? 1) * height);
    expect(shape(migratedCard?.portraitRect, 720, 1280)).toBeCloseTo(shape(card, 1280, 720), 2);
  });

  it('leaves a source with a broken rect for the schema to refuse, saying where', () => {
    const broken = structuredClone(version1);
    const source = broken.scenes[0]?.sources[1];
    if (source) source.rect = { x: 0, y: 0, width: -1, height: 1 };
    const result = readVersionedDocument(broken, sceneMigrations, SCENES_VERSION, sceneCollectionSchema, 'scenes');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('scenes.0.sources.1');
  });
});
