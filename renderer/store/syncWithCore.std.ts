import type { StudioApi } from '../../contract/api.std';
import type { EventChannel } from '../../contract/events.std';
import type { RequestChannel } from '../../contract/requests.std';
import { mayCall, mayHear } from '../../contract/roles.std';
import type { SceneCollection } from '../../contract/schemas/scene.std';
import type { WhoAmI } from '../../contract/schemas/staff.std';
import { createSceneSaves } from './sceneSaves.std';
import { studioHost } from './staffSlice.std';
import type { StudioStore } from './studioStore.std';

/** One mirrored value: read it once, then follow its event. */
interface Mirror {
  channel: RequestChannel;
  event: EventChannel | null;
  read(): Promise<void>;
  follow(): () => void;
  /**
   * The live panel's channels are served by a core that may not have them yet (an older studio
   * core): their failure leaves the panel empty instead of refusing the whole window.
   */
  optional?: boolean;
}

/** Who this window is; a core that cannot say (an older one) has only the host at the studio. */
async function askWhoAmI(api: StudioApi): Promise<WhoAmI> {
  try {
    return await api.whoAmI();
  } catch {
    return studioHost;
  }
}

/**
 * Mirrors the core into the store (current values, then every event) and saves local scene
 * edits back, coalesced, so a drag saves once when it settles rather than 60 times a second.
 * A moderator's console reads only what its role may (contract/roles.std.ts): asking for the
 * rest would only collect refusals.
 */
export async function syncWithCore(
  api: StudioApi,
  store: StudioStore,
  onSaveFailed: (error: unknown) => void,
): Promise<() => void> {
  const state = store.getState();
  const whoAmI = await askWhoAmI(api);
  state.whoAmIReceived(whoAmI);

  const sceneSaves = createSceneSaves({
    save: (collection) => api.saveScenes(collection),
    apply: (collection) => store.getState().scenesReceived(collection),
    onSaveFailed,
  });
  const receiveScenes = (collection: SceneCollection) => sceneSaves.received(collection);

  const mirrors: Mirror[] = [
    { channel: 'getStatus', event: 'status', read: async () => state.statusReceived(await api.getStatus()), follow: () => api.onStatus(state.statusReceived) },
    { channel: 'getSettings', event: 'settings', read: async () => state.settingsReceived(await api.getSettings()), follow: () => api.onSettings(state.settingsReceived) },
    { channel: 'getNotices', event: 'notice', read: async () => state.noticesReceived(await api.getNotices()), follow: () => api.onNotice(state.noticeReceived) },
    { channel: 'getScenes', event: 'scenes', read: async () => receiveScenes(await api.getScenes()), follow: () => api.onScenes(receiveScenes) },
    { channel: 'getLiveLayers', event: 'liveLayers', read: async () => state.liveLayersReceived(await api.getLiveLayers()), follow: () => api.onLiveLayers(state.liveLayersReceived) },
    { channel: 'getLiveSession', event: 'live', read: async () => state.liveReceived(await api.getLiveSession()), follow: () => api.onLive(state.liveReceived) },
    { channel: 'getDestinations', event: 'destinations', read: async () => state.destinationsReceived(await api.getDestinations()), follow: () => api.onDestinations(state.destinationsReceived) },
    { channel: 'getPanel', event: 'panel', read: async () => state.panelReceived(await api.getPanel()), follow: () => api.onPanel(state.panelEventReceived), optional: true },
    { channel: 'getCatalogue', event: 'catalogue', read: async () => state.catalogueReceived(await api.getCatalogue()), follow: () => api.onCatalogue(state.catalogueReceived), optional: true },
    { channel: 'getStaff', event: 'staff', read: async () => state.staffReceived(await api.getStaff()), follow: () => api.onStaff(state.staffReceived), optional: true },
    { channel: 'listShows', event: 'library', read: async () => state.showsReceived(await api.listShows()), follow: () => api.onLibrary(state.showsReceived), optional: true },
    { channel: 'getOrderWebhook', event: 'orderWebhook', read: async () => state.orderWebhookReceived(await api.getOrderWebhook()), follow: () => api.onOrderWebhook(state.orderWebhookReceived), optional: true },
    { channel: 'getExports', event: 'exports', read: async () => state.exportJobsReceived(await api.getExports()), follow: () => api.onExports(state.exportJobsReceived), optional: true },
  ];
  const allowed = mirrors.filter((mirror) => mayCall(whoAmI.role, mirror.channel));
  // Events first, so nothing that happens between the read and the subscription is missed; a
  // panel event before its getPanel answer is overwritten by that answer, which already has it.
  const unsubscribers = allowed.filter((mirror) => mirror.event === null || mayHear(whoAmI.role, mirror.event)).map((mirror) => mirror.follow());
  await Promise.all(
    allowed.map((mirror) =>
      mirror.read().catch((error: unknown) => {
        if (!mirror.optional) throw error;
        console.warn(`The studio core did not answer ${mirror.channel}`, error);
      }),
    ),
  );

  unsubscribers.push(
    store.subscribe((next, previous) => {
      if (next.sceneCollection && next.sceneCollection !== previous.sceneCollection) sceneSaves.changed(next.sceneCollection);
    }),
  );
  return () => {
    sceneSaves.dispose();
    unsubscribers.forEach((unsubscribe) => unsubscribe());
  };
}
