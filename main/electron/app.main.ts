import { app, BrowserWindow, desktopCapturer, session, shell } from 'electron';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCore } from '../core/createCore.node';
import { EMBEDDED_ROOM_ID, startEmbeddedRoom } from '../room/embeddedRoom.node';
import { isAllowedExternalUrl } from '../core/externalLinks.std';
import { createLogger, jsonLineSink } from '../log/logger.std';
import { startStaffConsole } from '../staff/staffConsole.node';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './appProtocol.main';
import { bindIpc } from './ipcBridge.main';
import { installPermissionPolicy } from './permissions';
import { createSecureWindow } from './secureWindow';

// The Electron app: the Electron edge wires the same core as `npm run studio`, over IPC.
const log = createLogger(jsonLineSink((line) => process.stderr.write(line)), 'app');
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

async function start(): Promise<void> {
  await app.whenReady();
  const openExternal = async (url: string) => {
    if (isAllowedExternalUrl(url)) await shell.openExternal(url);
  };
  const dataDir = process.env['SHOPCAST_DATA_DIR'] ?? app.getPath('userData');
  const requireModule = createRequire(__filename);
  // Packaged, the SFU worker and node_modules live beside the asar (electron-builder asarUnpack).
  const room = await startEmbeddedRoom({
    dataDir,
    env: process.env,
    requireModule,
    log: log.child('room'),
    packageRoot: app.isPackaged ? path.join(process.resourcesPath, 'app.asar.unpacked') : app.getAppPath(),
    viewerDir: path.join(__dirname, '..', 'renderer'),
  });
  const revealFolder = async (folder: string) => {
    const failure = await shell.openPath(folder);
    if (failure !== '') throw new Error(failure);
  };
  const core = await createCore({ dataDir, log, env: process.env, requireModule, openExternal, revealFolder, liveRoom: room.info, roomShow: room.show, ...(room.host ? { roomFeed: { url: room.host.localSocketUrl(EMBEDDED_ROOM_ID), token: room.token } } : {}) });
  const rendererDir = path.join(__dirname, '..', 'renderer');
  serveRenderer(rendererDir, core.replay);
  const staffConsole = await startStaffConsole({ env: process.env, rendererDir, core, log: log.child('staff') });
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
  );
  const unbind = bindIpc(core, window as BrowserWindow, APP_ORIGIN, log.child('ipc'));
  app.on('window-all-closed', () => {
    unbind();
    void staffConsole?.close();
    core.close();
    void room.close();
    app.quit();
  });
}

start().catch((error: unknown) => {
  log.error('the app failed to start', { error });
  app.exit(1);
});
