import type { types } from 'mediasoup';
import type { Logger } from '../log/logger.std';
import type { SfuConfig } from './sfuConfig.std';
import { SfuError } from './sfuErrors.std';

// A fixed number of mediasoup workers (each one process, one core) shared by every live show.
// Every worker gets the whole port range: a show's router lives on one worker, so splitting the
// range would cap one show's viewers at a slice of it, and the worker already retries another
// port when one is taken (PortManager::Bind). A worker that dies is replaced in the same slot and
// the shows that lived on it are told, so they rebuild their routers (showSfu.node.ts).

/** The part of the mediasoup module the pool uses (loaded lazily by openSfu.node.ts). */
export interface MediasoupModule {
  createWorker(settings?: types.WorkerSettings): Promise<types.Worker>;
  /** The binary mediasoup will spawn: it read MEDIASOUP_WORKER_BIN when it was loaded. */
  readonly workerBin: string;
}

export interface WorkerReplacement {
  previous: types.Worker;
  next: types.Worker;
}

export type ReplacedListener = (index: number, change: WorkerReplacement) => void;

export interface WorkerPool {
  readonly size: number;
  /** The live worker hosting the fewest routers (round robin among equals). */
  pick(): types.Worker;
  /** Slot by slot; null while a dead worker's replacement is starting. */
  workers(): readonly (types.Worker | null)[];
  /** Workers alive now. */
  live(): number;
  onReplaced(listener: ReplacedListener): () => void;
  close(): void;
}

export interface WorkerPoolDeps {
  mediasoup: MediasoupModule;
  workerBin: string;
  size: number;
  config: SfuConfig;
  log: Logger;
  now?: () => number;
  setTimer?: (ms: number, run: () => void) => () => void;
}

/** A worker per core, at most maxWorkers, at least one. */
export function workerPoolSize(cpuCount: number, maxWorkers: number): number {
  return Math.max(1, Math.min(Math.floor(cpuCount), maxWorkers));
}

/** A worker that dies this soon after it started is probably crash-looping: slow down. */
const SHORT_LIFE_MS = 5_000;
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

const unrefTimer = (ms: number, run: () => void): (() => void) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

interface Slot {
  worker: types.Worker | null;
  startedAt: number;
  routers: number;
  failures: number;
  cancelRetry: (() => void) | null;
}

export async function createWorkerPool(deps: WorkerPoolDeps): Promise<WorkerPool> {
  const { mediasoup, config, log } = deps;
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? unrefTimer;
  const size = Math.max(1, Math.floor(deps.size));
  if (mediasoup.workerBin !== deps.workerBin) {
    // mediasoup was loaded before MEDIASOUP_WORKER_BIN was set: it runs its own idea of the binary.
    log.warn('mediasoup runs another worker binary than the one found', { found: deps.workerBin, used: mediasoup.workerBin });
  }
  const listeners = new Set<ReplacedListener>();
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, startedAt: 0, routers: 0, failures: 0, cancelRetry: null }));
  let closed = false;
  let cursor = 0;

  const start = async (index: number): Promise<types.Worker> => {
    const worker = await mediasoup.createWorker({
      logLevel: 'warn',
      rtcMinPort: config.rtcMinPort,
      rtcMaxPort: config.rtcMaxPort,
      appData: { poolIndex: index },
    });
    const slot = slots[index];
    if (!slot || closed) {
      worker.close();
      throw new SfuError('video-off', 'the SFU is closed');
    }
    slot.worker = worker;
    slot.startedAt = now();
    slot.routers = 0;
    worker.observer.on('newrouter', (router) => {
      if (slot.worker !== worker) return;
      slot.routers += 1;
      router.observer.once('close', () => {
        if (slot.worker === worker) slot.routers -= 1;
      });
    });
    worker.once('died', (error) => onDied(index, worker, error));
    log.info('SFU worker started', { index, pid: worker.pid });
    return worker;
  };

  const onDied = (index: number, worker: types.Worker, error: Error): void => {
    const slot = slots[index];
    if (!slot || slot.worker !== worker) return;
    slot.worker = null;
    const lived = now() - slot.startedAt;
    log.error('SFU worker died; starting a new one', { index, pid: worker.pid, livedMs: lived, error: error.message });
    if (closed) return;
    if (lived < SHORT_LIFE_MS) {
      scheduleReplace(index, worker);
    } else {
      slot.failures = 0;
      void replace(index, worker);
    }
  };

  const scheduleReplace = (index: number, previous: types.Worker): void => {
    const slot = slots[index];
    if (!slot || closed) return;
    const delay = Math.min(FIRST_RETRY_MS * 2 ** slot.failures, LONGEST_RETRY_MS);
    slot.failures += 1;
    slot.cancelRetry = setTimer(delay, () => {
      slot.cancelRetry = null;
      void replace(index, previous);
    });
  };

  const replace = async (index: number, previous: types.Worker): Promise<void> => {
    let next: types.Worker;
    try {
      next = await start(index);
    } catch (error) {
      if (closed) return;
      log.error('SFU worker could not be restarted; trying again', { index, error: error instanceof Error ? error.message : String(error) });
      scheduleReplace(index, previous);
      return;
    }
    for (const listener of [...listeners]) {
      try {
        listener(index, { previous, next });
      } catch (error) {
        log.error('SFU worker replacement listener failed', { index, error });
      }
    }
  };

  try {
    await Promise.all(slots.map((_slot, index) => start(index)));
  } catch (error) {
    closed = true;
    for (const slot of slots) slot.worker?.close();
    throw error;
  }

  return {
    size,
    pick() {
      if (closed) throw new SfuError('video-off', 'the SFU is closed');
      let best: { index: number; routers: number; worker: types.Worker } | null = null;
      for (let step = 0; step < size; step += 1) {
        const index = (cursor + step) % size;
        const slot = slots[index];
        if (!slot?.worker || slot.worker.closed) continue;
        if (best === null || slot.routers < best.routers) best = { index, routers: slot.routers, worker: slot.worker };
      }
      if (best === null) throw new SfuError('video-off', 'Video to viewers is paused: the SFU worker stopped and is restarting.');
      cursor = (best.index + 1) % size;
      return best.worker;
    },
    workers: () => slots.map((slot) => slot.worker),
    live: () => slots.filter((slot) => slot.worker !== null && !slot.worker.closed).length,
    onReplaced(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      for (const slot of slots) {
        slot.cancelRetry?.();
        slot.cancelRetry = null;
        slot.worker?.close();
        slot.worker = null;
      }
    },
  };
}
