import { createContext, useContext, useEffect, useState } from 'react';
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
  const [stream, setStream] = useState(() => captures.stream(key));
  useEffect(() => {
    setStream(captures.stream(key));
    return captures.onStreamChange((changed, next) => {
      if (changed === key) setStream(next);
    });
  }, [captures, key]);
  return stream;
}
