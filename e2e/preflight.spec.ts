import net from 'node:net';
import { once } from 'node:events';
import { expect, test, type Page } from './fixtures';
import { chromiumPath } from '../playwright.config';
import { callCore } from '../testing/coreCall';
import { startNginxRtmp } from '../testing/nginxRtmp.node';
import { studioSession } from './studioProcess';

// The pre-flight as a merchant meets it (issue 13): real test publishes by the core's FFmpeg to a
// closed port and to a real nginx-rtmp, and a camera the browser refuses. Screenshots of the
// dialog go to /tmp/shots/ for a person to look at.

const { consoleErrors, open } = studioSession();

/**
 * A port that takes the connection and never answers, until released: then it is closed. The
 * pre-flight's test publish to it stays under way for as long as the test wants to look at it.
 */
async function holdingPort(): Promise<{ port: number; release(): Promise<void> }> {
  const held = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    held.add(socket);
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    release: async () => {
      server.close();
      for (const socket of held) socket.destroy();
      await once(server, 'close');
    },
  };
}

/** Go Live, and the pre-flight's answer once its checks are done. */
async function runPreflight(page: Page) {
  await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS [1-9]/, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Go Live' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // The destinations' test publishes are bounded (8 s); the dialog waits for them.
  await expect(dialog).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 });
  return dialog;
}

test('a destination on a closed port fails in plain words; the same destination on a real nginx-rtmp is ready', async ({ page }) => {
  test.setTimeout(90_000);
  const studio = await open(page);
  const holding = await holdingPort();
  await callCore(page, studio.origin, 'saveDestination', { platform: 'douyin', name: 'Douyin', serverUrl: `rtmp://127.0.0.1:${holding.port}/stage`, enabled: true, streamKey: 'stream-key-e2e' });
  await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS [1-9]/, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Go Live' }).click();
  const dialog = page.getByRole('dialog');
  // Open at once, the page's own rows already in, while the core tests the destination.
  await expect(dialog.getByRole('heading', { name: 'Checking before you go live…', exact: true })).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText(/Testing your destinations/);
  await page.screenshot({ path: '/tmp/shots/preflight-checking.png' });
  // The server goes away: the port now refuses, and the next check says so.
  await holding.release();
  await expect(dialog).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Check again' }).click();
  await expect(dialog).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 });
  await expect(dialog.getByRole('heading', { name: 'Not ready to go live yet', exact: true })).toBeVisible();
  const checks = dialog.getByRole('list', { name: 'Pre-flight checks' });
  const douyin = checks.getByRole('listitem').filter({ hasText: "Douyin: can't reach 127.0.0.1" });
  await expect(douyin).toHaveClass(/check-failed/);
  await expect(douyin).toContainText('Check that this computer is online');
  await expect(checks).toContainText('Camera ready');
  await expect(checks).toContainText('Microphone ready');
  // A destination down leaves the choice to start without it, having read why.
  await expect(dialog.getByRole('button', { name: 'Start the show', exact: true })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Start the show anyway' })).toBeVisible();
  // FFmpeg's own words are behind Details, never the stream key.
  await dialog.getByText('Details').click();
  await expect(dialog.getByRole('group')).toContainText('Connection refused');
  await expect(dialog).not.toContainText('stream-key-e2e');
  await page.screenshot({ path: '/tmp/shots/preflight-unreachable.png' });

  const nginx = await startNginxRtmp();
  try {
    const [destination] = await callCore<{ id: string }[]>(page, studio.origin, 'getDestinations');
    await callCore(page, studio.origin, 'saveDestination', { id: destination?.id, platform: 'douyin', name: 'Douyin', serverUrl: `rtmp://127.0.0.1:${nginx.port}/live`, enabled: true });
    await dialog.getByRole('button', { name: 'Check again' }).click();
    await expect(dialog).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 });
    await expect(checks.getByRole('listitem').filter({ hasText: 'Douyin: ready' })).toHaveClass(/check-ok/);
    // Everything else is ready too, unless this shared machine is so busy that the program itself
    // runs slow, which the pre-flight then says (as it should) with the figure.
    const failed = await checks.locator('li.check-failed').allTextContents();
    expect(failed.filter((row) => !/^✗Picture too slow: \d+ of 30 frames a second/.test(row))).toEqual([]);
    const heading = failed.length === 0 ? 'Ready to go live' : 'Not ready to go live yet';
    await expect(dialog.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    await expect(dialog.getByRole('button', { name: failed.length === 0 ? 'Start the show' : 'Start the show anyway', exact: true })).toBeVisible();
    // The test really published to the server, once.
    expect((await nginx.errorLog()).match(/publish: name='stream-key-e2e'/g)).toHaveLength(1);
    await page.screenshot({ path: '/tmp/shots/preflight-ready.png' });
    await dialog.getByText('Details').click();
    await expect(dialog.getByRole('group')).toContainText(/FFmpeg \d/);
    await page.screenshot({ path: '/tmp/shots/preflight-ready-details.png' });
    await dialog.getByRole('button', { name: 'Close' }).click();
  } finally {
    await nginx.dispose();
  }
  expect(consoleErrors).toEqual([]);
});

test('a denied camera and microphone are failures with where to allow them', async ({ playwright }) => {
  test.setTimeout(60_000);
  // No --use-fake-ui-for-media-stream: headless Chromium refuses the permission prompt.
  const browser = await playwright.chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--use-fake-device-for-media-stream'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await open(page);
    const dialog = await runPreflight(page);
    await expect(dialog.getByRole('heading', { name: 'Not ready to go live yet', exact: true })).toBeVisible();
    const checks = dialog.getByRole('list', { name: 'Pre-flight checks' });
    const camera = checks.getByRole('listitem').filter({ hasText: 'Camera blocked' });
    await expect(camera).toHaveClass(/check-failed/);
    await expect(camera).toContainText("Allow the camera in the browser's site settings");
    await expect(checks.getByRole('listitem').filter({ hasText: 'Microphone blocked' })).toHaveClass(/check-failed/);
    await expect(dialog.getByRole('button', { name: 'Start the show', exact: true })).toHaveCount(0);
    await page.screenshot({ path: '/tmp/shots/preflight-denied-camera.png' });
  } finally {
    await browser.close();
  }
});
