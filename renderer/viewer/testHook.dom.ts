import type { RoomConnectionState } from '../../contract/room/roomClient.std';
import type { VideoStats } from './player.dom';
import type { ViewerConnection } from './roomConnection.dom';
import type { PlaybackStatus, ViewerStoreApi } from './viewerStore.std';

/** What end-to-end tests may read from the page; nothing here changes it. */
export interface ShopcastViewerHook {
  videoStats(): Promise<VideoStats | null>;
  readonly viewerId: string | null;
  /** The room connection's state. */
  readonly state: RoomConnectionState;
  readonly playback: PlaybackStatus;
}

declare global {
  interface Window {
    __shopcastViewer?: ShopcastViewerHook;
  }
}

export function exposeTestHook(store: ViewerStoreApi, connection: ViewerConnection): void {
  const hook: ShopcastViewerHook = Object.freeze({
    videoStats: () => connection.videoStats(),
    get viewerId() {
      return store.getState().viewerId;
    },
    get state() {
      return connection.state;
    },
    get playback() {
      return store.getState().playback.status;
    },
  });
  Object.defineProperty(window, '__shopcastViewer', { value: hook, writable: false, configurable: false, enumerable: false });
}
