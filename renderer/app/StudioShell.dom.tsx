import { useRef, useState } from 'react';
import { AudioMixer } from '../features/audio/AudioMixer.dom';
import { DestinationsButton } from '../features/destinations/DestinationsButton.dom';
import { DownBanners } from '../features/golive/DownBanners.dom';
import { GoLiveButton } from '../features/golive/GoLiveButton.dom';
import { OnAirIndicator } from '../features/golive/OnAirIndicator.dom';
import { LibraryView } from '../features/library/LibraryView.dom';
import { NoticeList } from '../features/notices/NoticeList.dom';
import { LivePanel } from '../features/panel/LivePanel.dom';
import { OutputProfilePicker } from '../features/preview/OutputProfilePicker.dom';
import { ProgramPreview } from '../features/preview/ProgramPreview.dom';
import { ScenesPanel } from '../features/scenes/ScenesPanel.dom';
import { StatusBar } from '../features/status/StatusBar.dom';
import { ConnectionLost } from './EngineRestart.dom';
import { LanguageSwitch, useT } from './i18n/studioI18n.dom';
import { useStudio } from './studioContext.dom';

/** The studio: scenes, the program, the live panel and the controls of the show (a staff console gets `ConsoleShell` instead). */
export function StudioShell() {
  const { t } = useT();
  const connection = useStudio((state) => state.connection);
  const endedReason = useStudio((state) => state.connectionEndedReason);
  const [libraryOpen, setLibraryOpen] = useState(false);
  const libraryButton = useRef<HTMLButtonElement>(null);
  const closeLibrary = () => {
    setLibraryOpen(false);
    libraryButton.current?.focus();
  };
  return (
    <div className="studio">
      <header className="studio-header">
        <span className="brand">Shopcast</span>
        <OutputProfilePicker />
        {connection === 'lost' && <ConnectionLost reason={endedReason} />}
        {connection === 'refused' && (
          <p role="alert" className="connection-lost">
            {endedReason ?? t('shell.sessionEnded')}
          </p>
        )}
        <button ref={libraryButton} type="button" className="library-open" aria-pressed={libraryOpen} onClick={() => (libraryOpen ? closeLibrary() : setLibraryOpen(true))}>
          {t('shell.library')}
        </button>
        <DestinationsButton />
        <OnAirIndicator />
        <GoLiveButton />
        <LanguageSwitch />
      </header>
      <DownBanners />
      <NoticeList />
      {/*
        The work area stays mounted under the library: a show may be live while the merchant browses
        replays, and the compositor must keep drawing. Inert (and not painted, library.css) meanwhile:
        out of reach of Tab and of screen readers, as it is out of sight. display: contents keeps the
        studio's grid.
      */}
      <div className="studio-work" inert={libraryOpen}>
        <div className="left-column">
          <ScenesPanel />
          <AudioMixer />
        </div>
        <main className="program" aria-label={t('shell.program')}>
          <ProgramPreview />
        </main>
        <LivePanel />
      </div>
      {libraryOpen && <LibraryView onClose={closeLibrary} />}
      <StatusBar />
    </div>
  );
}
