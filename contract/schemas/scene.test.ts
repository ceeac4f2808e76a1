import { describe, expect, it } from 'vitest';
import { defaultSceneCollection } from '../scenePresets.std';
import { rectSchema, sceneCollectionSchema, sourceSchema, type SceneCollection, type SourceOf } from './scene.std';

function collection(): SceneCollection {
  let next = 0;
  return defaultSceneCollection(() => `id-${(next += 1)}`);
}

const image = (dataUrl: string): SourceOf<'image'> => ({
  id: 'logo',
  name: 'Logo',
  kind: 'image',
  visible: true,
  rect: { x: 0.8, y: 0.05, width: 0.15, height: 0.15 },
  portraitRect: { x: 0.6, y: 0.05, width: 0.35, height: 0.2 },
  image: dataUrl,
  fit: 'contain',
});

const tinyPng = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('sceneCollectionSchema', () => {
  it('accepts the default collection', () => {
    expect(sceneCollectionSchema.safeParse(collection()).success).toBe(true);
  });

  it('refuses an active scene that is not one of the scenes', () => {
    const result = sceneCollectionSchema.safeParse({ ...collection(), activeSceneId: 'missing' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('activeSceneId');
  });

  it('refuses an empty active scene id', () => {
    expect(sceneCollectionSchema.safeParse({ ...collection(), activeSceneId: '' }).success).toBe(false);
  });

  it('refuses two scenes with the same id', () => {
    const base = collection();
    const [first, second, ...rest] = base.scenes;
    if (!first || !second) throw new Error('the default collection has scenes');
    const result = sceneCollectionSchema.safeParse({ ...base, scenes: [first, { ...second, id: first.id }, ...rest] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('scenes');
  });

  it('refuses a collection with no scenes, or another version', () => {
    expect(sceneCollectionSchema.safeParse({ ...collection(), scenes: [] }).success).toBe(false);
    expect(sceneCollectionSchema.safeParse({ ...collection(), version: 1 }).success).toBe(false);
    expect(sceneCollectionSchema.safeParse({ ...collection(), version: 3 }).success).toBe(false);
  });

  it('refuses a source without its 9:16 place', () => {
    const { portraitRect: _dropped, ...landscapeOnly } = image(tinyPng);
    expect(sourceSchema.safeParse(landscapeOnly).success).toBe(false);
  });

  it('refuses unknown fields', () => {
    expect(sceneCollectionSchema.safeParse({ ...collection(), extra: true }).success).toBe(false);
  });

  it('accepts an image source holding a PNG data URL', () => {
    const base = collection();
    const [first, ...rest] = base.scenes;
    if (!first) throw new Error('the default collection has scenes');
    const result = sceneCollectionSchema.safeParse({ ...base, scenes: [{ ...first, sources: [...first.sources, image(tinyPng)] }, ...rest] });
    expect(result.success).toBe(true);
  });

  it.each([
    ['HTML', 'data:text/html;base64,PHNjcmlwdD4='],
    ['SVG (can carry script)', 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='],
    ['a web address', 'https://example.com/logo.png'],
    ['a PNG with something after the data', `${tinyPng}"><script>`],
    ['not base64', 'data:image/png,<svg onload=alert(1)>'],
  ])('refuses an image source whose data URL is %s', (_what, dataUrl) => {
    expect(sourceSchema.safeParse(image(dataUrl)).success).toBe(false);
    const base = collection();
    const [first, ...rest] = base.scenes;
    if (!first) throw new Error('the default collection has scenes');
    const result = sceneCollectionSchema.safeParse({ ...base, scenes: [{ ...first, sources: [...first.sources, image(dataUrl)] }, ...rest] });
    expect(result.success).toBe(false);
  });
});

describe('rectSchema', () => {
  it('allows a rect hanging over the edge, within limits', () => {
    expect(rectSchema.safeParse({ x: -0.5, y: 1.5, width: 2, height: 0.1 }).success).toBe(true);
    expect(rectSchema.safeParse({ x: -1.5, y: 0, width: 1, height: 1 }).success).toBe(false);
    expect(rectSchema.safeParse({ x: 0, y: 0, width: 0, height: 1 }).success).toBe(false);
  });
});
