import type { LiveSession } from '../../contract/schemas/live.std';
import type { StudioStatus } from '../../contract/schemas/status.std';
import type { EventHub } from '../kernel/eventHub.std';
import type { MediaIngestStats } from '../media/mediaIngest.std';

export interface StatusServiceDeps {
  events: EventHub;
  sampleCpuPercent: () => number;
  /** The event loop's delay since the last sample (p99, ms), or null where it is not measured. */
  sampleLoopDelayMs?: () => number | null;
  mediaStats: () => MediaIngestStats;
  every: (intervalMs: number, tick: () => void) => () => void;
}

export interface StatusService {
  current(): StudioStatus;
  /** The go-live controller's session: state, since when, and the encoder's bitrate. */
  setLive(session: LiveSession): void;
  stop(): void;
}

/** Publishes the status bar's figures once a second. The go-live controller (issue 5) owns `state`. */
export function startStatusService(deps: StatusServiceDeps): StatusService {
  let status: StudioStatus = {
    state: 'offline',
    liveSince: null,
    bitrateKbps: null,
    fps: null,
    droppedFrames: 0,
    cpuPercent: 0,
    loopDelayMs: null,
  };
  const stopTicking = deps.every(1000, () => {
    const media = deps.mediaStats();
    status = {
      ...status,
      cpuPercent: Math.round(deps.sampleCpuPercent() * 10) / 10,
      loopDelayMs: deps.sampleLoopDelayMs?.() ?? null,
      fps: media.framesPerSecond,
      droppedFrames: media.framesDropped,
    };
    deps.events.emit('status', status);
  });
  return {
    current: () => status,
    setLive(session) {
      const changed = session.state !== status.state;
      status = { ...status, state: session.state, liveSince: session.state === 'offline' ? null : session.liveAt, bitrateKbps: session.health.bitrateKbps };
      if (changed) deps.events.emit('status', status);
    },
    stop: stopTicking,
  };
}
