import { expect, test, type Browser, type Page } from './fixtures';
import type { Catalogue } from '../contract/schemas/catalogue.std';
import type { LiveSession } from '../contract/schemas/live.std';
import type { PanelState } from '../contract/schemas/panel.std';
import { callCore } from '../testing/coreCall';
import { studioSession, type StudioProcess } from './studioProcess';
import { openViewerPage, type ViewerPage } from './viewer.page';

// A clean end with real peers: the built studio process and its room, the studio in Chromium, a
// viewer's phone-sized page. End Live asks first (Cancel keeps the show on), takes what Buy does
// afterwards, shows the show's results; the viewer's page says the show ended and Buy follows the
// merchant's choice, which the room enforces.

const { consoleErrors, open } = studioSession();

const session = (page: Page, studio: StudioProcess) => callCore<LiveSession>(page, studio.origin, 'getLiveSession');

async function goLive(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS [1-9]/);
  await page.getByRole('button', { name: 'Go Live' }).click();
  // "… anyway" when this busy machine's program runs below its frame rate.
  await page.getByRole('dialog', { name: /^(Ready|Not ready) to go live/ }).getByRole('button', { name: /^Start the show( anyway)?$/ }).click();
  await expect(page.getByRole('button', { name: 'End Live' })).toBeVisible();
}

async function newViewer(browser: Browser, page: Page): Promise<ViewerPage> {
  const watchUrl = new URL((await page.getByTestId('watch-url').textContent()) ?? '');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const viewerPage = await context.newPage();
  viewerPage.on('pageerror', (error) => consoleErrors.push(`viewer: ${error.message}`));
  const viewer = await openViewerPage(viewerPage, `http://127.0.0.1:${watchUrl.port}`, 'shop');
  await viewer.joined();
  return viewer;
}

test('End Live asks first, shows the show’s results, and the viewer’s Buy follows the grace or closes', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const studio = await open(page);
  const catalogue = await callCore<Catalogue>(page, studio.origin, 'saveProduct', { name: 'Glazed teapot', priceMinor: 19_900, listPriceMinor: null, currency: 'CNY', stock: 10, photo: null });
  const productId = catalogue.products[0]?.id ?? '';

  await goLive(page);
  await expect.poll(async () => (await session(page, studio)).state, { timeout: 20_000 }).toBe('live');
  await callCore(page, studio.origin, 'panelAction', { kind: 'promoteProduct', productId });
  const viewer = await newViewer(browser, page);
  expect(await viewer.order({ name: 'Ana', phone: '13800138000' })).toMatch(/^Order received/);
  await viewer.buySheet.getByRole('button', { name: 'Done' }).click();
  await expect.poll(async () => (await callCore<PanelState>(page, studio.origin, 'getPanel')).totals.orders).toBe(1);

  // One stray click ends nothing: the dialog asks, and keeping the show on leaves it live.
  await page.getByRole('button', { name: 'End Live' }).click();
  const ask = page.getByRole('dialog', { name: 'End the show?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('radio', { name: 'Close Buy now' })).toBeChecked();
  await page.screenshot({ path: '/tmp/shots/endshow-confirm.png' });
  await ask.getByRole('button', { name: 'Keep the show on' }).click();
  await expect(ask).toBeHidden();
  expect((await session(page, studio)).state).toBe('live');
  await expect(viewer.page.getByText(/show has ended/)).toHaveCount(0);

  // Ended with Buy open ten more minutes.
  await page.getByRole('button', { name: 'End Live' }).click();
  await ask.getByRole('radio', { name: 'Keep Buy open 10 minutes' }).check();
  await page.screenshot({ path: '/tmp/shots/endshow-confirm-grace.png' });
  await ask.getByRole('button', { name: 'End the show' }).click();
  const results = page.getByRole('dialog', { name: 'Your show has ended' });
  await expect(results).toBeVisible({ timeout: 30_000 });
  const figures = results.getByRole('definition');
  await expect(figures.nth(0)).toHaveText(/^(\d+ s|\d+ min \d\d s)$/);
  await expect(figures.nth(1)).toHaveText(/^[1-9]\d*$/);
  await expect(figures.nth(2)).toHaveText('1');
  await expect(figures.nth(3)).toHaveText('¥199.00');
  await expect(results.getByRole('list', { name: 'Best sellers' }).getByRole('listitem')).toHaveText(['Glazed teapot1 sold · ¥199.00']);
  await expect(results).toContainText('Cutting a clip of Glazed teapot: it appears in the Library when ready.');
  await expect(results).toContainText(/Viewers can still buy until \d\d:\d\d/);
  await page.screenshot({ path: '/tmp/shots/endshow-results.png' });

  // The viewer's page says so, and Buy still works within the grace.
  await expect(viewer.stageMessage).toHaveText('The show has ended. Thanks for watching!');
  await expect(viewer.product).toContainText(/The show has ended: you can still buy for (09|10):\d\d/);
  await viewer.page.screenshot({ path: '/tmp/shots/endshow-viewer-grace.png' });
  expect(await viewer.order({ name: 'Bo', phone: '13900139000' })).toMatch(/^Order received/);
  await viewer.buySheet.getByRole('button', { name: 'Done' }).click();

  // A new show clears the end; ended with Buy closed, the viewer's Buy is gone.
  await results.getByRole('button', { name: 'Done' }).click();
  await expect(results).toBeHidden();
  await goLive(page);
  await expect(viewer.page.getByText(/show has ended/)).toHaveCount(0);
  await expect(viewer.product.getByRole('button', { name: 'Buy' })).toBeVisible();
  await page.getByRole('button', { name: 'End Live' }).click();
  await ask.getByRole('button', { name: 'End the show' }).click();
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(results).toContainText('Buying closed for viewers when the show ended.');
  await expect(figures.nth(2)).toHaveText('0');
  await expect(figures.nth(3)).toHaveText('None');
  await expect(viewer.product).toContainText('The show has ended: buying is closed');
  await expect(viewer.product.getByRole('button', { name: 'Buy' })).toHaveCount(0);
  await viewer.page.screenshot({ path: '/tmp/shots/endshow-viewer-closed.png' });
  await page.screenshot({ path: '/tmp/shots/endshow-results-closed.png' });
  expect(consoleErrors).toEqual([]);
});
