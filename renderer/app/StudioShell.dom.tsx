import { AudioMixer } from '../features/audio/AudioMixer.dom';
import { DestinationsButton } from '../features/destinations/DestinationsButton.dom';
import { GoLiveButton } from '../features/golive/GoLiveButton.dom';
import { NoticeList } from '../features/notices/NoticeList.dom';
import { LivePanel } from '../features/panel/LivePanel.dom';
import { OutputProfilePicker } from '../features/preview/OutputProfilePicker.dom';
import { ProgramPreview } from '../features/preview/ProgramPreview.dom';
import { ScenesPanel } from '../features/scenes/ScenesPanel.dom';
import { StatusBar } from '../features/status/StatusBar.dom';
import { ConsoleShell } from './ConsoleShell.dom';
import { useStudio } from './studioContext.dom';

export function StudioShell() {
  const isConsole = useStudio((state) => state.whoAmI.console);
  return isConsole ? <ConsoleShell /> : <Studio />;
}

function Studio() {
  const connection = useStudio((state) => state.connection);
  const endedReason = useStudio((state) => state.connectionEndedReason);
  return (
    <div className="studio">
      <header className="studio-header">
        <span className="brand">Shopcast</span>
        <OutputProfilePicker />
        {connection === 'lost' && (
          <p role="alert" className="connection-lost">
            The studio core stopped. Restart it and open its new link.
          </p>
        )}
        {connection === 'refused' && (
          <p role="alert" className="connection-lost">
            {endedReason ?? 'The studio ended this session.'}
          </p>
        )}
        <DestinationsButton />
        <GoLiveButton />
      </header>
      <NoticeList />
      <div className="left-column">
        <ScenesPanel />
        <AudioMixer />
      </div>
      <main className="program" aria-label="Program">
        <ProgramPreview />
      </main>
      <LivePanel />
      <StatusBar />
    </div>
  );
}
