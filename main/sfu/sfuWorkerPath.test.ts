import { describe, expect, it } from 'vitest';
import { mediasoupPackagedWorkerPath, sfuWorkerCachePath, sfuWorkerPath, sfuWorkerStampPath, type SfuWorkerPlace } from './sfuWorkerPath.node';

const place: SfuWorkerPlace = { root: '/repo', mediasoupVersion: '3.12.16', arch: 'amd64' };
const cached = '/repo/.cache/sfu/mediasoup-3.12.16-amd64/mediasoup-worker';
const stamp = '/repo/.cache/sfu/mediasoup-3.12.16-amd64/.complete';
const packaged = '/repo/node_modules/mediasoup/worker/out/Release/mediasoup-worker';
const existing = (...files: string[]) => (file: string) => files.includes(file);

describe('sfuWorkerPath', () => {
  it('computes the cache by mediasoup version and Debian architecture', () => {
    expect(sfuWorkerCachePath('/repo', '3.12.16', 'amd64')).toBe(cached);
    expect(sfuWorkerStampPath('/repo', '3.12.16', 'amd64')).toBe(stamp);
    expect(mediasoupPackagedWorkerPath('/repo')).toBe(packaged);
  });

  it('prefers MEDIASOUP_WORKER_BIN, then mediasoup\'s own worker, then the cached build', () => {
    const all = existing('/opt/worker', packaged, cached, stamp);
    expect(sfuWorkerPath({ MEDIASOUP_WORKER_BIN: '/opt/worker' }, all, place)).toBe('/opt/worker');
    expect(sfuWorkerPath({ MEDIASOUP_WORKER_BIN: '/missing' }, all, place)).toBe(packaged);
    expect(sfuWorkerPath({}, existing(cached, stamp), place)).toBe(cached);
  });

  it('does not take a cached binary whose build did not finish, nor guess without mediasoup', () => {
    expect(sfuWorkerPath({}, existing(cached), place)).toBeNull();
    expect(sfuWorkerPath({}, existing(cached, stamp, packaged), { ...place, mediasoupVersion: null })).toBeNull();
  });
});
