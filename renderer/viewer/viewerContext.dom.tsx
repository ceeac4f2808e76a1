import { createContext, use, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ViewerConnection } from './roomConnection.dom';
import type { ViewerStore, ViewerStoreApi } from './viewerStore.std';

export interface ViewerContextValue {
  store: ViewerStoreApi;
  connection: ViewerConnection;
  /** localStorage, or null where the browser refuses it. */
  storage: Storage | null;
}

export const ViewerContext = createContext<ViewerContextValue | null>(null);

function useViewerContext(): ViewerContextValue {
  const value = use(ViewerContext);
  if (!value) throw new Error('ViewerContext is missing');
  return value;
}

export function useViewer<T>(selector: (state: ViewerStore) => T): T {
  return useStore(useViewerContext().store, selector);
}

export function useConnection(): ViewerConnection {
  return useViewerContext().connection;
}

export function useStorage(): Storage | null {
  return useViewerContext().storage;
}

/**
 * The room's clock (local clock + the estimated offset), ticking every `everyMs` while `running`.
 * Taken when the component mounts: key the component by what it counts down to.
 */
export function useServerNow(running: boolean, everyMs = 250): number {
  const offset = useViewer((state) => state.clockOffsetMs ?? 0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [running, everyMs]);
  return now + offset;
}
