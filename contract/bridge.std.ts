import type { CorePortKind, CoreStopped } from './appProcess.std';

/**
 * What the Electron preload exposes as `window.shopcast`: no contract call goes through it. The
 * page asks for ports to the core process and then talks to the core over them
 * (renderer/api/portTransport.dom.ts), as the browser studio does over its WebSocket.
 */
export interface ShopcastBridge {
  /** Asks for a port to the core; it arrives as a window message tagged CORE_PORT_MESSAGE with `{ kind }`. */
  openCorePort(kind: CorePortKind): void;
  /** Starts the core again after it stopped; resolves once it is ready (then ask for ports again). */
  restartCore(): Promise<{ ok: true } | { ok: false; message: string }>;
  /** Called when the core process stopped, with why. */
  onCoreStopped(listener: (stopped: CoreStopped) => void): () => void;
}
