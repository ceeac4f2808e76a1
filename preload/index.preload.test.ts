import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ShopcastBridge } from '../contract/bridge.std';
import { CORE_PORT_MESSAGE, IPC_CORE_PORT, IPC_CORE_RESTART, IPC_CORE_STOPPED } from '../contract/ipcChannels.std';

// The preload with Electron's contextBridge and ipcRenderer faked (requiring the real `electron`
// under Node would try to download its binary): what it exposes, what it sends to main, and what
// it hands to the page.

const exposed = new Map<string, unknown>();
const ipc = Object.assign(new EventEmitter(), {
  sent: [] as unknown[][],
  invoked: [] as string[],
  send(...args: unknown[]) {
    this.sent.push(args);
  },
  invoke(channel: string) {
    this.invoked.push(channel);
    return Promise.resolve({ ok: true });
  },
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, value: unknown) => exposed.set(name, value) },
  ipcRenderer: ipc,
}));

const posted: { message: unknown; origin: string; transfer: unknown[] }[] = [];
beforeAll(async () => {
  vi.stubGlobal('window', {
    location: { origin: 'app://studio' },
    postMessage: (message: unknown, origin: string, transfer: unknown[]) => posted.push({ message, origin, transfer }),
  });
  await import('./index.preload');
});
afterAll(() => vi.unstubAllGlobals());

const bridge = () => exposed.get('shopcast') as ShopcastBridge;

describe('the preload', () => {
  it('exposes only the port request, the restart and the stop notice', () => {
    expect([...exposed.keys()]).toEqual(['shopcast']);
    expect(Object.keys(bridge()).sort()).toEqual(['onCoreStopped', 'openCorePort', 'restartCore']);
  });

  it('asks main for ports of the known kinds only, and restarts over invoke', async () => {
    bridge().openCorePort('api');
    bridge().openCorePort('shell' as 'api');
    expect(ipc.sent).toEqual([[IPC_CORE_PORT, 'api']]);
    await expect(bridge().restartCore()).resolves.toEqual({ ok: true });
    expect(ipc.invoked).toEqual([IPC_CORE_RESTART]);
  });

  it('hands one port from main to the page, tagged with its kind, and nothing malformed', () => {
    const port = { name: 'the page end' };
    ipc.emit(IPC_CORE_PORT, { ports: [port] }, { kind: 'media' });
    ipc.emit(IPC_CORE_PORT, { ports: [port] }, { kind: 'exec' });
    ipc.emit(IPC_CORE_PORT, { ports: [port, port] }, { kind: 'api' });
    ipc.emit(IPC_CORE_PORT, { ports: [] }, { kind: 'api' });
    expect(posted).toEqual([{ message: { type: CORE_PORT_MESSAGE, kind: 'media' }, origin: 'app://studio', transfer: [port] }]);
  });

  it('passes on a valid stop notice to its listeners until they unsubscribe', () => {
    const heard: unknown[] = [];
    const stop = bridge().onCoreStopped((stopped) => heard.push(stopped));
    ipc.emit(IPC_CORE_STOPPED, {}, { code: 1, message: "Shopcast's engine stopped unexpectedly." });
    ipc.emit(IPC_CORE_STOPPED, {}, { code: 'x', message: 42 });
    stop();
    ipc.emit(IPC_CORE_STOPPED, {}, { code: 0, message: "Shopcast's engine stopped." });
    expect(heard).toEqual([{ code: 1, message: "Shopcast's engine stopped unexpectedly." }]);
  });
});
