import { contextBridge, ipcRenderer } from 'electron';
import { buildOutcomeApi } from '../contract/api.std';
import type { Outcome } from '../contract/envelope.std';
import { IPC_MEDIA_OPEN, ipcEventChannel, ipcRequestChannel, MEDIA_PORT_MESSAGE } from '../contract/ipcChannels.std';
import type { ShopcastBridge } from '../contract/bridge.std';

// The renderer's only door to the core in Electron: the contract's channels, one function each,
// and the media port. No ipcRenderer, no generic send, crosses the context bridge.
const outcomes = buildOutcomeApi(
  (channel, payload) => ipcRenderer.invoke(ipcRequestChannel(channel), payload) as Promise<Outcome<unknown>>,
  (event, listener) => {
    const channel = ipcEventChannel(event);
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => ipcRenderer.removeListener(channel, handler);
  },
);

ipcRenderer.on(IPC_MEDIA_OPEN, (event) => {
  // MessagePorts can't cross contextBridge as values; window.postMessage transfers them to the page.
  window.postMessage({ type: MEDIA_PORT_MESSAGE }, window.location.origin, event.ports);
});

const bridge: ShopcastBridge = {
  requests: outcomes.requests,
  events: outcomes.events,
  openMediaPort: () => ipcRenderer.send(IPC_MEDIA_OPEN),
};
contextBridge.exposeInMainWorld('shopcast', bridge);
