import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CorePortKind, CoreStopped } from '../../contract/appProcess.std';
import type { ShopcastBridge } from '../../contract/bridge.std';
import { CORE_PORT_MESSAGE } from '../../contract/ipcChannels.std';
import { requestCorePort } from './corePorts.dom';

// The page's side of the port hand-over, with the preload's window messages played by hand.

const page = new EventTarget();
const asked: CorePortKind[] = [];
const stopListeners = new Set<(stopped: CoreStopped) => void>();
const bridge: ShopcastBridge = {
  openCorePort: (kind) => asked.push(kind),
  restartCore: () => Promise.resolve({ ok: true }),
  onCoreStopped: (listener) => {
    stopListeners.add(listener);
    return () => stopListeners.delete(listener);
  },
};

beforeAll(() => vi.stubGlobal('window', page));
afterAll(() => vi.unstubAllGlobals());

function fakePort(name: string) {
  const port = { name, closed: false, close: () => void (port.closed = true) };
  return port;
}

/** What the preload's window.postMessage delivers. */
function deliver(kind: unknown, port: object, source: unknown = page): void {
  page.dispatchEvent(Object.assign(new Event('message'), { data: { type: CORE_PORT_MESSAGE, kind }, ports: [port], source }));
}

describe('requestCorePort', () => {
  it('gives each request of a kind its own port, in order', async () => {
    const video = requestCorePort(bridge, 'media');
    const audio = requestCorePort(bridge, 'media');
    const api = requestCorePort(bridge, 'api');
    expect(asked).toEqual(['media', 'media', 'api']);
    const [first, second, third] = [fakePort('media-1'), fakePort('media-2'), fakePort('api-1')];
    deliver('api', third);
    deliver('media', first);
    deliver('media', second);
    await expect(video).resolves.toBe(first);
    await expect(audio).resolves.toBe(second);
    await expect(api).resolves.toBe(third);
  });

  it('ignores ports from elsewhere and closes one nobody asked for', () => {
    const stray = fakePort('stray');
    const foreign = fakePort('foreign');
    deliver('api', foreign, {});
    deliver('api', stray);
    expect(stray.closed).toBe(true);
    expect(foreign.closed).toBe(false);
  });

  it('fails the requests waiting when main says the core stopped', async () => {
    const waiting = requestCorePort(bridge, 'api');
    for (const listener of stopListeners) listener({ code: 1, message: "Shopcast's engine stopped unexpectedly." });
    await expect(waiting).rejects.toThrow("Shopcast's engine stopped unexpectedly.");
  });
});
