import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createSecureWindow, secureWebPreferences, type BrowserWindowClass } from './secureWindow';

type Listener = (...args: unknown[]) => unknown;
type OpenHandler = (details: { url: string }) => { action: string };

/** Just enough of BrowserWindow to record what the factory does with it. */
class FakeBrowserWindow {
  readonly contentsListeners = new Map<string, Listener>();
  readonly windowListeners = new Map<string, Listener>();
  readonly loaded: string[] = [];
  openHandler: OpenHandler | null = null;
  shown = 0;
  readonly webContents = {
    on: (event: string, listener: Listener) => {
      this.contentsListeners.set(event, listener);
      return this.webContents;
    },
    setWindowOpenHandler: (handler: OpenHandler) => {
      this.openHandler = handler;
    },
  };

  constructor(readonly options: BrowserWindowConstructorOptions) {}

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }

  once(event: string, listener: Listener): this {
    this.windowListeners.set(event, listener);
    return this;
  }

  show(): void {
    this.shown += 1;
  }
}

const appOrigin = 'app://studio';
const entryUrl = `${appOrigin}/index.html`;

function open() {
  const refused: [string, string][] = [];
  const opened: string[] = [];
  const window = createSecureWindow(
    {
      BrowserWindow: FakeBrowserWindow as unknown as BrowserWindowClass,
      preloadPath: '/app/dist/preload/index.preload.js',
      appOrigin,
      openExternal: (url) => {
        opened.push(url);
        return Promise.resolve();
      },
      onRefused: (what, url) => refused.push([what, url]),
    },
    entryUrl,
  ) as unknown as FakeBrowserWindow;

  /** Fires a webContents event the way Electron does, answering whether the handler prevented it. */
  const fire = (event: string, url: string): boolean => {
    let prevented = false;
    const listener = window.contentsListeners.get(event);
    if (!listener) throw new Error(`no ${event} listener`);
    listener({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  const openWindow = (url: string) => {
    if (!window.openHandler) throw new Error('no window open handler');
    return window.openHandler({ url });
  };
  return { window, refused, opened, fire, openWindow };
}

describe('createSecureWindow', () => {
  it('creates the window with the security checklist as its web preferences', () => {
    const { window } = open();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/index.preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(window.options.webPreferences).toEqual(secureWebPreferences('/app/dist/preload/index.preload.js'));
  });

  it('keeps the studio at least 1280×720 and hidden until it is ready to show', () => {
    const { window } = open();
    expect(window.options).toMatchObject({ minWidth: 1280, minHeight: 720, show: false });
    expect(window.shown).toBe(0);
    window.windowListeners.get('ready-to-show')?.();
    expect(window.shown).toBe(1);
  });

  it('loads the entry URL', () => {
    expect(open().window.loaded).toEqual([entryUrl]);
  });

  it.each(['https://evil.example/', 'http://127.0.0.1:5173/', 'file:///etc/passwd', `${appOrigin}/other.html`])(
    'refuses navigation to %s',
    (url) => {
      const { fire, refused } = open();
      expect(fire('will-navigate', url)).toBe(true);
      expect(refused).toEqual([['navigation', url]]);
    },
  );

  it('lets its own entry page load', () => {
    const { fire, refused } = open();
    expect(fire('will-navigate', entryUrl)).toBe(false);
    expect(refused).toEqual([]);
  });

  it('refuses every redirect, even within its own origin', () => {
    const { fire, refused } = open();
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire('will-redirect', entryUrl)).toBe(true);
    expect(refused).toEqual([
      ['redirect', 'https://evil.example/'],
      ['redirect', entryUrl],
    ]);
  });

  it('refuses to attach a webview', () => {
    const { fire, refused } = open();
    expect(fire('will-attach-webview', '')).toBe(true);
    expect(refused).toEqual([['webview', '']]);
  });

  it('never opens a new window, and opens only allow-listed https links in the system browser', () => {
    const { openWindow, opened, refused } = open();
    const allowed = ['https://help.shopcast.app/go-live', 'https://github.com/shopcast/shopcast/issues'];
    const denied = [
      'http://help.shopcast.app/go-live',
      'javascript:alert(1)',
      'https://evil.example/',
      'https://help.shopcast.app.evil.example/',
      'https://user:pass@github.com/',
      entryUrl,
      'not a url',
    ];
    for (const url of [...allowed, ...denied]) expect(openWindow(url)).toEqual({ action: 'deny' });
    expect(opened).toEqual(allowed);
    expect(refused).toEqual(denied.map((url) => ['new window', url]));
  });
});
