import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../scripts/electronBinary.node';
import { tempDataDir } from './studioProcess';

// The same shell checks against the Electron app, over IPC instead of the WebSocket bridge.
// Where the Electron binary can't be downloaded (this project's CI machines), it is skipped.
const binary = findElectronBinary(false);
const missingBinary =
  'The Electron binary is not installed (node_modules/electron has no dist/), so the Electron spec is skipped: run `node node_modules/electron/install.js` on a machine with internet access to run it.';
if (binary === null) console.warn(missingBinary);

test.describe('the Electron app', () => {
  test.skip(binary === null, missingBinary);

  test('opens the secure studio window and talks to the core over IPC', async () => {
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: ['.'],
      env: { ...process.env, SHOPCAST_DATA_DIR: await tempDataDir() },
    });
    try {
      const window = await app.firstWindow();
      expect(new URL(window.url()).origin).toBe('app://studio');
      await expect(window.getByRole('status', { name: 'State' })).toHaveText('Offline');
      // The page sees only the contract, never Node or ipcRenderer.
      const exposure = await window.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        channels: Object.keys((window as unknown as { shopcast: { requests: object } }).shopcast.requests),
      }));
      expect(exposure).toMatchObject({ require: 'undefined', process: 'undefined' });
      expect(exposure.channels).toContain('getSettings');
      await window.getByRole('tab', { name: 'Orders' }).click();
      await expect(window.getByRole('tab', { name: 'Orders' })).toHaveAttribute('aria-selected', 'true');
    } finally {
      await app.close();
    }
  });
});
