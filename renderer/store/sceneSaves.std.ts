import type { SceneCollection } from '../../contract/schemas/scene.std';

const SAVE_SCENES_AFTER_MS = 250;

export interface SceneSaves {
  /** A collection the core sent (its answer to getScenes, or its `scenes` event). */
  received(collection: SceneCollection): void;
  /** A collection the store now holds: saved if it is a local edit, coalesced. */
  changed(collection: SceneCollection): void;
  dispose(): void;
}

/**
 * Saves this window's scene edits to the core, coalesced (a drag saves when it settles, not 60
 * times a second), and lets the core's collection in only when it cannot undo a local edit.
 *
 * The core echoes every save to every window before it answers. On a busy machine a drag can save
 * twice, and the first save's echo then arrives after the second was sent: taken in, it would put
 * the source back where it was mid-drag, and the later echo, being ours, would be ignored. So
 * while any save of ours is unanswered, what the core says is already overtaken by that save
 * (the core applies saves in order): it is ignored.
 */
export function createSceneSaves(options: {
  save(collection: SceneCollection): Promise<unknown>;
  /** Puts the core's collection in the store. */
  apply(collection: SceneCollection): void;
  onSaveFailed(error: unknown): void;
}): SceneSaves {
  let fromCore: SceneCollection | null = null;
  let unanswered = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: SceneCollection | null = null;

  const flush = () => {
    const collection = pending;
    pending = null;
    if (!collection) return;
    unanswered += 1;
    options
      .save(collection)
      .catch(options.onSaveFailed)
      .finally(() => {
        unanswered -= 1;
      });
  };

  return {
    received(collection) {
      if (unanswered > 0 || pending) return;
      fromCore = collection;
      options.apply(collection);
    },
    changed(collection) {
      if (collection === fromCore) return;
      pending = collection;
      clearTimeout(timer);
      timer = setTimeout(flush, SAVE_SCENES_AFTER_MS);
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
