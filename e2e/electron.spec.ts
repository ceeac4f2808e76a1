import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../scripts/electronBinary.node';
import { tempDataDir } from './studioProcess';

// The same shell checks against the Electron app. Its core runs in a utilityProcess ("Shopcast
// engine"), its room in another ("Shopcast live room"); the window talks to the core over the
// MessagePort main handed over. Where the Electron binary can't be downloaded (this project's CI
// machines), it is skipped.
const binary = findElectronBinary(false);
const missingBinary =
  'The Electron binary is not installed (node_modules/electron has no dist/), so the Electron spec is skipped: run `node node_modules/electron/install.js` on a machine with internet access to run it.';
if (binary === null) console.warn(missingBinary);

/** The app's utility processes by service name, as Electron's own metrics list them. */
async function utilityPids(app: ElectronApplication): Promise<Record<string, number>> {
  const metrics = await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().map((metric) => ({ type: metric.type, name: metric.name ?? metric.serviceName ?? '', pid: metric.pid })));
  return Object.fromEntries(metrics.filter((metric) => metric.type === 'Utility').map((metric) => [metric.name, metric.pid]));
}

/** The app on a fresh data folder, its room on a free port. */
async function launchApp(): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary ?? undefined,
    args: ['.'],
    env: { ...process.env, SHOPCAST_DATA_DIR: await tempDataDir(), SHOPCAST_ROOM_PORT: '0' },
  });
}

test.describe('the Electron app', () => {
  test.skip(binary === null, missingBinary);

  test('opens the secure studio window and talks to the core process over its port', async () => {
    const app = await launchApp();
    try {
      const window = await app.firstWindow();
      expect(new URL(window.url()).origin).toBe('app://studio');
      await expect(window.getByRole('status', { name: 'State' })).toHaveText('Offline');
      // The page sees neither Node nor ipcRenderer, and the bridge offers ports and a restart only.
      const exposure = await window.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        bridge: Object.keys((window as unknown as { shopcast: object }).shopcast).sort(),
      }));
      expect(exposure).toEqual({ require: 'undefined', process: 'undefined', bridge: ['onCoreStopped', 'openCorePort', 'restartCore'] });
      const pids = await utilityPids(app);
      expect(Object.keys(pids)).toEqual(expect.arrayContaining(['Shopcast engine', 'Shopcast live room']));
      await window.getByRole('tab', { name: 'Orders' }).click();
      await expect(window.getByRole('tab', { name: 'Orders' })).toHaveAttribute('aria-selected', 'true');
    } finally {
      await app.close();
    }
  });

  test('says when the engine stops, and Restart brings it back while the room stays up', async () => {
    const app = await launchApp();
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('status', { name: 'State' })).toHaveText('Offline');
      const before = await utilityPids(app);
      const engine = before['Shopcast engine'];
      const room = before['Shopcast live room'];
      if (engine === undefined || room === undefined) throw new Error(`utility processes: ${JSON.stringify(before)}`);
      process.kill(engine, 'SIGKILL');
      const alert = window.getByRole('alert').filter({ hasText: "Shopcast's engine stopped" });
      await expect(alert).toContainText('Your live room stays open');
      await alert.getByRole('button', { name: 'Restart' }).click();
      await expect(window.getByRole('status', { name: 'State' })).toHaveText('Offline');
      const after = await utilityPids(app);
      expect(after['Shopcast engine']).not.toBe(engine);
      expect(after['Shopcast live room']).toBe(room);
    } finally {
      await app.close();
    }
  });
});
