import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { corePortKindSchema, type CoreStopped } from '../../contract/appProcess.std';
import { IPC_CORE_PORT, IPC_CORE_RESTART, IPC_CORE_STOPPED } from '../../contract/ipcChannels.std';
import type { Logger } from '../log/logger.std';
import { originOf } from './appOrigin.std';
import type { CoreHost } from './coreHost';

// The only IPC the studio window has: ask for a port to the core, restart the core, hear that it
// stopped. Every call is checked for its sender frame: the studio window's main frame on
// app://studio, nothing else (no subframe, no other window, no page that navigated away).

export type StudioContents = Pick<WebContents, 'id' | 'mainFrame' | 'isDestroyed' | 'postMessage' | 'send'>;

export interface CorePortsIpcDeps {
  ipcMain: Pick<IpcMain, 'on' | 'handle' | 'removeHandler' | 'removeListener'>;
  window: { webContents: StudioContents };
  appOrigin: string;
  host: Pick<CoreHost, 'handOver' | 'restart' | 'stopped' | 'onStopped'>;
  log: Logger;
}

export type RestartAnswer = { ok: true } | { ok: false; message: string };

export function isStudioFrame(window: { webContents: Pick<WebContents, 'mainFrame'> }, frame: WebFrameMain | null, appOrigin: string): boolean {
  return frame !== null && frame === window.webContents.mainFrame && originOf(frame.url) === appOrigin;
}

export function bindCorePorts(deps: CorePortsIpcDeps): () => void {
  const { window, log } = deps;
  const contents = window.webContents;
  const tell = (stopped: CoreStopped) => {
    if (!contents.isDestroyed()) contents.send(IPC_CORE_STOPPED, stopped);
  };
  const onPort = (event: IpcMainEvent, kind: unknown) => {
    if (!isStudioFrame(window, event.senderFrame, deps.appOrigin)) {
      log.warn('a port asked for by an untrusted frame was refused', { url: event.senderFrame?.url });
      return;
    }
    const parsed = corePortKindSchema.safeParse(kind);
    if (!parsed.success) {
      log.warn('a port of no known kind was refused');
      return;
    }
    if (!deps.host.handOver(parsed.data, contents)) tell(deps.host.stopped() ?? { code: null, message: "Shopcast's engine is not running." });
  };
  const onRestart = async (event: IpcMainInvokeEvent): Promise<RestartAnswer> => {
    if (!isStudioFrame(window, event.senderFrame, deps.appOrigin)) {
      log.warn('a core restart asked for by an untrusted frame was refused', { url: event.senderFrame?.url });
      return { ok: false, message: 'This window may not restart the engine.' };
    }
    try {
      await deps.host.restart();
      return { ok: true };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
  deps.ipcMain.on(IPC_CORE_PORT, onPort);
  deps.ipcMain.handle(IPC_CORE_RESTART, onRestart);
  const unsubscribe = deps.host.onStopped(tell);
  return () => {
    unsubscribe();
    deps.ipcMain.removeListener(IPC_CORE_PORT, onPort);
    deps.ipcMain.removeHandler(IPC_CORE_RESTART);
  };
}
