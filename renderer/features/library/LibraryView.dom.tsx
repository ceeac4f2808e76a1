import { useState } from 'react';
import { useStudio } from '../../app/studioContext.dom';
import { ExportJobList } from './ExportJobList.dom';
import { ShowList } from './ShowList.dom';
import { ShowPlayer } from './ShowPlayer.dom';
import './library.css';
import { useT } from '../../app/i18n/studioI18n.dom';

/**
 * The replay library over the studio's work area: the shows on the left, the open one's player on
 * the right. The studio stays mounted underneath (StudioShell), so a live show keeps running.
 */
export function LibraryView({ onClose }: { onClose: () => void }) {
  const shows = useStudio((state) => state.shows);
  const { t } = useT();
  const [openShowId, setOpenShowId] = useState<string | null>(null);
  // A deleted show simply closes: the list no longer has it.
  const openShow = shows.find((show) => show.id === openShowId);
  return (
    <section className="library" aria-label={t('library.region')}>
      <div className="library-bar">
        <h2>{t('library.heading')}</h2>
        <button type="button" onClick={onClose}>
          {t('library.back')}
        </button>
      </div>
      <div className="library-body">
        <div className="library-shows">
          <ExportJobList />
          <ShowList openShowId={openShow?.id ?? null} onOpen={setOpenShowId} />
        </div>
        {openShow ? <ShowPlayer key={openShow.id} show={openShow} /> : shows.length > 0 && <p className="empty library-hint">{t('library.pick')}</p>}
      </div>
    </section>
  );
}
