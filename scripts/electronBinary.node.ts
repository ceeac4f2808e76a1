import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Electron binary's path, or null where it can't be had. Electron ≥ 42 downloads it on first
 * use; with `tryDownload` we try once, with a deadline, without `require('electron')` (which
 * would throw its own download error).
 */
export function findElectronBinary(tryDownload: boolean): string | null {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const locate = () => {
    const pathFile = path.join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  };
  const present = locate();
  if (present || !tryDownload) return present;
  spawnSync(process.execPath, [path.join(packageDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return locate();
}
