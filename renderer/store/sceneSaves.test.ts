import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSceneCollection } from '../../contract/scenePresets.std';
import type { SceneCollection } from '../../contract/schemas/scene.std';
import { createSceneSaves } from './sceneSaves.std';

function counter(): () => string {
  let next = 0;
  return () => `id-${(next += 1)}`;
}

/** The collection with its first scene renamed: a stand-in for any edit. */
const renamed = (collection: SceneCollection, name: string): SceneCollection => ({
  ...collection,
  scenes: collection.scenes.map((scene, index) => (index === 0 ? { ...scene, name } : scene)),
});

/** A core that echoes each save as it would (to every window, before answering), when told. */
function harness() {
  const saves: { collection: SceneCollection; answer: () => void }[] = [];
  const applied: SceneCollection[] = [];
  const failures: unknown[] = [];
  const sceneSaves = createSceneSaves({
    save: (collection) =>
      new Promise<void>((resolve) => {
        saves.push({ collection, answer: resolve });
      }),
    apply: (collection) => applied.push(collection),
    onSaveFailed: (error) => failures.push(error),
  });
  return { sceneSaves, saves, applied, failures };
}

describe('scene saves', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves a burst of edits once, when they settle', async () => {
    const { sceneSaves, saves } = harness();
    const base = defaultSceneCollection(counter());
    sceneSaves.received(base);
    for (let step = 1; step <= 8; step += 1) {
      sceneSaves.changed(renamed(base, `step ${step}`));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(250);
    expect(saves.map((save) => save.collection.scenes[0]?.name)).toEqual(['step 8']);
  });

  it('a late echo of an earlier save does not put a drag back where it was', async () => {
    const { sceneSaves, saves, applied } = harness();
    const base = defaultSceneCollection(counter());
    sceneSaves.received(base);
    // A slow machine: the drag pauses long enough for a save mid-way, then goes on.
    sceneSaves.changed(renamed(base, 'mid-drag'));
    await vi.advanceTimersByTimeAsync(300);
    sceneSaves.changed(renamed(base, 'dropped'));
    await vi.advanceTimersByTimeAsync(300);
    expect(saves.map((save) => save.collection.scenes[0]?.name)).toEqual(['mid-drag', 'dropped']);
    // The core's echoes, in the order it applied the saves, each before its answer.
    for (const save of saves) {
      sceneSaves.received(structuredClone(save.collection));
      save.answer();
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(applied.map((collection) => collection.scenes[0]?.name)).toEqual([base.scenes[0]?.name]);
  });

  it("takes another window's edit once its own saves are answered, and does not save it back", async () => {
    const { sceneSaves, saves, applied } = harness();
    const base = defaultSceneCollection(counter());
    sceneSaves.received(base);
    sceneSaves.changed(renamed(base, 'mine'));
    await vi.advanceTimersByTimeAsync(300);
    // Another window's edit the core applied before ours: overtaken by ours, not shown.
    sceneSaves.received(renamed(base, 'theirs, earlier'));
    const [mine] = saves;
    if (!mine) throw new Error('nothing was saved');
    sceneSaves.received(structuredClone(mine.collection));
    mine.answer();
    await vi.advanceTimersByTimeAsync(0);
    const theirs = renamed(base, 'theirs, later');
    sceneSaves.received(theirs);
    expect(applied.at(-1)).toBe(theirs);
    sceneSaves.changed(theirs);
    await vi.advanceTimersByTimeAsync(300);
    expect(saves).toHaveLength(1);
  });

  it('a refused save is reported and the core is listened to again', async () => {
    const failures: unknown[] = [];
    const applied: SceneCollection[] = [];
    const sceneSaves = createSceneSaves({
      save: () => Promise.reject(new Error('The scene has no name.')),
      apply: (collection) => applied.push(collection),
      onSaveFailed: (error) => failures.push(error),
    });
    const base = defaultSceneCollection(counter());
    sceneSaves.changed(renamed(base, ''));
    await vi.advanceTimersByTimeAsync(300);
    expect(failures).toEqual([new Error('The scene has no name.')]);
    sceneSaves.received(base);
    expect(applied).toEqual([base]);
  });
});
