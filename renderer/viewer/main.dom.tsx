import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { roomIdSchema } from '../../contract/room/roomMessages.std';
import { NotARoom, ViewerApp } from './components/ViewerApp.dom';
import { I18nProvider } from './i18n/viewerI18n.dom';
import { pickLocale } from '../i18n/translate.std';
import { LANGUAGE_STORAGE_KEY } from './i18n/viewerTranslator.std';
import { loadViewerKey, roomIdFromPath, roomSocketUrl } from './identity.std';
import { connectViewer } from './roomConnection.dom';
import { exposeTestHook } from './testHook.dom';
import { ViewerContext } from './viewerContext.dom';
import { createViewerStore } from './viewerStore.std';
import './viewer.css';

function openStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function savedLanguage(storage: Storage | null): string | null {
  try {
    return storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function boot(): void {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const storage = openStorage();
  const locale = pickLocale(navigator.languages, savedLanguage(storage));
  const roomId = roomIdFromPath(location.pathname);
  if (!roomIdSchema.safeParse(roomId).success) {
    root.render(
      <I18nProvider initial={locale} storage={storage}>
        <NotARoom />
      </I18nProvider>,
    );
    return;
  }
  const viewerKey = loadViewerKey(storage, (n) => crypto.getRandomValues(new Uint8Array(n)));
  const store = createViewerStore();
  const connection = connectViewer({ url: roomSocketUrl(location, roomId), viewerKey, store });
  exposeTestHook(store, connection);
  window.addEventListener('pagehide', (event) => {
    // Kept in the back/forward cache, the page may come back: keep the connection for it.
    if (!event.persisted) connection.close();
  });
  root.render(
    <StrictMode>
      <ViewerContext value={{ store, connection, storage }}>
        <I18nProvider initial={locale} storage={storage}>
          <ViewerApp />
        </I18nProvider>
      </ViewerContext>
    </StrictMode>,
  );
}

boot();
