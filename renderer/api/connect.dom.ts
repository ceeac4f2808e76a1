import { createStudioApi, type StudioApi } from '../../contract/api.std';
import type { ShopcastBridge } from '../../contract/bridge.std';
import type { ConnectionLoss } from './connectionLoss.std';
import { connectWebSocket } from './wsTransport.dom';

declare global {
  interface Window {
    /** Present in the Electron app only (see preload/index.preload.ts). */
    shopcast?: ShopcastBridge;
  }
}

export interface StudioConnection {
  api: StudioApi;
  transport: 'electron' | 'browser';
  /** Resolves if the connection to the core is lost, or the core ended this session (a revoked staff console). */
  lost: Promise<ConnectionLoss>;
}

/** Electron's preload bridge when present, else the browser studio's WebSocket: one StudioApi either way. */
export async function connectStudio(): Promise<StudioConnection> {
  const onInvalidEvent = (event: string, error: unknown) => console.warn(`Ignored an invalid ${event} event`, error);
  if (window.shopcast) {
    return { api: createStudioApi(window.shopcast, onInvalidEvent), transport: 'electron', lost: new Promise(() => {}) };
  }
  const url = new URL('/api', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const connection = await connectWebSocket(url.toString());
  return { api: createStudioApi(connection.outcomes, onInvalidEvent), transport: 'browser', lost: connection.closed };
}
