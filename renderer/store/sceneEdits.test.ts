import { describe, expect, it } from 'vitest';
import { defaultSceneCollection, presetNames, textSource } from '../../contract/scenePresets.std';
import { sceneCollectionSchema, type Scene, type SceneCollection, type Source } from '../../contract/schemas/scene.std';
import { activeScene, sceneEdits } from './sceneEdits.std';

function counter(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}${(next += 1)}`;
}

/** Freezes an object and everything it holds, so any mutation throws (modules run in strict mode). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A frozen default collection, and a copy of it to prove the edit left it untouched. */
function fixture(): { collection: SceneCollection; before: SceneCollection } {
  const collection = defaultSceneCollection(counter('id-'));
  const before = structuredClone(collection);
  return { collection: deepFreeze(collection), before };
}

function sceneAt(collection: SceneCollection, index: number): Scene {
  const scene = collection.scenes[index];
  if (!scene) throw new Error(`no scene at ${index}`);
  return scene;
}

const ids = (collection: SceneCollection) => collection.scenes.map((scene) => scene.id);
const sourceIds = (scene: Scene | undefined) => scene?.sources.map((source) => source.id);
const valid = (collection: SceneCollection) => expect(sceneCollectionSchema.safeParse(collection).success).toBe(true);

describe('the fixture', () => {
  it('is the default collection: four preset scenes, the first active, ids from the counter', () => {
    const { collection } = fixture();
    expect(collection.scenes.map((scene) => scene.preset)).toEqual(['camera', 'productCloseUp', 'screenWithCamera', 'sideBySide']);
    expect(collection.activeSceneId).toBe(sceneAt(collection, 0).id);
    expect(new Set([...ids(collection), ...collection.scenes.flatMap((scene) => sourceIds(scene) ?? [])]).size).toBe(4 + 7);
    valid(collection);
  });

  it('is deeply frozen', () => {
    const { collection } = fixture();
    expect(() => {
      (sceneAt(collection, 0).sources as Source[]).push(textSource('x', 'x', { x: 0, y: 0, width: 1, height: 1 }));
    }).toThrow(TypeError);
    expect(() => {
      (sceneAt(collection, 0) as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });
});

describe('activate', () => {
  it('makes a scene active', () => {
    const { collection, before } = fixture();
    const target = sceneAt(collection, 2).id;
    const next = sceneEdits.activate(collection, target);
    expect(next.activeSceneId).toBe(target);
    expect(activeScene(next)?.id).toBe(target);
    expect(next.scenes).toEqual(before.scenes);
    expect(next).not.toBe(collection);
    expect(collection).toEqual(before);
    valid(next);
  });

  it('ignores an unknown scene id', () => {
    const { collection, before } = fixture();
    const next = sceneEdits.activate(collection, 'nope');
    expect(next).toEqual(before);
    expect(activeScene(next)?.id).toBe(before.activeSceneId);
  });
});

describe('add', () => {
  it.each(['camera', 'productCloseUp', 'screenWithCamera', 'sideBySide', 'custom'] as const)('adds a %s scene at the end and makes it active', (preset) => {
    const { collection, before } = fixture();
    const next = sceneEdits.add(collection, preset, counter('new-'));
    expect(next.scenes).toHaveLength(5);
    expect(next.scenes.slice(0, 4)).toEqual(before.scenes);
    const added = sceneAt(next, 4);
    expect(added.preset).toBe(preset);
    expect(added.name).toBe(presetNames[preset]);
    expect(next.activeSceneId).toBe(added.id);
    expect(ids(before)).not.toContain(added.id);
    expect(collection).toEqual(before);
    valid(next);
  });
});

describe('remove', () => {
  it('removes a scene that is not active and keeps the active one', () => {
    const { collection, before } = fixture();
    const removed = sceneAt(collection, 2).id;
    const next = sceneEdits.remove(collection, removed);
    expect(ids(next)).toEqual(ids(before).filter((id) => id !== removed));
    expect(next.activeSceneId).toBe(before.activeSceneId);
    expect(collection).toEqual(before);
    valid(next);
  });

  it('moves the active scene to the neighbour that takes its place', () => {
    const { collection, before } = fixture();
    const middle = sceneEdits.activate(collection, sceneAt(collection, 1).id);
    const next = sceneEdits.remove(middle, sceneAt(collection, 1).id);
    expect(next.activeSceneId).toBe(sceneAt(before, 2).id);
    expect(collection).toEqual(before);
    valid(next);
  });

  it('moves the active scene to the previous one when the last scene is removed', () => {
    const { collection } = fixture();
    const last = sceneAt(collection, 3).id;
    const next = sceneEdits.remove(sceneEdits.activate(collection, last), last);
    expect(next.activeSceneId).toBe(sceneAt(collection, 2).id);
    valid(next);
  });

  it('moves the active scene to the next one when the first scene is removed', () => {
    const { collection } = fixture();
    const next = sceneEdits.remove(collection, sceneAt(collection, 0).id);
    expect(next.activeSceneId).toBe(sceneAt(collection, 1).id);
    valid(next);
  });

  it('cannot remove the last scene left', () => {
    let { collection } = fixture();
    for (const id of ids(collection).slice(1)) collection = sceneEdits.remove(collection, id);
    expect(collection.scenes).toHaveLength(1);
    deepFreeze(collection);
    const only = sceneAt(collection, 0).id;
    const next = sceneEdits.remove(collection, only);
    expect(ids(next)).toEqual([only]);
    expect(next.activeSceneId).toBe(only);
    valid(next);
  });

  it('ignores an unknown scene id', () => {
    const { collection, before } = fixture();
    expect(sceneEdits.remove(collection, 'nope')).toEqual(before);
  });
});

describe('moveScene', () => {
  it('moves a scene to a new index', () => {
    const { collection, before } = fixture();
    const [a, b, c, d] = ids(before);
    expect(ids(sceneEdits.moveScene(collection, a as string, 2))).toEqual([b, c, a, d]);
    expect(ids(sceneEdits.moveScene(collection, d as string, 0))).toEqual([d, a, b, c]);
    expect(ids(sceneEdits.moveScene(collection, b as string, 1))).toEqual([a, b, c, d]);
    expect(collection).toEqual(before);
  });

  it('clamps the index to the list', () => {
    const { collection, before } = fixture();
    const [a, b, c, d] = ids(before);
    expect(ids(sceneEdits.moveScene(collection, b as string, 99))).toEqual([a, c, d, b]);
    expect(ids(sceneEdits.moveScene(collection, c as string, -5))).toEqual([c, a, b, d]);
    expect(collection).toEqual(before);
  });

  it('keeps the active scene and the scenes themselves', () => {
    const { collection, before } = fixture();
    const next = sceneEdits.moveScene(collection, sceneAt(collection, 0).id, 3);
    expect(next.activeSceneId).toBe(before.activeSceneId);
    expect([...next.scenes].sort((x, y) => x.id.localeCompare(y.id))).toEqual([...before.scenes].sort((x, y) => x.id.localeCompare(y.id)));
    valid(next);
  });

  it('ignores an unknown scene id', () => {
    const { collection, before } = fixture();
    expect(sceneEdits.moveScene(collection, 'nope', 0)).toEqual(before);
  });
});

describe('rename', () => {
  it('renames a scene, trimmed', () => {
    const { collection, before } = fixture();
    const id = sceneAt(collection, 1).id;
    const next = sceneEdits.rename(collection, id, '  Lipstick demo \n');
    expect(sceneAt(next, 1).name).toBe('Lipstick demo');
    expect(sceneAt(next, 1).sources).toEqual(sceneAt(before, 1).sources);
    expect(sceneAt(next, 0)).toEqual(sceneAt(before, 0));
    expect(collection).toEqual(before);
    valid(next);
  });

  it('ignores an empty or blank name', () => {
    const { collection, before } = fixture();
    const id = sceneAt(collection, 1).id;
    expect(sceneEdits.rename(collection, id, '')).toEqual(before);
    expect(sceneEdits.rename(collection, id, '   \t ')).toEqual(before);
  });

  it('cuts a long name to 80 characters', () => {
    const { collection, before } = fixture();
    const id = sceneAt(collection, 0).id;
    const next = sceneEdits.rename(collection, id, 'x'.repeat(200));
    expect(sceneAt(next, 0).name).toBe('x'.repeat(80));
    expect(collection).toEqual(before);
    valid(next);
  });

  it('leaves the collection as it was for an unknown scene id', () => {
    const { collection, before } = fixture();
    expect(sceneEdits.rename(collection, 'nope', 'Name')).toEqual(before);
  });
});

describe('sources', () => {
  const caption = textSource('caption', 'Free shipping today', { x: 0.05, y: 0.05, width: 0.5, height: 0.1 });

  it('addSource puts a source on top and makes the scene custom', () => {
    const { collection, before } = fixture();
    const id = sceneAt(collection, 0).id;
    const next = sceneEdits.addSource(collection, id, caption);
    const scene = sceneAt(next, 0);
    expect(scene.preset).toBe('custom');
    expect(sourceIds(scene)).toEqual([...(sourceIds(sceneAt(before, 0)) ?? []), 'caption']);
    expect(scene.sources.at(-1)).toEqual(caption);
    expect(next.scenes.slice(1)).toEqual(before.scenes.slice(1));
    expect(collection).toEqual(before);
    valid(next);
  });

  it('removeSource takes a source out of its scene only', () => {
    const { collection, before } = fixture();
    const scene = sceneAt(collection, 1);
    const [camera, card] = sourceIds(scene) ?? [];
    const next = sceneEdits.removeSource(collection, scene.id, card as string);
    expect(sourceIds(sceneAt(next, 1))).toEqual([camera]);
    expect(next.scenes.filter((_, index) => index !== 1)).toEqual(before.scenes.filter((_, index) => index !== 1));
    expect(sceneEdits.removeSource(collection, scene.id, 'nope')).toEqual(before);
    expect(collection).toEqual(before);
    valid(next);
  });

  it('moveSource reorders within the scene, clamping the index', () => {
    const { collection, before } = fixture();
    const scene = sceneAt(collection, 0);
    const withSources = deepFreeze(
      sceneEdits.addSource(
        sceneEdits.addSource(collection, scene.id, caption),
        scene.id,
        textSource('price', '¥99', { x: 0.6, y: 0.8, width: 0.3, height: 0.1 }),
      ),
    );
    const cameraId = sourceIds(scene)?.[0] as string;
    expect(sourceIds(sceneAt(withSources, 0))).toEqual([cameraId, 'caption', 'price']);
    expect(sourceIds(sceneAt(sceneEdits.moveSource(withSources, scene.id, 'price', 0), 0))).toEqual(['price', cameraId, 'caption']);
    expect(sourceIds(sceneAt(sceneEdits.moveSource(withSources, scene.id, cameraId, 1), 0))).toEqual(['caption', cameraId, 'price']);
    expect(sourceIds(sceneAt(sceneEdits.moveSource(withSources, scene.id, cameraId, 99), 0))).toEqual(['caption', 'price', cameraId]);
    expect(sourceIds(sceneAt(sceneEdits.moveSource(withSources, scene.id, 'price', -3), 0))).toEqual(['price', cameraId, 'caption']);
    expect(sourceIds(sceneAt(sceneEdits.moveSource(withSources, scene.id, 'nope', 0), 0))).toEqual([cameraId, 'caption', 'price']);
    valid(sceneEdits.moveSource(withSources, scene.id, 'price', 0));
    expect(collection).toEqual(before);
  });

  it('updateSource changes one source through a function', () => {
    const { collection, before } = fixture();
    const scene = sceneAt(collection, 2);
    const [screenId, cameraId] = sourceIds(scene) ?? [];
    const next = sceneEdits.updateSource(collection, scene.id, cameraId as string, (source) => ({ ...source, visible: false, name: 'Hidden camera' }));
    const [screen, camera] = sceneAt(next, 2).sources;
    expect(camera).toEqual({ ...sceneAt(before, 2).sources[1], visible: false, name: 'Hidden camera' });
    expect(screen).toEqual(sceneAt(before, 2).sources[0]);
    expect(screen?.id).toBe(screenId);
    expect(sceneAt(next, 2).preset).toBe('screenWithCamera');
    expect(collection).toEqual(before);
    valid(next);
  });

  it('setRect moves and resizes one source in the 16:9 layout, leaving its 9:16 place alone', () => {
    const { collection, before } = fixture();
    const scene = sceneAt(collection, 3);
    const cameraId = sourceIds(scene)?.[0] as string;
    const rect = { x: -0.1, y: 0.2, width: 0.6, height: 0.6 };
    const next = sceneEdits.setRect(collection, scene.id, cameraId, 'landscape', rect);
    expect(sceneAt(next, 3).sources[0]).toEqual({ ...sceneAt(before, 3).sources[0], rect });
    expect(sceneAt(next, 3).sources[0]?.portraitRect).toEqual(sceneAt(before, 3).sources[0]?.portraitRect);
    expect(sceneAt(next, 3).sources[1]).toEqual(sceneAt(before, 3).sources[1]);
    expect(collection).toEqual(before);
    valid(next);
  });

  it('setRect in 9:16 moves only the portrait place, and back in 16:9 the landscape one is as it was', () => {
    const { collection, before } = fixture();
    const scene = sceneAt(collection, 1);
    const cardId = sourceIds(scene)?.[1] as string;
    const portraitRect = { x: 0.1, y: 0.3, width: 0.8, height: 0.2 };
    const next = sceneEdits.setRect(collection, scene.id, cardId, 'portrait', portraitRect);
    const card = sceneAt(next, 1).sources[1];
    expect(card).toEqual({ ...sceneAt(before, 1).sources[1], portraitRect });
    expect(card?.rect).toEqual(sceneAt(before, 1).sources[1]?.rect);
    const landscapeRect = { x: 0.5, y: 0.5, width: 0.4, height: 0.4 };
    const again = sceneEdits.setRect(next, scene.id, cardId, 'landscape', landscapeRect);
    expect(sceneAt(again, 1).sources[1]).toMatchObject({ rect: landscapeRect, portraitRect });
    valid(again);
  });

  it('leaves other scenes alone when source ids match across scenes', () => {
    // Source ids are only unique within a scene: an edit names its scene.
    const { collection, before } = fixture();
    const first = sceneAt(collection, 0).id;
    const second = sceneAt(collection, 1).id;
    const both = sceneEdits.addSource(sceneEdits.addSource(collection, first, caption), second, caption);
    const next = sceneEdits.setRect(both, first, 'caption', 'landscape', { x: 0, y: 0, width: 1, height: 1 });
    expect(sceneAt(next, 1).sources.at(-1)).toEqual(caption);
    expect(sceneAt(next, 0).sources.at(-1)?.rect).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    expect(collection).toEqual(before);
  });
});

describe('setTestPattern', () => {
  it('switches the stamp on and off', () => {
    const { collection, before } = fixture();
    const on = sceneEdits.setTestPattern(collection, true);
    expect(on.testPattern).toBe(true);
    expect(on.scenes).toEqual(before.scenes);
    expect(sceneEdits.setTestPattern(deepFreeze(on), false).testPattern).toBe(false);
    expect(collection).toEqual(before);
    valid(on);
  });
});

describe('every edit', () => {
  it('returns a new object for a real change and never touches its input', () => {
    const { collection, before } = fixture();
    const [s0, s1, s2] = collection.scenes;
    const camera = s0?.sources[0]?.id as string;
    const edits: ((c: SceneCollection) => SceneCollection)[] = [
      (c) => sceneEdits.activate(c, s1?.id as string),
      (c) => sceneEdits.add(c, 'camera', counter('n-')),
      (c) => sceneEdits.remove(c, s2?.id as string),
      (c) => sceneEdits.moveScene(c, s0?.id as string, 3),
      (c) => sceneEdits.rename(c, s0?.id as string, 'Renamed'),
      (c) => sceneEdits.addSource(c, s0?.id as string, textSource('t', 'Hi', { x: 0, y: 0, width: 0.2, height: 0.1 })),
      (c) => sceneEdits.removeSource(c, s0?.id as string, camera),
      (c) => sceneEdits.moveSource(c, s1?.id as string, s1?.sources[0]?.id as string, 1),
      (c) => sceneEdits.updateSource(c, s0?.id as string, camera, (source) => ({ ...source, visible: false })),
      (c) => sceneEdits.setRect(c, s0?.id as string, camera, 'portrait', { x: 0.1, y: 0.1, width: 0.5, height: 0.5 }),
      (c) => sceneEdits.setTestPattern(c, true),
    ];
    for (const edit of edits) {
      const next = edit(collection);
      expect(next).not.toBe(collection);
      expect(next).not.toEqual(before);
      valid(next);
    }
    expect(collection).toEqual(before);
  });
});

describe('sceneEdits limits and names', () => {
  it('stops adding scenes and sources at the schema limits', () => {
    let id = 0;
    const next = () => `limit-${id++}`;
    let collection = defaultSceneCollection(next);
    for (let index = 0; index < 60; index += 1) collection = sceneEdits.add(collection, 'custom', next);
    expect(collection.scenes).toHaveLength(50);
    const sceneId = collection.scenes[0]?.id ?? '';
    for (let index = 0; index < 40; index += 1) collection = sceneEdits.addSource(collection, sceneId, textSource(next(), 'x', { x: 0, y: 0, width: 0.1, height: 0.1 }));
    expect(collection.scenes[0]?.sources).toHaveLength(32);
    expect(sceneCollectionSchema.safeParse(collection).success).toBe(true);
  });

  it('cuts a long name at 80 code points without splitting an emoji or leaving a trailing space', () => {
    let id = 0;
    const collection = defaultSceneCollection(() => `name-${id++}`);
    const sceneId = collection.scenes[0]?.id ?? '';
    expect(sceneEdits.rename(collection, sceneId, `${'a'.repeat(79)} b`).scenes[0]?.name).toBe('a'.repeat(79));
    expect(sceneEdits.rename(collection, sceneId, `${'a'.repeat(79)}😀x`).scenes[0]?.name).toBe(`${'a'.repeat(79)}😀`);
  });
});
