import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { timeOfDay } from './timeOfDay.std';

/**
 * Who did what at the controls, newest first: the host and every moderator see the same log.
 * Each line ("Host pinned Ana's comment") is the core's own words: the contract carries it as text.
 */
export function ActivityLog({ open }: { open: boolean }) {
  const activity = useStudio((state) => state.panel.activity);
  const newest = activity.at(-1);
  const { t } = useT();
  return (
    <details className="activity-log" open={open}>
      <summary>
        {t('activity.summary')}
        {newest && (
          <span className="activity-latest">
            {' '}
            — {newest.actor} {newest.text}
          </span>
        )}
      </summary>
      {activity.length === 0 ? (
        <p className="empty">{t('activity.none')}</p>
      ) : (
        <ol className="activity-list" aria-label={t('activity.list')}>
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
