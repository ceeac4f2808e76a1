import { useStudio } from '../../app/studioContext.dom';
import { ShowRow } from './ShowRow.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

/** The recorded shows, newest first (the core sorts them), each with its figures and actions. */
export function ShowList({ openShowId, onOpen }: { openShowId: string | null; onOpen: (showId: string) => void }) {
  const shows = useStudio((state) => state.shows);
  const { t } = useT();
  if (shows.length === 0) return <p className="empty">{t('library.none')}</p>;
  return (
    <ul className="show-list" aria-label={t('library.shows')}>
      {shows.map((show) => (
        <ShowRow key={show.id} show={show} open={show.id === openShowId} onOpen={() => onOpen(show.id)} />
      ))}
    </ul>
  );
}
