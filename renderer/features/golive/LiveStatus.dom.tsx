import type { LiveDestination } from '../../../contract/schemas/live.std';
import { useStudio } from '../../app/studioContext.dom';

const stateWords: Record<LiveDestination['state'], string> = {
  starting: 'connecting…',
  running: 'live',
  retrying: 'reconnecting',
  stopped: 'stopped',
};

/** While on air: each destination on its own line with its state, and the stream's health in words. */
export function LiveStatus() {
  const live = useStudio((studio) => studio.live);
  if (live.state === 'offline' && !live.message) return null;
  const { health } = live;
  return (
    <section className="live-status" aria-label="On air">
      {live.message && live.state === 'offline' && <p role="alert">{live.message}</p>}
      {live.state !== 'offline' && (
        <>
          <p className="health" role="status" aria-label="Stream health">
            {health.fps !== null ? `${health.fps} fps` : 'starting…'}
            {health.bitrateKbps !== null && ` · ${health.bitrateKbps} kb/s`}
            {health.speed !== null && ` · speed ${health.speed.toFixed(2)}×`}
            {` · ${health.droppedFrames} dropped · ${health.duplicatedFrames} duplicated`}
            {health.encoder && ` · ${health.encoder}`}
          </p>
          {health.warning && <p className="warning" role="alert">{health.warning}</p>}
          <ul aria-label="Destinations">
            {live.destinations.map((destination) => (
              <li key={destination.id} className={`destination ${destination.state}`}>
                <span className="name">{destination.name}</span>: {stateWords[destination.state]}
                {destination.state === 'running' && destination.bitrateKbps !== null && <span className="rate"> · {Math.round(destination.bitrateKbps)} kb/s</span>}
                {destination.state === 'retrying' && destination.message && (
                  <span className="detail">
                    {' '}
                    — {destination.message}
                    {destination.retryInMs !== null && `; trying again in ${Math.ceil(destination.retryInMs / 1000)} s`}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
