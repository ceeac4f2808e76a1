import os from 'node:os';
import path from 'node:path';

/**
 * Where Shopcast keeps its files when the Electron app (which uses app.getPath('userData')) is not
 * the one asking: SHOPCAST_DATA_DIR wins, then the platform's usual place.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home = os.homedir()): string {
  const explicit = env['SHOPCAST_DATA_DIR'];
  if (explicit) return path.resolve(explicit);
  if (platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Shopcast');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Shopcast');
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'Shopcast');
}
