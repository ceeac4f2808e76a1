import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectStudio } from './api/connect.dom';
import { ConsoleShell } from './app/ConsoleShell.dom';
import { StudioShell } from './app/StudioShell.dom';
import { CompositorProvider } from './features/compositor/CompositorProvider.dom';
import { StudioContext } from './app/studioContext.dom';
import { ConnectionFailed } from './app/ConnectionFailed.dom';
import { createStudioStore } from './store/studioStore.std';
import { syncWithCore } from './store/syncWithCore.std';
import { exposeStudioTestHook } from './app/testHook.dom';
import './app/studio.css';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const store = createStudioStore();
  exposeStudioTestHook(store);
  try {
    const connection = await connectStudio();
    await syncWithCore(connection.api, store, (error) =>
      store.getState().noticeReceived({ level: 'error', message: `Your scenes could not be saved: ${error instanceof Error ? error.message : String(error)}`, at: Date.now() }),
    );
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
        <StudioContext value={{ api: connection.api, store }}>{shell}</StudioContext>
      </StrictMode>,
    );
  } catch (error) {
    root.render(<ConnectionFailed reason={error instanceof Error ? error.message : String(error)} />);
  }
}

void boot();
