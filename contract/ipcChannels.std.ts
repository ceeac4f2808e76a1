// Electron IPC names, shared by main and preload so they cannot disagree. The contract's own
// calls and events do not use IPC: they go over the MessagePort main hands over (IPC_CORE_PORT).

/** preload → main: asks for a pair to the core process (`'api'` or `'media'`); the page's end comes back on IPC_CORE_PORT. */
export const IPC_CORE_PORT = 'shopcast:core:port';
/** preload → main (invoke): starts the core process again after it stopped. */
export const IPC_CORE_RESTART = 'shopcast:core:restart';
/** main → preload: the core process stopped (a CoreStopped). */
export const IPC_CORE_STOPPED = 'shopcast:core:stopped';
/** window.postMessage tag the preload uses to hand a port to the page (MessagePorts can't cross contextBridge). */
export const CORE_PORT_MESSAGE = 'shopcast:core-port';
