import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (`npx playwright install` can't run here).
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  // Two cores: one studio and one or two browsers at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    viewport: { width: 1280, height: 720 },
    // The specs find the studio by its English names (getByRole name: /Comments/): a machine set to
    // Chinese would otherwise get the Chinese studio. A spec that means another language opens
    // its own context with that locale.
    locale: 'en-US',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
    // No screencast: it encodes a JPEG of the page at every repaint, and the studio's preview
    // repaints 30 times a second, which on a slow machine halves the program's frame rate. The
    // DOM snapshots and the action log stay.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
  },
});
