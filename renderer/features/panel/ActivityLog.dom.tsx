import { useStudio } from '../../app/studioContext.dom';
import { timeOfDay } from './timeOfDay.std';

/** Who did what at the controls, newest first: the host and every moderator see the same log. */
export function ActivityLog({ open }: { open: boolean }) {
  const activity = useStudio((state) => state.panel.activity);
  const newest = activity.at(-1);
  return (
    <details className="activity-log" open={open}>
      <summary>
        Activity
        {newest && (
          <span className="activity-latest">
            {' '}
            — {newest.actor} {newest.text}
          </span>
        )}
      </summary>
      {activity.length === 0 ? (
        <p className="empty">Pins, promotions and order changes by anyone at the controls show here.</p>
      ) : (
        <ol className="activity-list" aria-label="Activity">
          {activity.toReversed().map((entry, index) => (
            <li key={`${entry.at}-${activity.length - index}`}>
              <time dateTime={new Date(entry.at).toISOString()}>{timeOfDay(entry.at)}</time> <strong>{entry.actor}</strong> {entry.text}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
