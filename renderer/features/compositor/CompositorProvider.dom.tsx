import { useEffect, useState, type ReactNode } from 'react';
import { useStudioStore } from '../../app/studioContext.dom';
import { createCaptureManager } from './captureManager.dom';
import { CompositorContext, type CompositorServices } from './compositorContext.dom';

export function CompositorProvider({ children }: { children: ReactNode }) {
  const store = useStudioStore();
  const [services] = useState<CompositorServices>(() => ({
    captures: createCaptureManager({ mediaDevices: navigator.mediaDevices, reportStatus: store.getState().sourceStatusChanged }),
  }));
  useEffect(() => () => services.captures.dispose(), [services]);
  return <CompositorContext value={services}>{children}</CompositorContext>;
}
