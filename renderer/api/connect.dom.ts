import { createStudioApi, type StudioApi } from '../../contract/api.std';
import type { ShopcastBridge } from '../../contract/bridge.std';
import type { ConnectionLoss } from './connectionLoss.std';
import { requestCorePort } from './corePorts.dom';
import { connectPort } from './portTransport.dom';
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

/** A port to the Electron app's core process when there is a preload, else the browser studio's WebSocket: one StudioApi either way. */
export async function connectStudio(): Promise<StudioConnection> {
  const onInvalidEvent = (event: string, error: unknown) => console.warn(`Ignored an invalid ${event} event`, error);
  const bridge = window.shopcast;
  if (bridge) {
    const connection = connectPort(await requestCorePort(bridge, 'api'));
    // Main says why the core stopped (its exit code); the port's own close may come first or not at all.
    const unsubscribe = bridge.onCoreStopped((stopped) => connection.end({ refused: false, reason: stopped.message }));
    void connection.closed.then(unsubscribe);
    return {
      api: createStudioApi(connection.outcomes, onInvalidEvent),
      transport: 'electron',
      lost: connection.closed,
    };
  }
  const url = new URL('/api', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const connection = await connectWebSocket(url.toString());
  return { api: createStudioApi(connection.outcomes, onInvalidEvent), transport: 'browser', lost: connection.closed };
}

/**
 * Restarts the Electron app's core process and reloads the page, which then asks for new ports
 * (the studio's state lives in the core, so nothing is lost by reloading). Null in the browser
 * studio, where the core is restarted from the terminal.
 */
export function engineRestart(): (() => Promise<string | null>) | null {
  const bridge = window.shopcast;
  if (!bridge) return null;
  return async () => {
    const answer = await bridge.restartCore();
    if (!answer.ok) return answer.message;
    window.location.reload();
    return null;
  };
}
