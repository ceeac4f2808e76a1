import { contextBridge, ipcRenderer } from 'electron';
import { coreStoppedSchema, corePortKindSchema, type CoreStopped } from '../contract/appProcess.std';
import type { ShopcastBridge } from '../contract/bridge.std';
import { CORE_PORT_MESSAGE, IPC_CORE_PORT, IPC_CORE_RESTART, IPC_CORE_STOPPED } from '../contract/ipcChannels.std';

// The page's only door to main: ask for a port to the core process, restart the core, hear that
// it stopped. The contract itself goes over the ports, straight to the core. No ipcRenderer, no
// generic send, crosses the context bridge.

ipcRenderer.on(IPC_CORE_PORT, (event, message: unknown) => {
  const kind = corePortKindSchema.safeParse((message as { kind?: unknown } | null)?.kind);
  if (!kind.success || event.ports.length !== 1) return;
  // MessagePorts can't cross contextBridge as values; window.postMessage transfers them to the page.
  window.postMessage({ type: CORE_PORT_MESSAGE, kind: kind.data }, window.location.origin, event.ports);
});

const stopListeners = new Set<(stopped: CoreStopped) => void>();
ipcRenderer.on(IPC_CORE_STOPPED, (_event, message: unknown) => {
  const stopped = coreStoppedSchema.safeParse(message);
  if (stopped.success) for (const listener of stopListeners) listener(stopped.data);
});

const bridge: ShopcastBridge = {
  openCorePort: (kind) => {
    if (corePortKindSchema.safeParse(kind).success) ipcRenderer.send(IPC_CORE_PORT, kind);
  },
  restartCore: () => ipcRenderer.invoke(IPC_CORE_RESTART) as ReturnType<ShopcastBridge['restartCore']>,
  onCoreStopped: (listener) => {
    stopListeners.add(listener);
    return () => void stopListeners.delete(listener);
  },
};
contextBridge.exposeInMainWorld('shopcast', bridge);
