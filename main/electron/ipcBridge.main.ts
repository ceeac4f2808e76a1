import { ipcMain, MessageChannelMain, type WebContents } from 'electron';
import type { EventChannel } from '../../contract/events.std';
import { requestChannels, type RequestChannel } from '../../contract/requests.std';
import type { Core } from '../core/createCore.node';
import type { Logger } from '../log/logger.std';
import { serveMediaPort } from '../media/mediaPort.node';
import { originOf } from './appOrigin.std';
import { ipcEventChannel, ipcRequestChannel, IPC_MEDIA_OPEN } from '../../contract/ipcChannels.std';

/**
 * Serves the contract over Electron IPC: one handler per request channel, events pushed to the
 * studio window. Every call is checked for its sender frame before it reaches the dispatcher.
 */
export function bindIpc(core: Core, window: { webContents: WebContents }, appOrigin: string, log: Logger): () => void {
  const isTrusted = (frame: Electron.WebFrameMain | null) => {
    return frame !== null && frame === window.webContents.mainFrame && originOf(frame.url) === appOrigin;
  };
  for (const channel of Object.keys(requestChannels) as RequestChannel[]) {
    ipcMain.handle(ipcRequestChannel(channel), async (event, payload: unknown) => {
      if (!isTrusted(event.senderFrame)) {
        log.warn('ipc call from an untrusted frame', { channel, url: event.senderFrame?.url });
        return { ok: false, error: { code: 'forbidden', channel, message: 'This window may not call the studio.' } };
      }
      return core.dispatch(channel, payload, { transport: 'ipc', id: `window:${event.sender.id}`, role: 'host', name: 'Host' });
    });
  }
  ipcMain.on(IPC_MEDIA_OPEN, (event) => {
    if (!isTrusted(event.senderFrame)) return;
    const { port1, port2 } = new MessageChannelMain();
    serveMediaPort(port1, core.media, `window:${event.sender.id}`);
    event.sender.postMessage(IPC_MEDIA_OPEN, null, [port2]);
  });
  const unsubscribe = core.events.subscribe((event: EventChannel, payload) => {
    if (!window.webContents.isDestroyed()) window.webContents.send(ipcEventChannel(event), payload);
  });
  return () => {
    unsubscribe();
    for (const channel of Object.keys(requestChannels) as RequestChannel[]) ipcMain.removeHandler(ipcRequestChannel(channel));
    ipcMain.removeAllListeners(IPC_MEDIA_OPEN);
  };
}
