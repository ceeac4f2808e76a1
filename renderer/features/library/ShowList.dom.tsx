import { useStudio } from '../../app/studioContext.dom';
import { ShowRow } from './ShowRow.dom';

/** The recorded shows, newest first (the core sorts them), each with its figures and actions. */
export function ShowList({ openShowId, onOpen }: { openShowId: string | null; onOpen: (showId: string) => void }) {
  const shows = useStudio((state) => state.shows);
  if (shows.length === 0) return <p className="empty">No shows recorded yet. Go live and every show is recorded here.</p>;
  return (
    <ul className="show-list" aria-label="Shows">
      {shows.map((show) => (
        <ShowRow key={show.id} show={show} open={show.id === openShowId} onOpen={() => onOpen(show.id)} />
      ))}
    </ul>
  );
}
