import { Sentence, useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { destinationWords, healthLine } from './liveWords.std';

/** While on air: each destination on its own line with its state, and the stream's health in words. */
export function LiveStatus() {
  const live = useStudio((studio) => studio.live);
  const translator = useT();
  const { t } = translator;
  if (live.state === 'offline' && !live.message) return null;
  const { health } = live;
  return (
    <section className="live-status" aria-label={t('live.region')}>
      {live.message && live.state === 'offline' && <p role="alert">{live.message}</p>}
      {live.state !== 'offline' && (
        <>
          <p className="health" role="status" aria-label={t('live.health')}>
            {healthLine(health, translator)}
          </p>
          {health.warning && <p className="warning" role="alert">{health.warning}</p>}
          <ul aria-label={t('live.destinations')}>
            {live.destinations.map((destination) => (
              <li key={destination.id} className={`destination ${destination.state}`}>
                <Sentence message="live.destLine" values={{ name: destination.name, state: destinationWords(destination, translator) }} tag="who" className="name" />
                {destination.state === 'running' && destination.bitrateKbps !== null && <span className="rate">{t('live.rate', { kbps: Math.round(destination.bitrateKbps) })}</span>}
                {destination.state !== 'running' && destination.reason !== null && <span className="detail">{t('live.reason', { reason: destination.reason })}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
