import { useStudio } from '../../app/studioContext.dom';
import { destinationWords, healthLine } from './liveWords.std';

/** While on air: each destination on its own line with its state, and the stream's health in words. */
export function LiveStatus() {
  const live = useStudio((studio) => studio.live);
  if (live.state === 'offline' && !live.message) return null;
  const { health } = live;
  return (
    <section className="live-status" aria-label="Show status">
      {live.message && live.state === 'offline' && <p role="alert">{live.message}</p>}
      {live.state !== 'offline' && (
        <>
          <p className="health" role="status" aria-label="Stream health">
            {healthLine(health)}
          </p>
          {health.warning && <p className="warning" role="alert">{health.warning}</p>}
          <ul aria-label="Destinations">
            {live.destinations.map((destination) => (
              <li key={destination.id} className={`destination ${destination.state}`}>
                <span className="name">{destination.name}</span>: {destinationWords(destination)}
                {destination.state === 'running' && destination.bitrateKbps !== null && <span className="rate"> · {Math.round(destination.bitrateKbps)} kb/s</span>}
                {destination.state !== 'running' && destination.reason !== null && <span className="detail"> — {destination.reason}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
