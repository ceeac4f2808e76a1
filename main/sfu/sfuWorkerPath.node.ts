import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// Where the mediasoup worker binary comes from. mediasoup's own install downloads a prebuilt
// worker (machines with internet); where it cannot, `scripts/buildSfuWorker.node.mts` builds it
// from the npm package's C++ source with Debian's libraries into a cache keyed by mediasoup's
// version and the Debian architecture (../shared/SFU.md). mediasoup itself reads
// MEDIASOUP_WORKER_BIN when it is loaded, so whoever starts the SFU sets it to this path first.

export const SFU_WORKER_ENV = 'MEDIASOUP_WORKER_BIN';

/** Written after a build succeeded and its binary was renamed into place. */
const COMPLETE_STAMP = '.complete';

export interface SfuWorkerPlace {
  /** The folder holding package.json, node_modules/ and .cache/. */
  root: string;
  /** The installed mediasoup's version, or null when mediasoup is not installed. */
  mediasoupVersion: string | null;
  /** `dpkg --print-architecture` (amd64, arm64…), else Node's `process.arch`. */
  arch: string;
}

export function sfuWorkerCacheDir(root: string, version: string, arch: string): string {
  return path.join(root, '.cache', 'sfu', `mediasoup-${version}-${arch}`);
}

export function sfuWorkerCachePath(root: string, version: string, arch: string): string {
  return path.join(sfuWorkerCacheDir(root, version, arch), 'mediasoup-worker');
}

export function sfuWorkerStampPath(root: string, version: string, arch: string): string {
  return path.join(sfuWorkerCacheDir(root, version, arch), COMPLETE_STAMP);
}

/** mediasoup's own location for its worker (where its postinstall puts the prebuilt one). */
export function mediasoupPackagedWorkerPath(root: string): string {
  return path.join(root, 'node_modules', 'mediasoup', 'worker', 'out', 'Release', 'mediasoup-worker');
}

/**
 * The worker binary to run, in this order: MEDIASOUP_WORKER_BIN, mediasoup's own worker (a
 * prebuilt on machines with internet), the cached build from `npm run setup`; null when none is
 * there (say `sfuWorkerMissingMessage()`).
 */
export function sfuWorkerPath(
  env: NodeJS.ProcessEnv,
  exists: (file: string) => boolean,
  place: SfuWorkerPlace,
): string | null {
  const fromEnv = env[SFU_WORKER_ENV];
  if (fromEnv && exists(fromEnv)) return fromEnv;
  if (place.mediasoupVersion === null) return null;
  const packaged = mediasoupPackagedWorkerPath(place.root);
  if (exists(packaged)) return packaged;
  const cached = sfuWorkerCachePath(place.root, place.mediasoupVersion, place.arch);
  const stamp = sfuWorkerStampPath(place.root, place.mediasoupVersion, place.arch);
  if (exists(cached) && exists(stamp)) return cached;
  return null;
}

export function sfuWorkerMissingMessage(): string {
  return 'Video to viewers is off: the SFU worker is not built. Run `npm run setup` (it builds it from mediasoup\'s source with Debian libraries).';
}

/** Reads the facts sfuWorkerPath needs about this machine and this checkout. */
export function localSfuWorkerPlace(root: string): SfuWorkerPlace {
  return { root, mediasoupVersion: installedMediasoupVersion(root), arch: debianArch() };
}

function installedMediasoupVersion(root: string): string | null {
  try {
    const manifest: unknown = JSON.parse(readFileSync(path.join(root, 'node_modules', 'mediasoup', 'package.json'), 'utf8'));
    const version = (manifest as { version?: unknown }).version;
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

function debianArch(): string {
  const dpkg = spawnSync('dpkg', ['--print-architecture'], { encoding: 'utf8' });
  const arch = dpkg.status === 0 ? dpkg.stdout.trim() : '';
  return arch !== '' ? arch : process.arch;
}
