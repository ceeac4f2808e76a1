import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { CaptureManager } from './captureManager.dom';

/** The page-side compositor services the UI talks to (capture control; the program runs by itself). */
export interface CompositorServices {
  captures: CaptureManager;
}

export const CompositorContext = createContext<CompositorServices | null>(null);

export function useCompositor(): CompositorServices {
  const value = useContext(CompositorContext);
  if (!value) throw new Error('CompositorContext is missing');
  return value;
}

/** The live MediaStream of a capture (for a self-view), or null while there is none. */
export function useCaptureStream(key: string): MediaStream | null {
  const { captures } = useCompositor();
  const subscribe = useCallback(
    (changed: () => void) => captures.onStreamChange((changedKey) => changedKey === key && changed()),
    [captures, key],
  );
  return useSyncExternalStore(subscribe, () => captures.stream(key));
}
