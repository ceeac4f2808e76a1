import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openSfu } from './openSfu.node';
import { defaultSfuConfig } from './sfuConfig.std';
import { SFU_WORKER_ENV, sfuWorkerMissingMessage } from './sfuWorkerPath.node';
import { openTestSfu, recordingLogger, restoreWorkerEnv, skipWithoutWorker } from '../../testing/sfuTesting.node';
import { workerPoolSize, type WorkerPool } from './workerPool.node';

const previousWorkerBin = process.env[SFU_WORKER_ENV];
const pools: WorkerPool[] = [];
afterAll(() => {
  for (const pool of pools) pool.close();
  restoreWorkerEnv(previousWorkerBin);
});

describe('the SFU worker pool size', () => {
  it('is a worker per core, capped by maxWorkers, never zero', () => {
    expect(workerPoolSize(8, 4)).toBe(4);
    expect(workerPoolSize(2, 4)).toBe(2);
    expect(workerPoolSize(0, 4)).toBe(1);
  });
});

describe('opening the SFU without a worker binary', () => {
  it('answers unavailable with the set-up hint and never loads mediasoup', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'shopcast-no-sfu-'));
    const requireModule = vi.fn();
    const env: NodeJS.ProcessEnv = {};
    const opening = await openSfu({
      env,
      exists: () => false,
      place: { root, mediasoupVersion: '3.12.16', arch: 'amd64' },
      requireModule,
      config: defaultSfuConfig,
      cpuCount: 2,
      log: recordingLogger().log,
    });
    expect(opening).toEqual({ available: false, reason: sfuWorkerMissingMessage() });
    expect(requireModule).not.toHaveBeenCalled();
    expect(env[SFU_WORKER_ENV]).toBeUndefined();
  });

  it('answers unavailable when the mediasoup package cannot be loaded', async () => {
    const env: NodeJS.ProcessEnv = { [SFU_WORKER_ENV]: '/opt/fake/mediasoup-worker' };
    const opening = await openSfu({
      env,
      exists: (file) => file === '/opt/fake/mediasoup-worker',
      place: { root: '/nowhere', mediasoupVersion: null, arch: 'amd64' },
      requireModule: () => {
        throw new Error("Cannot find module 'mediasoup'");
      },
      config: defaultSfuConfig,
      cpuCount: 2,
      log: recordingLogger().log,
    });
    expect(opening.available).toBe(false);
    if (!opening.available) expect(opening.reason).toContain('mediasoup package could not be loaded');
  });
});

describe.skipIf(skipWithoutWorker !== '')(`the SFU worker pool on the real worker ${skipWithoutWorker}`, () => {
  it('starts maxWorkers workers when there are more cores, and spreads routers over them', async () => {
    const { pool } = await openTestSfu({ min: 47100, max: 47199 }, { maxWorkers: 2, cpuCount: 8 });
    pools.push(pool);
    expect(pool.size).toBe(2);
    expect(pool.live()).toBe(2);
    const pids = pool.workers().map((worker) => worker?.pid);
    expect(new Set(pids).size).toBe(2);

    const first = pool.pick();
    await first.createRouter({ mediaCodecs: [] });
    // The other worker hosts nothing yet: it is picked next, and again while it has fewer routers.
    const second = pool.pick();
    expect(second).not.toBe(first);
    await second.createRouter({ mediaCodecs: [] });
    const third = pool.pick();
    expect([first, second]).toContain(third);
  });
});
