import type { Logger } from '../log/logger.std';
import type { SfuConfig } from './sfuConfig.std';
import { SFU_WORKER_ENV, sfuWorkerMissingMessage, sfuWorkerPath, type SfuWorkerPlace } from './sfuWorkerPath.node';
import { createWorkerPool, workerPoolSize, type MediasoupModule, type WorkerPool } from './workerPool.node';

// The one door to the SFU for the room server. Video is optional: without a worker binary, or
// without the mediasoup package, the room still runs its text side (comments, orders) and tells
// viewers why there is no picture. mediasoup is required lazily, after MEDIASOUP_WORKER_BIN is set,
// because it reads that variable once, when it is loaded.

export type SfuOpening = { available: true; pool: WorkerPool; workerBin: string } | { available: false; reason: string };

export interface OpenSfuDeps {
  /** Read for MEDIASOUP_WORKER_BIN and written with the binary found: pass process.env, which mediasoup reads. */
  env: NodeJS.ProcessEnv;
  exists: (file: string) => boolean;
  place: SfuWorkerPlace;
  requireModule: (id: string) => unknown;
  config: SfuConfig;
  /** os.availableParallelism() in production. */
  cpuCount: number;
  log: Logger;
}

export async function openSfu(deps: OpenSfuDeps): Promise<SfuOpening> {
  const { log } = deps;
  const workerBin = sfuWorkerPath(deps.env, deps.exists, deps.place);
  if (workerBin === null) {
    const reason = sfuWorkerMissingMessage();
    log.warn('SFU unavailable', { reason });
    return { available: false, reason };
  }
  deps.env[SFU_WORKER_ENV] = workerBin;
  let mediasoup: MediasoupModule;
  try {
    const loaded = deps.requireModule('mediasoup');
    if (!isMediasoupModule(loaded)) throw new Error('the mediasoup module has no createWorker()');
    mediasoup = loaded;
  } catch (error) {
    const reason = `Video to viewers is off: the mediasoup package could not be loaded (${messageOf(error)}). Run \`npm install\`.`;
    log.warn('SFU unavailable', { reason });
    return { available: false, reason };
  }
  const size = workerPoolSize(deps.cpuCount, deps.config.maxWorkers);
  try {
    const pool = await createWorkerPool({ mediasoup, workerBin, size, config: deps.config, log });
    log.info('SFU ready', { workers: size, workerBin, ports: `${deps.config.rtcMinPort}-${deps.config.rtcMaxPort}`, listenIp: deps.config.listenIp });
    return { available: true, pool, workerBin };
  } catch (error) {
    const reason = `Video to viewers is off: the SFU worker did not start (${messageOf(error)}). Run \`npm run setup\` to rebuild it.`;
    log.error('SFU unavailable', { reason });
    return { available: false, reason };
  }
}

function isMediasoupModule(value: unknown): value is MediasoupModule {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof MediasoupModule, unknown>>;
  return typeof candidate.createWorker === 'function' && typeof candidate.workerBin === 'string';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
