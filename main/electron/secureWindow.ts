import type { BrowserWindow, BrowserWindowConstructorOptions, HandlerDetails, Event as ElectronEvent } from 'electron';
import { isAllowedExternalUrl } from '../security/externalLinks.std';
import { originOf } from './appOrigin.std';

// Type-only imports: this factory is Electron's edge, but it takes BrowserWindow as an argument
// so a unit test under plain Node can check every option without the Electron binary.

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => Pick<
  BrowserWindow,
  'loadURL' | 'once' | 'show'
> & {
  webContents: Pick<BrowserWindow['webContents'], 'on' | 'setWindowOpenHandler'>;
};

export interface SecureWindowDeps {
  BrowserWindow: BrowserWindowClass;
  preloadPath: string;
  /** The app's own origin (app://studio); nothing else may load in the window. */
  appOrigin: string;
  openExternal: (url: string) => Promise<void>;
  onRefused: (what: string, url: string) => void;
}

export const STUDIO_MIN_SIZE = { width: 1280, height: 720 } as const;

export function secureWebPreferences(preloadPath: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // The compositor keeps its clock while the window is behind another one.
    backgroundThrottling: false,
    // The show's sound starts with the studio, not at the merchant's first click.
    autoplayPolicy: 'no-user-gesture-required',
  };
}

/** The one way Shopcast opens a window: Electron's security checklist, as code. */
export function createSecureWindow(deps: SecureWindowDeps, entryUrl: string) {
  const window = new deps.BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: STUDIO_MIN_SIZE.width,
    minHeight: STUDIO_MIN_SIZE.height,
    show: false,
    title: 'Shopcast',
    backgroundColor: '#111318',
    webPreferences: secureWebPreferences(deps.preloadPath),
  });
  const contents = window.webContents;

  contents.on('will-navigate', (event: ElectronEvent, url: string) => {
    if (originOf(url) === deps.appOrigin && url === entryUrl) return;
    event.preventDefault();
    deps.onRefused('navigation', url);
  });
  contents.on('will-redirect', (event: ElectronEvent, url: string) => {
    event.preventDefault();
    deps.onRefused('redirect', url);
  });
  contents.on('will-attach-webview', (event: ElectronEvent) => {
    event.preventDefault();
    deps.onRefused('webview', '');
  });
  contents.setWindowOpenHandler(({ url }: HandlerDetails) => {
    if (isAllowedExternalUrl(url)) void deps.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: only allow-listed https URLs (externalLinks.std.ts) */
    else deps.onRefused('new window', url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(entryUrl);
  return window;
}
