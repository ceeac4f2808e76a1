import type { CompositorStats } from '../features/compositor/workerMessages.std';
import type { StudioStore } from '../store/studioStore.std';

/** What benchmarks and end-to-end tests may read from the studio page; nothing here changes it. */
export interface ShopcastStudioHook {
  /** The panel's counters: every comment it was given (its list keeps a window) and the newest room event it applied. */
  panel(): { commentsReceived: number; lastSeq: number };
  /** The compositor's newest once-a-second report (null before its first). */
  compositor(): CompositorStats | null;
}

declare global {
  interface Window {
    __shopcastStudio?: ShopcastStudioHook;
  }
}

export function exposeStudioTestHook(store: StudioStore): void {
  const hook: ShopcastStudioHook = Object.freeze({
    panel: () => {
      const { commentsReceived, panel } = store.getState();
      return { commentsReceived, lastSeq: panel.lastSeq };
    },
    compositor: () => store.getState().compositorStats,
  });
  Object.defineProperty(window, '__shopcastStudio', { value: hook, writable: false, configurable: false, enumerable: false });
}
