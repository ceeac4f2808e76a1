import { app, BrowserWindow, desktopCapturer, ipcMain, MessageChannelMain, session, shell, utilityProcess } from 'electron';
import path from 'node:path';
import { IPC_CORE_PORT } from '../../contract/ipcChannels.std';
import { isAllowedExternalUrl } from '../security/externalLinks.std';
import { createLogger, jsonLineSink } from '../log/logger.std';
import { newRoomToken } from '../room/roomToken.node';
import { roomAnswers } from '../roomProcess/roomChildProcess.node';
import { superviseRoom } from '../roomProcess/roomSupervisor.std';
import { STUDIO_ROOM_ID, studioRoomOptions } from '../roomProcess/studioRoomOptions.std';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './appProtocol.main';
import { startCoreHost } from './coreHost';
import { bindCorePorts } from './corePortsIpc';
import { installPermissionPolicy } from './permissions';
import { roomUtilityLauncher } from './roomUtility';
import { createSecureWindow } from './secureWindow';

// The Electron app's main process: windows, the app protocol, permissions and Electron's shell,
// nothing else. The core runs in a utilityProcess (main/appCore.node.ts, coreHost.ts), the
// studio's own room in another (npm run room's entry, roomUtility.ts); the window talks to the
// core over MessagePorts main hands over once (corePortsIpc.ts) and never sees a call go by.
const log = createLogger(jsonLineSink((line) => process.stderr.write(line)), 'app');
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

const schedule = (ms: number, run: () => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = process.env['SHOPCAST_DATA_DIR'] ?? app.getPath('userData');
  const rendererDir = path.join(__dirname, '..', 'renderer');
  const openExternal = async (url: string) => {
    if (isAllowedExternalUrl(url)) await shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: allow-listed https URLs only (externalLinks.std.ts) */
  };

  // A fixed token (SHOPCAST_ROOM_TOKEN) lets an outside broadcaster or bridge use the room; else a new one each start.
  const token = process.env['SHOPCAST_ROOM_TOKEN'] ?? newRoomToken();
  const roomOptions = studioRoomOptions(process.env, path.join(dataDir, 'room'));
  const room = superviseRoom({
    launch: roomUtilityLauncher({
      utilityProcess,
      entry: path.join(__dirname, 'room.node.js'),
      args: roomOptions.args,
      env: process.env,
      token,
      killPid: (pid, signal) => process.kill(pid, signal),
      echo: (chunk) => process.stderr.write(chunk),
    }),
    roomId: STUDIO_ROOM_ID,
    token,
    port: roomOptions.port,
    portChosen: roomOptions.portChosen,
    answers: roomAnswers,
    schedule,
    now: Date.now,
    log: log.child('room'),
  });

  const core = startCoreHost({
    utilityProcess,
    MessageChannelMain,
    entry: path.join(__dirname, 'appCore.node.js'),
    dataDir,
    rendererDir,
    packaged: app.isPackaged,
    room,
    shell: { openExternal, openPath: (folder) => shell.openPath(folder) },
    portChannel: IPC_CORE_PORT,
    schedule,
    log: log.child('core'),
  });
  serveRenderer(rendererDir, { mediaFile: (showId, file) => core.mediaFile(showId, file) }, { csv: () => core.ordersCsv() });
  installPermissionPolicy(session.defaultSession, APP_ORIGIN, (permission, origin) =>
    log.warn('permission denied', { permission, origin }),
  );
  // getDisplayMedia in the renderer: the system's own picker where it has one (macOS), else the
  // first screen; the studio shows what was chosen and can share again.
  session.defaultSession.setDisplayMediaRequestHandler(
    (_request, callback) => {
      desktopCapturer
        .getSources({ types: ['screen', 'window'] })
        .then((sources) => callback(sources[0] ? { video: sources[0] } : {}))
        .catch((error: unknown) => {
          log.warn('screen capture failed', { error });
          callback({});
        });
    },
    { useSystemPicker: true },
  );
  const window = createSecureWindow(
    {
      BrowserWindow,
      preloadPath: path.join(__dirname, '..', 'preload', 'index.preload.js'),
      appOrigin: APP_ORIGIN,
      openExternal,
      onRefused: (what, url) => log.warn('refused', { what, url }),
    },
    `${APP_ORIGIN}/index.html`,
  ) as BrowserWindow;
  const unbind = bindCorePorts({ ipcMain, window, appOrigin: APP_ORIGIN, host: core, log: log.child('ipc') });

  // On quit: the core first (it may still be writing to the room), then the room, then Electron.
  let shutdown: Promise<void> | null = null;
  const quit = () => {
    shutdown ??= (async () => {
      unbind();
      await core.stop();
      await room.stop();
    })()
      .catch((error: unknown) => log.error('shutdown failed', { error }))
      .finally(() => app.quit());
    return shutdown;
  };
  app.on('window-all-closed', () => void quit());
  app.on('before-quit', (event) => {
    if (shutdown) return;
    event.preventDefault();
    void quit();
  });
}

start().catch((error: unknown) => {
  log.error('the app failed to start', { error });
  app.exit(1);
});
