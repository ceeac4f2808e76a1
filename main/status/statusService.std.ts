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

/**
 * Publishes the status bar's figures once a second. The go-live controller (issue 5) owns `state`;
 * while a show is on, fps, bitrate and dropped frames are its session's health (counted from Go
 * Live, the figures the panel shows), before it only the picture's rate reaching the core.
 */
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
  let live: LiveSession | null = null;
  const stopTicking = deps.every(1000, () => {
    status = {
      ...status,
      cpuPercent: Math.round(deps.sampleCpuPercent() * 10) / 10,
      loopDelayMs: deps.sampleLoopDelayMs?.() ?? null,
      fps: live ? live.health.fps : deps.mediaStats().framesPerSecond,
      droppedFrames: live ? live.health.droppedFrames : 0,
    };
    deps.events.emit('status', status);
  });
  return {
    current: () => status,
    setLive(session) {
      live = session.state === 'offline' ? null : session;
      const changed = session.state !== status.state;
      status = { ...status, state: session.state, liveSince: session.state === 'offline' ? null : session.liveAt, bitrateKbps: session.health.bitrateKbps };
      if (changed) deps.events.emit('status', status);
    },
    stop: stopTicking,
  };
}
