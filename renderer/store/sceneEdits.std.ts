import { withRectIn, type Aspect } from '../../contract/sceneLayout.std';
import { presetScene } from '../../contract/scenePresets.std';
// Edits stop at the schema's limits: past them the core would refuse to save the collection.
import { MAX_SCENES, MAX_SOURCES_PER_SCENE, type Rect, type Scene, type SceneCollection, type ScenePreset, type Source } from '../../contract/schemas/scene.std';

// Pure edits of a scene collection: every scene change the studio makes is one of these, so the
// store, the undo of a bad drag and the tests all speak the same language.

function mapScene(collection: SceneCollection, sceneId: string, change: (scene: Scene) => Scene): SceneCollection {
  return { ...collection, scenes: collection.scenes.map((scene) => (scene.id === sceneId ? change(scene) : scene)) };
}

function move<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item === undefined) return next;
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item);
  return next;
}

export const sceneEdits = {
  activate: (collection: SceneCollection, sceneId: string): SceneCollection =>
    collection.scenes.some((scene) => scene.id === sceneId) ? { ...collection, activeSceneId: sceneId } : collection,

  add: (collection: SceneCollection, preset: ScenePreset, newId: () => string): SceneCollection => {
    if (collection.scenes.length >= MAX_SCENES) return collection;
    const scene = presetScene(preset, newId);
    return { ...collection, scenes: [...collection.scenes, scene], activeSceneId: scene.id };
  },

  /** The last scene can't be removed: the program always has one. */
  remove: (collection: SceneCollection, sceneId: string): SceneCollection => {
    if (collection.scenes.length <= 1) return collection;
    const index = collection.scenes.findIndex((scene) => scene.id === sceneId);
    if (index < 0) return collection;
    const scenes = collection.scenes.filter((scene) => scene.id !== sceneId);
    const activeSceneId =
      collection.activeSceneId === sceneId ? (scenes[Math.min(index, scenes.length - 1)]?.id ?? '') : collection.activeSceneId;
    return { ...collection, scenes, activeSceneId };
  },

  moveScene: (collection: SceneCollection, sceneId: string, toIndex: number): SceneCollection => {
    const index = collection.scenes.findIndex((scene) => scene.id === sceneId);
    return index < 0 ? collection : { ...collection, scenes: move(collection.scenes, index, toIndex) };
  },

  rename: (collection: SceneCollection, sceneId: string, name: string): SceneCollection => {
    // Cut by code points, never inside a surrogate pair, and trim what the cut exposes.
    const trimmed = Array.from(name.trim()).slice(0, 80).join('').trim();
    return trimmed ? mapScene(collection, sceneId, (scene) => ({ ...scene, name: trimmed })) : collection;
  },

  addSource: (collection: SceneCollection, sceneId: string, source: Source): SceneCollection =>
    mapScene(collection, sceneId, (scene) =>
      scene.sources.length >= MAX_SOURCES_PER_SCENE ? scene : { ...scene, preset: 'custom', sources: [...scene.sources, source] },
    ),

  removeSource: (collection: SceneCollection, sceneId: string, sourceId: string): SceneCollection =>
    mapScene(collection, sceneId, (scene) => ({ ...scene, sources: scene.sources.filter((source) => source.id !== sourceId) })),

  /** Reorders a source within its scene: index 0 is drawn first (bottom). */
  moveSource: (collection: SceneCollection, sceneId: string, sourceId: string, toIndex: number): SceneCollection =>
    mapScene(collection, sceneId, (scene) => {
      const index = scene.sources.findIndex((source) => source.id === sourceId);
      return index < 0 ? scene : { ...scene, sources: move(scene.sources, index, toIndex) };
    }),

  updateSource: (collection: SceneCollection, sceneId: string, sourceId: string, change: (source: Source) => Source): SceneCollection =>
    mapScene(collection, sceneId, (scene) => ({
      ...scene,
      sources: scene.sources.map((source) => (source.id === sourceId ? change(source) : source)),
    })),

  /** Places a source in the layout of one aspect; the other aspect's layout stays as it was. */
  setRect: (collection: SceneCollection, sceneId: string, sourceId: string, aspect: Aspect, rect: Rect): SceneCollection =>
    sceneEdits.updateSource(collection, sceneId, sourceId, (source) => withRectIn(source, aspect, rect)),

  setTestPattern: (collection: SceneCollection, on: boolean): SceneCollection => ({ ...collection, testPattern: on }),
};

export function activeScene(collection: SceneCollection): Scene | undefined {
  return collection.scenes.find((scene) => scene.id === collection.activeSceneId);
}
