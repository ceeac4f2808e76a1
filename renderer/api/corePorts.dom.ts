import type { CorePortKind, CoreStopped } from '../../contract/appProcess.std';
import type { ShopcastBridge } from '../../contract/bridge.std';
import { CORE_PORT_MESSAGE } from '../../contract/ipcChannels.std';

// In the Electron app the page asks the preload for ports to the core process; each arrives as a
// window message (MessagePorts can't cross contextBridge), tagged with its kind. Requests of one
// kind are answered in order, so the video worker and the audio engine asking at once each get
// their own media port.

const waiting: Record<CorePortKind, { resolve: (port: MessagePort) => void; reject: (error: Error) => void }[]> = { api: [], media: [] };
let listening = false;

function listen(bridge: ShopcastBridge): void {
  if (listening) return;
  listening = true;
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: unknown; kind?: unknown } | null;
    const [port] = event.ports;
    if (event.source !== window || data?.type !== CORE_PORT_MESSAGE || !port) return;
    if (data.kind !== 'api' && data.kind !== 'media') return;
    const waiter = waiting[data.kind].shift();
    if (waiter) waiter.resolve(port);
    else port.close();
  });
  // A core that is not running answers with why instead of a port.
  bridge.onCoreStopped((stopped: CoreStopped) => {
    for (const kind of ['api', 'media'] as const) for (const waiter of waiting[kind].splice(0)) waiter.reject(new Error(stopped.message));
  });
}

/** Asks main for a port of `kind` to the core process. */
export function requestCorePort(bridge: ShopcastBridge, kind: CorePortKind): Promise<MessagePort> {
  listen(bridge);
  return new Promise((resolve, reject) => {
    waiting[kind].push({ resolve, reject });
    bridge.openCorePort(kind);
  });
}
