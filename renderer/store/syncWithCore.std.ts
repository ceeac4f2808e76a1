import type { StudioApi } from '../../contract/api.std';
import type { SceneCollection } from '../../contract/schemas/scene.std';
import type { StudioStore } from './studioStore.std';

const SAVE_SCENES_AFTER_MS = 250;

/**
 * Mirrors the core into the store (current values, then every event) and saves local scene
 * edits back, coalesced, so a drag saves once when it settles rather than 60 times a second.
 */
export async function syncWithCore(
  api: StudioApi,
  store: StudioStore,
  onSaveFailed: (error: unknown) => void,
): Promise<() => void> {
  const state = store.getState();
  let fromCore: SceneCollection | null = null;
  // The core echoes every save to all windows; our own echo would undo edits made since.
  let lastSavedJson = '';
  const receiveScenes = (collection: SceneCollection) => {
    if (JSON.stringify(collection) === lastSavedJson) return;
    fromCore = collection;
    store.getState().scenesReceived(collection);
  };
  const unsubscribers = [
    api.onStatus(state.statusReceived),
    api.onSettings(state.settingsReceived),
    api.onNotice(state.noticeReceived),
    api.onScenes(receiveScenes),
    api.onLiveLayers(state.liveLayersReceived),
    api.onLive(state.liveReceived),
    api.onDestinations(state.destinationsReceived),
  ];
  const [status, settings, notices, scenes, liveLayers, live, destinations] = await Promise.all([
    api.getStatus(),
    api.getSettings(),
    api.getNotices(),
    api.getScenes(),
    api.getLiveLayers(),
    api.getLiveSession(),
    api.getDestinations(),
  ]);
  state.statusReceived(status);
  state.settingsReceived(settings);
  state.noticesReceived(notices);
  receiveScenes(scenes);
  state.liveLayersReceived(liveLayers);
  state.liveReceived(live);
  state.destinationsReceived(destinations);

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  unsubscribers.push(
    store.subscribe((next, previous) => {
      const collection = next.sceneCollection;
      if (!collection || collection === previous.sceneCollection || collection === fromCore) return;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        lastSavedJson = JSON.stringify(collection);
        api.saveScenes(collection).catch(onSaveFailed);
      }, SAVE_SCENES_AFTER_MS);
    }),
  );
  return () => {
    clearTimeout(saveTimer);
    unsubscribers.forEach((unsubscribe) => unsubscribe());
  };
}
