import type { LiveDestination, LiveSession, StreamHealth } from '../../../contract/schemas/live.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

// What the studio says about a show on air, from the core's session alone (issue 13): the status
// bar, the panel's health line, the On air clock and the down banners all read these, so no two
// of them disagree, and a destination that is not sending never reads "live". A destination's
// `reason` is the core's own words (no code to translate it by) and is shown as it comes.

/** A destination's state in a word or two, for its line under Destinations. */
export function destinationWords(destination: LiveDestination, { t }: StudioTranslator): string {
  switch (destination.state) {
    case 'running':
      return t('live.dest.running');
    case 'starting':
      return destination.reason === null ? t('live.dest.connecting') : t('live.dest.reconnecting');
    case 'retrying':
      return t('live.dest.reconnecting');
    case 'stopped':
      return t('live.dest.stopped');
  }
}

/** "Douyin is down: can't reach live-push.example.com — retrying", for each destination down now. */
export function downBanners(session: LiveSession, { t }: StudioTranslator): { id: string; text: string }[] {
  if (session.state === 'offline' || session.state === 'ending') return [];
  return session.destinations
    .filter((destination) => destination.state !== 'running' && destination.state !== 'stopped' && destination.reason !== null)
    .map((destination) => ({ id: destination.id, text: t('live.down', { name: destination.name, reason: destination.reason ?? '' }) }));
}

/** Time on air as h:mm:ss. */
export function onAirClock(elapsedMs: number): string {
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** The show's figures, counted from Go Live: "30 fps · 2600 kb/s · 0 frames dropped · 3 came late". */
export function healthLine(health: StreamHealth, { t }: StudioTranslator): string {
  const counts = { dropped: health.droppedFrames, late: health.duplicatedFrames };
  if (health.fps === null) return t('live.healthStarting', counts);
  const fps = Math.round(health.fps);
  return health.bitrateKbps === null ? t('live.healthLine', { fps, ...counts }) : t('live.healthLineRate', { fps, kbps: Math.round(health.bitrateKbps), ...counts });
}
