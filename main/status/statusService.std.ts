import type { StudioStatus } from '../../contract/schemas/status.std';
import type { EventHub } from '../core/eventHub.std';
import type { MediaIngestStats } from '../media/mediaIngest.std';

export interface StatusServiceDeps {
  events: EventHub;
  sampleCpuPercent: () => number;
  mediaStats: () => MediaIngestStats;
  every: (intervalMs: number, tick: () => void) => () => void;
}

export interface StatusService {
  current(): StudioStatus;
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
  };
  const stopTicking = deps.every(1000, () => {
    const media = deps.mediaStats();
    status = {
      ...status,
      cpuPercent: Math.round(deps.sampleCpuPercent() * 10) / 10,
      fps: media.framesPerSecond,
      droppedFrames: media.framesDropped,
    };
    deps.events.emit('status', status);
  });
  return { current: () => status, stop: stopTicking };
}
