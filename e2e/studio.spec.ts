import { buildSync } from 'esbuild';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from './fixtures';
import { SETTINGS_VERSION } from '../contract/schemas/settings.std';
import { callCore } from '../testing/coreCall';
import { studioSession, tempDataDir, type StudioProcess } from './studioProcess';

let studio: StudioProcess;
const { consoleErrors, open } = studioSession();

async function openPairedStudio(page: Page, dataDir?: string): Promise<void> {
  studio = await open(page, dataDir);
  await expect(page.getByRole('status', { name: 'State' })).toHaveText('Offline');
}

test('pairs with the one-time token and shows the studio shell', async ({ page }) => {
  await openPairedStudio(page);
  // The spent token leaves the address bar.
  expect(page.url()).toBe(`${studio.origin}/`);

  await expect(page.getByRole('img', { name: /Program preview, 1280×720/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Scenes and sources' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Go Live' })).toBeEnabled();
  const statusBar = page.getByRole('contentinfo', { name: 'Stream status' });
  for (const name of ['Duration', 'Bitrate', 'FPS', 'Dropped frames', 'CPU']) {
    await expect(statusBar.getByRole('status', { name })).toBeVisible();
  }

  const tabs = page.getByRole('tablist', { name: 'Live panel' });
  await expect(tabs.getByRole('tab', { name: 'Comments' })).toHaveAttribute('aria-selected', 'true');
  await tabs.getByRole('tab', { name: 'Orders' }).click();
  await expect(tabs.getByRole('tab', { name: 'Orders' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel')).toContainText('No orders yet');
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Products' })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByRole('tab', { name: 'Products' })).toBeFocused();
  await expect(page.getByRole('tabpanel')).toContainText('No products yet');

  // Every control is reachable by role and name.
  for (const control of await page.locator('button:visible, select:visible, [role="tab"]:visible').all()) {
    await expect(control).toHaveAccessibleName(/\S/);
  }

  // At the smallest supported window everything fits: no scrollbars, each region on screen.
  const overflow = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
  expect(overflow.width).toBeLessThanOrEqual(1280);
  expect(overflow.height).toBeLessThanOrEqual(720);
  for (const region of [statusBar, page.getByRole('button', { name: 'Go Live' }), tabs, page.getByRole('img', { name: /Program preview/ })]) {
    await expect(region).toBeInViewport({ ratio: 1 });
  }
  expect(consoleErrors).toEqual([]);
});

test('a browser without the token, or with a spent one, gets only a 401 page', async ({ page, browser }) => {
  await openPairedStudio(page);
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();

  const bare = await strangerPage.goto(`${studio.origin}/`);
  expect(bare?.status()).toBe(401);
  await expect(strangerPage.getByRole('heading', { level: 1 })).toHaveText(/not paired/);
  await expect(strangerPage.locator('script')).toHaveCount(0);

  const spent = await strangerPage.goto(studio.url);
  expect(spent?.status()).toBe(401);
  await expect(strangerPage.getByText('already been used')).toBeVisible();

  const asset = await strangerPage.request.get(`${studio.origin}/index.html`);
  expect(asset.status()).toBe(401);

  const socketRefused = await strangerPage.evaluate(
    (url) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(url);
        socket.onopen = () => resolve(false);
        socket.onerror = () => resolve(true);
      }),
    `${studio.origin.replace('http', 'ws')}/api`,
  );
  expect(socketRefused).toBe(true);
  await stranger.close();
});

test('malformed calls over the bridge get typed errors and the studio keeps working', async ({ page }) => {
  await openPairedStudio(page);
  const answers = await page.evaluate(async (url) => {
    const socket = new WebSocket(url);
    await new Promise((resolve) => (socket.onopen = resolve));
    const received: unknown[] = [];
    const frames = [
      'not json at all',
      JSON.stringify({ id: 1, channel: 'getSettings' }),
      JSON.stringify({ id: 2, channel: 'shutdownEverything', payload: {} }),
      JSON.stringify({ id: 3, channel: 'updateSettings', payload: { outputProfile: '8k', sneaky: true } }),
      JSON.stringify({ id: 4, channel: 'openExternal', payload: { url: 'javascript:alert(1)' } }),
      JSON.stringify({ id: 5, channel: 'getSettings', payload: {} }),
    ];
    return new Promise<unknown[]>((resolve) => {
      socket.onmessage = (message) => {
        const frame = JSON.parse(String(message.data)) as { event?: string };
        if (frame.event) return;
        received.push(frame);
        if (received.length === frames.length) resolve(received);
      };
      for (const frame of frames) socket.send(frame);
    });
  }, `${studio.origin.replace('http', 'ws')}/api`);

  const byId = (id: number | null) => answers.filter((answer) => (answer as { id: number | null }).id === id);
  expect(byId(null)).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'malformed' }) })]);
  expect(byId(1)).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'malformed' }) })]);
  expect(byId(2)[0]).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  expect(byId(3)[0]).toMatchObject({ ok: false, error: { code: 'invalid-payload', channel: 'updateSettings' } });
  expect(byId(4)[0]).toMatchObject({ ok: false, error: { code: 'failed', channel: 'openExternal' } });
  expect(byId(5)[0]).toMatchObject({ ok: true, value: { outputProfile: '720p30' } });

  // The core is still up and the UI still round-trips through it.
  expect(studio.process.exitCode).toBeNull();
  await page.getByRole('tab', { name: 'Orders' }).click();
  await expect(page.getByRole('tab', { name: 'Orders' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('status', { name: 'State' })).toHaveText('Offline');
  expect(consoleErrors).toEqual([]);
});

