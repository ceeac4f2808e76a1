import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectStudio } from './api/connect.dom';
import { ConsoleShell } from './app/ConsoleShell.dom';
import { StudioShell } from './app/StudioShell.dom';
import { CompositorProvider } from './features/compositor/CompositorProvider.dom';
import { StudioContext } from './app/studioContext.dom';
import { ConnectionFailed } from './app/ConnectionFailed.dom';
import { I18nProvider } from './app/i18n/studioI18n.dom';
import { createStudioTranslator, STUDIO_LANGUAGE_KEY } from './app/i18n/studioTranslator.std';
import { initialLocale } from './i18n/i18nContext.dom';
import { createStudioStore } from './store/studioStore.std';
import { syncWithCore } from './store/syncWithCore.std';
import { exposeStudioTestHook } from './app/testHook.dom';
import './app/studio.css';

function openStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const storage = openStorage();
  // The merchant's choice on this device, else the browser's languages; the switch changes it later.
  const locale = initialLocale(storage, STUDIO_LANGUAGE_KEY);
  const store = createStudioStore();
  exposeStudioTestHook(store);
  try {
    const connection = await connectStudio();
    await syncWithCore(connection.api, store, (error) => {
      // Worded when it happens, in the language chosen by then.
      const { t } = createStudioTranslator(initialLocale(storage, STUDIO_LANGUAGE_KEY));
      const reason = error instanceof Error ? error.message : String(error);
      store.getState().noticeReceived({ level: 'error', message: t('engine.scenesNotSaved', { reason }), at: Date.now() });
    });
    store.getState().connectionChanged('connected');
    void connection.lost.then((loss) => store.getState().connectionEnded(loss));
    // A staff console runs the live panel, never the program: it gets no compositor, whose
    // captures need navigator.mediaDevices, which the console's plain-http LAN origin (not a
    // secure context) does not have.
    const shell = store.getState().whoAmI.console ? (
      <ConsoleShell />
    ) : (
      <CompositorProvider>
        <StudioShell />
      </CompositorProvider>
    );
    root.render(
      <StrictMode>
        <StudioContext value={{ api: connection.api, store }}>
          <I18nProvider initial={locale} storage={storage}>
            {shell}
          </I18nProvider>
        </StudioContext>
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <I18nProvider initial={locale} storage={storage}>
        <ConnectionFailed reason={error instanceof Error ? error.message : String(error)} />
      </I18nProvider>,
    );
  }
}

void boot();
