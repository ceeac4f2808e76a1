import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { EventHub } from '../kernel/eventHub.std';
import type { MediaIngest } from '../media/mediaIngest.std';
import { createCpuSampler } from '../status/cpuSampler.std';
import { startStatusService, type StatusService } from '../status/statusService.std';

/** The status bar's figures for this process: its CPU, the program's frames, and its event loop's delay. */
export function startProcessStatus(events: EventHub, media: MediaIngest): StatusService {
  // Whatever the core's loop does late, the program's frames wait behind: measured all the time.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const service = startStatusService({
    events,
    sampleCpuPercent: createCpuSampler(() => process.cpuUsage(), () => performance.now()),
    sampleLoopDelayMs: () => {
      const p99 = loopDelay.percentile(99) / 1e6;
      loopDelay.reset();
      return Math.round(p99 * 10) / 10;
    },
    mediaStats: () => media.stats(),
    every: (intervalMs, tick) => {
      const timer = setInterval(tick, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  });
  return {
    ...service,
    stop: () => {
      loopDelay.disable();
      service.stop();
    },
  };
}
