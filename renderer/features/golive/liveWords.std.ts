import type { LiveDestination, LiveSession, StreamHealth } from '../../../contract/schemas/live.std';

// What the studio says about a show on air, from the core's session alone (issue 13): the status
// bar, the panel's health line, the On air clock and the down banners all read these, so no two
// of them disagree, and a destination that is not sending never reads "live".

/** A destination's state in a word or two, for its line under Destinations. */
export function destinationWords(destination: LiveDestination): string {
  switch (destination.state) {
    case 'running':
      return 'live';
    case 'starting':
      return destination.reason === null ? 'connecting…' : 'reconnecting';
    case 'retrying':
      return 'reconnecting';
    case 'stopped':
      return 'stopped';
  }
}

/** "Douyin is down: can't reach live-push.example.com — retrying", for each destination down now. */
export function downBanners(session: LiveSession): { id: string; text: string }[] {
  if (session.state === 'offline' || session.state === 'ending') return [];
  return session.destinations
    .filter((destination) => destination.state !== 'running' && destination.state !== 'stopped' && destination.reason !== null)
    .map((destination) => ({ id: destination.id, text: `${destination.name} is down: ${destination.reason ?? ''} — retrying` }));
}

/** Time on air as h:mm:ss. */
export function onAirClock(elapsedMs: number): string {
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** The show's figures, counted from Go Live: "30 fps · 2600 kb/s · 0 frames dropped · 3 came late". */
export function healthLine(health: StreamHealth): string {
  const parts = [
    health.fps === null ? 'starting…' : `${Math.round(health.fps)} fps`,
    ...(health.bitrateKbps === null ? [] : [`${Math.round(health.bitrateKbps)} kb/s`]),
    `${health.droppedFrames} frames dropped`,
    `${health.duplicatedFrames} came late`,
  ];
  return parts.join(' · ');
}
