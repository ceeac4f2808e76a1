import type { IpcMainEvent, IpcMainInvokeEvent, MessagePortMain, WebFrameMain } from 'electron';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CORE_PORT, IPC_CORE_RESTART, IPC_CORE_STOPPED } from '../../contract/ipcChannels.std';
import { createLogger } from '../log/logger.std';
import { FakeChannel, hostSetup } from './coreHostTestKit';
import { bindCorePorts, type CorePortsIpcDeps, type RestartAnswer } from './corePortsIpc';

// The IPC the studio window has, with the real core host over faked Electron objects: a port
// goes only to the studio window's main frame on app://studio, one end each to the core and the
// window; a dead core is said; Restart forks anew and the next ask gets new ports.

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'shopcast-ipc-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

type PortListener = (event: IpcMainEvent, kind: unknown) => void;
type RestartHandler = (event: IpcMainInvokeEvent) => Promise<RestartAnswer>;

function setup() {
  const core = hostSetup(dataDir);
  const mainFrame = { url: 'app://studio/index.html' } as WebFrameMain;
  const subFrame = { url: 'app://studio/index.html' } as WebFrameMain;
  const posted: { channel: string; message: unknown; transfer: MessagePortMain[] }[] = [];
  const sent: { channel: string; payload: unknown }[] = [];
  const webContents = {
    id: 4,
    mainFrame,
    isDestroyed: () => false,
    postMessage: (channel: string, message: unknown, transfer: MessagePortMain[] = []) => posted.push({ channel, message, transfer }),
    send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
  };
  const listeners = new Map<string, PortListener>();
  const handlers = new Map<string, RestartHandler>();
  const ipcMain = {
    on: (channel: string, listener: PortListener) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
    handle: (channel: string, handler: RestartHandler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as CorePortsIpcDeps['ipcMain'];
  const unbind = bindCorePorts({ ipcMain, window: { webContents: webContents as unknown as CorePortsIpcDeps['window']['webContents'] }, appOrigin: 'app://studio', host: core.host, log: createLogger(() => undefined) });
  const ask = (kind: unknown, frame: WebFrameMain | null = mainFrame) => listeners.get(IPC_CORE_PORT)?.({ senderFrame: frame } as IpcMainEvent, kind);
  const restart = (frame: WebFrameMain | null = mainFrame) => {
    const handler = handlers.get(IPC_CORE_RESTART);
    if (!handler) throw new Error('no restart handler');
    return handler({ senderFrame: frame } as IpcMainInvokeEvent);
  };
  const portsToCore = (index: number) => core.child(index).posted.filter((entry) => entry.message.type === 'port');
  return { core, mainFrame, subFrame, posted, sent, listeners, handlers, unbind, ask, restart, portsToCore };
}

describe("the studio window's IPC", () => {
  it('hands one port to the core process and one to the window for one request from the main frame', () => {
    const { ask, posted, portsToCore } = setup();
    ask('api');
    const [channel] = FakeChannel.made;
    if (!channel) throw new Error('no channel made');
    expect(portsToCore(0)).toEqual([{ message: { type: 'port', kind: 'api', windowId: 4 }, transfer: [channel.port1] }]);
    expect(posted).toEqual([{ channel: IPC_CORE_PORT, message: { kind: 'api' }, transfer: [channel.port2] }]);
    expect(channel.port1.listeners.length + channel.port2.listeners.length).toBe(0);
  });

  it('gives nothing to a frame that is not the studio main frame on app://studio, or to an unknown kind', () => {
    const { ask, posted, portsToCore, subFrame } = setup();
    ask('api', subFrame);
    ask('api', { url: 'https://evil.example/' } as WebFrameMain);
    ask('api', null);
    ask('shell');
    expect(FakeChannel.made).toEqual([]);
    expect(portsToCore(0)).toEqual([]);
    expect(posted).toEqual([]);
  });

  it('refuses the main frame once it has navigated away from app://studio', () => {
    const { ask, mainFrame, posted } = setup();
    (mainFrame as { url: string }).url = 'https://evil.example/';
    ask('media');
    expect(posted).toEqual([]);
  });

  it('tells the window when the core died, and what it asks for then, and restarts it with new ports', async () => {
    const { core, ask, restart, sent, posted, portsToCore, subFrame } = setup();
    core.child(0).exits(3);
    const stopped = { channel: IPC_CORE_STOPPED, payload: { code: 3, message: "Shopcast's engine stopped unexpectedly." } };
    expect(sent).toEqual([stopped]);
    ask('api');
    expect(sent).toEqual([stopped, stopped]);
    expect(posted).toEqual([]);

    await expect(restart(subFrame)).resolves.toEqual({ ok: false, message: 'This window may not restart the engine.' });
    expect(core.forks).toHaveLength(1);
    const restarting = restart();
    expect(core.forks).toHaveLength(2);
    core.child(1).says({ type: 'core-ready' });
    await expect(restarting).resolves.toEqual({ ok: true });

    ask('api');
    const [channel] = FakeChannel.made;
    expect(portsToCore(0)).toEqual([]);
    expect(portsToCore(1)).toEqual([{ message: { type: 'port', kind: 'api', windowId: 4 }, transfer: [channel?.port1] }]);
    expect(posted).toEqual([{ channel: IPC_CORE_PORT, message: { kind: 'api' }, transfer: [channel?.port2] }]);
  });

  it('answers a restart that fails with why', async () => {
    const { core, restart } = setup();
    core.child(0).exits(1);
    const restarting = restart();
    core.child(1).exits(1);
    await expect(restarting).resolves.toEqual({ ok: false, message: "Shopcast's engine stopped unexpectedly." });
  });

  it('unbinds everything it bound', () => {
    const { unbind, listeners, handlers, core, sent } = setup();
    unbind();
    expect([...listeners.keys(), ...handlers.keys()]).toEqual([]);
    core.child(0).exits(1);
    expect(sent).toEqual([]);
  });
});