test('settings survive a restart of the studio', async ({ page }) => {
  const dataDir = await tempDataDir();
  await openPairedStudio(page, dataDir);
  await page.getByRole('combobox', { name: 'Output' }).selectOption({ label: 'Vertical 720×1280 (9:16)' });
  await expect(page.getByRole('img', { name: /Program preview, 720×1280/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Products' }).click();
  await expect(page.getByRole('tab', { name: 'Products' })).toHaveAttribute('aria-selected', 'true');
  await studio.stop();

  const saved = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  expect(saved).toMatchObject({ version: SETTINGS_VERSION, outputProfile: 'vertical720x1280', panelTab: 'products' });

  await openPairedStudio(page, dataDir);
  await expect(page.getByRole('combobox', { name: 'Output' })).toHaveValue('vertical720x1280');
  await expect(page.getByRole('tab', { name: 'Products' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('img', { name: /Program preview, 720×1280/ })).toBeVisible();
});

test('a corrupt settings file is set aside with a warning, not a crash', async ({ page }) => {
  const dataDir = await tempDataDir();
  await writeFile(path.join(dataDir, 'settings.json'), '{"version": 1, "outputProfile": ');
  await openPairedStudio(page, dataDir);
  await expect(page.getByRole('alert')).toContainText('Your settings could not be read');
  const keptAs = (await readdir(dataDir)).filter((name) => name.startsWith('settings.json.unreadable-'));
  expect(keptAs).toHaveLength(1);
  expect(await readFile(path.join(dataDir, keptAs[0] ?? ''), 'utf8')).toBe('{"version": 1, "outputProfile": ');
  await expect(page.getByRole('combobox', { name: 'Output' })).toHaveValue('720p30');
  await page.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('Go Live runs the pre-flight checks: devices, the picture, the encoder and the studio’s own live room', async ({ page }) => {
  await openPairedStudio(page);
  // The compositor's frames reach the core within a second or two of opening.
  await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS [1-9]/);
  await page.getByRole('button', { name: 'Go Live' }).click();
  const dialog = page.getByRole('dialog', { name: /^(Ready|Not ready) to go live/ });
  await expect(dialog).toBeVisible();
  const checks = dialog.getByRole('list', { name: 'Pre-flight checks' });
  // Rows in a shopkeeper's words; the encoder's name and version behind Details.
  for (const row of ['Camera ready', 'Microphone ready', 'Your live room: ready', 'Video encoder ready', 'Overlays and product names: no flagged words']) {
    await expect(checks.getByRole('listitem').filter({ hasText: row })).toHaveClass(/check-ok/);
  }
  await expect(checks).toContainText(/Picture (smooth \(\d+ frames a second\)|a little uneven: \d+ of 30|too slow: \d+ of 30)/);
  await expect(checks).toContainText(/Recording: about \d+ hours? fit on this disk/);
  await expect(checks).not.toContainText('Nowhere to send the show');
  await expect(checks).not.toContainText('FFmpeg');
  await dialog.getByText('Details').click();
  const details = dialog.getByRole('group');
  await expect(details).toContainText(/FFmpeg \d/);
  await expect(details).toContainText(/Viewers join at http:\/\/\S+\/watch\/shop/);
  await expect(details).toContainText(/\d+\.\d GB free in /);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

// The renderer's sending half of the media channel, bundled for the page (evaluated over CDP, so
// the studio's CSP stays as strict as in production).
const mediaSenderBundle = buildSync({
  entryPoints: ['contract/mediaSender.std.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'ShopcastMedia',
  write: false,
}).outputFiles[0]?.text ?? '';

test('frames on the binary media channel reach the core, with drops counted', async ({ page }) => {
  await openPairedStudio(page);
  // The studio's own compositor sends the program first; a newer sender then takes it over.
  await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS [1-9]/);
  await page.evaluate(`window.ShopcastMedia = (() => { ${mediaSenderBundle}; return ShopcastMedia; })()`);
  // Sends for 6 s in the background while the status bar is checked, then reports what it sent.
  await page.evaluate((url) => {
    const { createMediaSender } = (window as unknown as { ShopcastMedia: typeof import('../contract/mediaSender.std') }).ShopcastMedia;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    const sender = createMediaSender((message) => socket.send(message));
    socket.onmessage = (message) => sender.grant((JSON.parse(String(message.data)) as { grant: number }).grant);
    const width = 320;
    const height = 180;
    const header = { kind: 'video-i420' as const, width, height, sampleRate: 0, payloadBytes: width * height * 1.5 };
    const done = new Promise((resolve) => (socket.onopen = resolve)).then(async () => {
      for (let frame = 0; frame < 180; frame += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1000 / 30));
        // Every 10th frame is late, as when the compositor falls behind.
        if (frame % 10 === 9) sender.skip('video-i420');
        else sender.offer({ ...header, captureTimeMs: performance.now() }, (payload) => payload.fill(frame));
      }
      socket.close();
      return sender.stats();
    });
    (window as unknown as { mediaDone: Promise<unknown> }).mediaDone = done;
  }, `${studio.origin.replace('http', 'ws')}/media`);

  await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS ([12]\d|30)$/);
  // The drops are counted by the core; the status bar shows dropped frames only for a show on air.
  await expect.poll(async () => (await callCore<{ framesDropped: number }>(page, studio.origin, 'getMediaStats')).framesDropped).toBeGreaterThan(0);
  await expect(page.getByRole('status', { name: 'Dropped frames' })).toHaveText('Dropped frames —');
  const sent = (await page.evaluate(() => (window as unknown as { mediaDone: Promise<unknown> }).mediaDone)) as { sent: number; dropped: number };
  expect(sent.sent).toBeGreaterThanOrEqual(150);
  expect(sent.dropped).toBe(18);
});

test('shows where viewers join its own live room, as a link and a QR code, and the link opens the viewers’ page', async ({ page, context }) => {
  await openPairedStudio(page);
  const card = page.getByRole('region', { name: 'Live room' });
  const link = card.getByTestId('watch-url');
  await expect(link).toHaveText(/^http:\/\/[^/]+:\d+\/watch\/shop$/);
  await expect(card.getByRole('img', { name: /^QR code for http/ })).toBeVisible();
  const viewer = await context.newPage();
  await viewer.goto((await link.textContent()) ?? '');
  await expect(viewer.getByRole('textbox', { name: 'Comment', exact: true })).toBeVisible();
  await viewer.close();
  expect(consoleErrors).toEqual([]);
});
