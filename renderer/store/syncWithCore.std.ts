import type { StudioApi } from '../../contract/api.std';
import type { StudioStore } from './studioStore.std';

/** Mirrors the core into the store: current values first, then every event. */
export async function syncWithCore(api: StudioApi, store: StudioStore): Promise<() => void> {
  const { statusReceived, settingsReceived, noticeReceived, noticesReceived } = store.getState();
  const unsubscribers = [api.onStatus(statusReceived), api.onSettings(settingsReceived), api.onNotice(noticeReceived)];
  const [status, settings, notices] = await Promise.all([api.getStatus(), api.getSettings(), api.getNotices()]);
  statusReceived(status);
  settingsReceived(settings);
  noticesReceived(notices);
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
