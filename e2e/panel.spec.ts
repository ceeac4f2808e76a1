import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseFile, expect, test, type Browser, type Locator, type Page } from './fixtures';
import type { RoomClient } from '../contract/room/roomClient.std';
import { cameraSource, productCardSource, sampleProduct } from '../contract/scenePresets.std';
import type { Product } from '../contract/schemas/product.std';
import { SCENES_VERSION, type SceneCollection } from '../contract/schemas/scene.std';
import { lanAddress } from '../main/network/lanAddress.node';
import { chromiumPath } from '../playwright.config';
import { callCore } from '../testing/coreCall';
import { programFrame, type ProgramFrame } from './programFrame';
import { comment, socketViewer } from './roomPeers';
import { studioSession, type StudioProcess } from './studioProcess';
import { openViewerPage, type ViewerPage } from './viewer.page';

// The live panel with real peers: the built studio process (its embedded live room and staff
// console server), the studio in Chromium with a solid-colour fake camera, viewers' pages and a
// staff console in their own browser contexts, and viewers on plain room sockets. What the host
// does in the panel is checked where it lands: on the viewers' pages and in the program frames.

const cameraRgb = [30, 100, 200] as const;
const cameraLuma = 94; // BT.601 limited range of (30, 100, 200), as compositor.spec.ts
const fixtures = path.resolve('.cache', 'e2e');
const cameraFile = path.join(fixtures, 'camera-solid-1280x720.y4m');
if (!existsSync(cameraFile)) {
  mkdirSync(fixtures, { recursive: true });
  // Written aside and renamed: another spec may be making the same file at the same moment.
  const partial = `${cameraFile}.${process.pid}.y4m`;
  const colour = `0x${cameraRgb.map((value) => value.toString(16).padStart(2, '0')).join('')}`;
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${colour}:s=1280x720:r=30`, '-frames:v', '3', '-pix_fmt', 'yuv420p', partial]);
  renameSync(partial, cameraFile);
}

test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${cameraFile}`,
    ],
  },
});

const { consoleErrors, open } = studioSession();


/** Console errors of the extra pages (viewers, the staff console), per test. */
const otherPageErrors: string[] = [];
test.beforeEach(() => {
  otherPageErrors.length = 0;
});

function watchErrors(page: Page, who: string): Page {
  page.on('console', (message) => {
    if (message.type() === 'error') otherPageErrors.push(`${who}: ${message.text()}`);
  });
  page.on('pageerror', (error) => otherPageErrors.push(`${who}: ${error.message}`));
  return page;
}

// Output boxes (1280×720) inside the live layers' places (renderer/features/compositor/liveLayout.std.ts):
// the now-explaining card at x 66–98 %, y 38–66 %; the pinned comment at x 3–59 %, y 80–94 %, its
// box as wide as its text, so the left part (author and first words) is the part always covered.
const cardBox = [880, 300, 340, 150] as const;
const pinnedBox = [60, 590, 280, 60] as const;
type Box = readonly [number, number, number, number];
const mean = (frame: ProgramFrame, [x, y, width, height]: Box) => frame.meanLuma(x, y, width, height);
const difference = (a: ProgramFrame, b: ProgramFrame, [x, y, width, height]: Box) => a.differenceFrom(b, x, y, width, height);
const near = (value: number, target: number, tolerance = 6) => Math.abs(value - target) <= tolerance;

/** Waits (polling the core's newest program frame, not sleeping) for a frame that satisfies `check`. */
async function frameWhere(page: Page, studio: StudioProcess, check: (frame: ProgramFrame) => boolean, message: string): Promise<ProgramFrame> {
  let found: ProgramFrame | null = null;
  await expect
    .poll(
      async () => {
        const frame = await programFrame(page, studio.origin);
        if (frame && check(frame)) found = frame;
        return found !== null;
      },
      { timeout: 20_000, message },
    )
    .toBe(true);
  return found as unknown as ProgramFrame;
}

const cameraOnly: SceneCollection = {
  version: SCENES_VERSION,
  activeSceneId: 'camera',
  testPattern: false,
  scenes: [{ id: 'camera', name: 'Camera', preset: 'custom', sources: [cameraSource('camera')] }],
};

// The merchant's own product card, top left (output 38–474 × 36–324 px), clear of every live layer.
const sceneCardRect = { x: 0.03, y: 0.05, width: 0.34, height: 0.4 };
const sceneCardBox = [60, 60, 380, 240] as const;
const withCard = (product: Product): SceneCollection => ({
  ...cameraOnly,
  scenes: [{ id: 'camera', name: 'Camera', preset: 'custom', sources: [cameraSource('camera'), productCardSource('card', product, sceneCardRect)] }],
});

/** The studio with a camera-only scene, its program showing the camera everywhere the layers go. */
async function openStudio(page: Page, withCamera = false): Promise<StudioProcess> {
  const studio = await open(page);
  await expect(page.getByRole('status', { name: 'State' })).toHaveText('Offline');
  if (withCamera) {
    await callCore(page, studio.origin, 'saveScenes', cameraOnly);
    await frameWhere(page, studio, (frame) => near(mean(frame, cardBox), cameraLuma, 3) && near(mean(frame, pinnedBox), cameraLuma, 3), 'the program shows the camera alone');
  }
  return studio;
}

/** The room's origin as a viewer here opens it: 127.0.0.1 and the watch link's port (see golive.spec.ts). */
async function roomOrigin(page: Page): Promise<string> {
  const watchUrl = new URL((await page.getByTestId('watch-url').textContent()) ?? '');
  return `http://127.0.0.1:${watchUrl.port}`;
}

async function newViewer(browser: Browser, origin: string, who: string, viewport = { width: 400, height: 800 }): Promise<ViewerPage> {
  const context = await browser.newContext({ viewport });
  const viewer = await openViewerPage(watchErrors(await context.newPage(), who), origin, 'shop');
  await viewer.joined();
  return viewer;
}

const panelTab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Live panel' }).getByRole('tab', { name });
const commentRow = (page: Page, text: string) => page.getByRole('list', { name: 'Comments' }).getByRole('listitem').filter({ hasText: text });
const productRow = (page: Page, name: string) => page.getByRole('region', { name: 'Catalogue' }).getByRole('list', { name: 'Products' }).getByRole('listitem', { name, exact: true });
const orderRows = (page: Page) => page.getByRole('list', { name: 'Orders' }).getByRole('listitem');

/** Where a visible element is on the page (NaN, failing any comparison, when it is not). */
async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  return (await locator.boundingBox()) ?? { x: NaN, y: NaN, width: NaN, height: NaN };
}

async function openActivity(page: Page): Promise<Locator> {
  const disclosure = page.locator('details.activity-log');
  if (!(await disclosure.evaluate((details) => (details as HTMLDetailsElement).open))) await disclosure.locator('summary').click();
  return page.getByRole('list', { name: 'Activity' });
}

test('a viewer comment reaches the live panel as text; pin and unpin by button and by key; filters', async ({ page, browser }) => {
  await openStudio(page);
  const tabs = page.getByRole('tablist', { name: 'Live panel' });
  for (const name of ['Comments', 'Orders', 'Products', 'Staff']) await expect(tabs.getByRole('tab', { name })).toBeVisible();
  const list = page.getByRole('list', { name: 'Comments' });
  await expect(list).toBeVisible();

  const viewer = await newViewer(browser, await roomOrigin(page), 'viewer');
  const hostile = '<img src=x onerror=alert(1)> is it in stock?';
  await viewer.comment('<b>Mallory</b>', hostile);
  await viewer.comment('<b>Mallory</b>', 'love it');

  const first = list.getByRole('listitem').filter({ hasText: 'is it in stock?' });
  await expect(first).toContainText(hostile);
  await expect(first).toContainText('<b>Mallory</b>');
  await expect(list.locator('img')).toHaveCount(0);

  await first.getByRole('button', { name: 'Pin', exact: true }).click();
  const pinned = page.getByRole('region', { name: 'Pinned comment' });
  await expect(pinned).toContainText(hostile);
  await expect(viewer.pinned).toContainText('is it in stock?');
  await pinned.getByRole('button', { name: 'Unpin' }).click();
  await expect(pinned).toHaveCount(0);
  await expect(viewer.pinned).toHaveCount(0);

  // Keyboard: the list takes focus, ↑ picks the newest, ↑ again the one before, P pins it.
  await list.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('p');
  await expect(pinned).toContainText('is it in stock?');
  await page.keyboard.press('p');
  await expect(pinned).toHaveCount(0);

  await page.getByRole('group', { name: 'Show comments' }).getByRole('button', { name: 'Questions' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('group', { name: 'Show comments' }).getByRole('button', { name: 'All' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);

  await tabs.getByRole('tab', { name: 'Staff' }).click();
  await expect(page.getByRole('form', { name: 'Add staff' })).toBeVisible();
  await viewer.page.context().close();
  expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
  expect(consoleErrors).toEqual([]);
  expect(otherPageErrors).toEqual([]);
});

test('the panel fits the smallest window: tabs, empty states and every control named', async ({ page }) => {
  const studio = await openStudio(page);
  // Before the first show: what to do first, ticked from what the studio knows.
  const firstShow = page.getByRole('list', { name: 'Before your first show' });
  await expect(firstShow.getByRole('listitem')).toHaveText([/^✓Camera ready \(done\)/, /^○Add a product to sell \(to do\)/, /^✓Somewhere to send the show \(done\)/, /^○Do a test show in your own room \(to do\)/]);
  await page.screenshot({ path: '/tmp/shots/first-show-checklist.png' });
  await callCore(page, studio.origin, 'saveProduct', { name: 'Glazed mug', priceMinor: 4900, listPriceMinor: null, currency: 'CNY', stock: 2, photo: null });
  await expect(firstShow.getByRole('listitem').nth(1)).toHaveText(/^✓1 product to sell \(done\)/);
  // The test-pattern stamp is a developer's tool: under Advanced.
  await expect(page.getByRole('checkbox', { name: /Stamp frame numbers/ })).toBeHidden();
  const tabs = page.getByRole('tablist', { name: 'Live panel' });
  await tabs.getByRole('tab', { name: 'Orders' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('No orders yet');
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Products' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Catalogue' })).toContainText('Glazed mug');
  await expect(page.getByRole('button', { name: 'Next product' })).toBeDisabled();
  for (const control of await page.locator('button:visible, select:visible, input:visible, [role="tab"]:visible').all()) {
    await expect(control).toHaveAccessibleName(/\S/);
  }
  const overflow = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
  expect(overflow.width).toBeLessThanOrEqual(1280);
  expect(overflow.height).toBeLessThanOrEqual(720);
  await expect(tabs).toBeInViewport({ ratio: 1 });
  await tabs.getByRole('tab', { name: 'Comments' }).click();
  await expect(page.getByRole('list', { name: 'Comments' })).toBeInViewport();
  expect(consoleErrors).toEqual([]);
});

test('viewers comment and order; the host pins and promotes; viewers and the program frames show the pin and the card', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const studio = await openStudio(page, true);

  // The catalogue through the Products tab: one product by the form, two rows of a CSV.
  await panelTab(page, 'Products').click();
  await page.getByRole('region', { name: 'Catalogue' }).getByRole('button', { name: 'Add product' }).click();
  const form = page.getByRole('form', { name: 'Add product' });
  await form.getByLabel('Name').fill('Silk scarf');
  await form.getByLabel('Price', { exact: true }).fill('199');
  await form.getByLabel('Stock').fill('5');
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(form).toHaveCount(0);
  await expect(productRow(page, 'Silk scarf')).toContainText('¥199.00');

  const csv = 'name,price,stock\nTea cup,59,10\nBroken teapot,abc,3\n';
  await chooseFile(page.getByRole('region', { name: 'Import products' }).getByLabel('Import a CSV'), { name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const result = page.getByRole('status', { name: 'Import result' });
  await expect(result).toContainText('1 added, 0 updated, 1 rejected.');
  await expect(result.getByRole('list', { name: 'Rejected lines' }).getByRole('listitem')).toHaveText(['Line 3: price "abc" is not an amount (type it like 1299, 1,299.00 or ¥1,299)']);
  await expect(productRow(page, 'Tea cup')).toContainText('¥59.00');
  await expect(productRow(page, 'Broken teapot')).toHaveCount(0);

  // The scene's own card, as it would look typed in by hand with the scarf: the picture the
  // promotion must put in it. Then the scene as a merchant starts it, the demo product in the card.
  const scarf: Product = { id: 'by-hand', name: 'Silk scarf', priceMinor: 19_900, listPriceMinor: null, currency: 'CNY', stock: 5, photo: null, variants: [] };
  await callCore(page, studio.origin, 'saveScenes', withCard(scarf));
  const scarfByHand = await frameWhere(page, studio, (frame) => !near(mean(frame, sceneCardBox), cameraLuma, 20), 'the scene’s card typed in with the scarf');
  await callCore(page, studio.origin, 'saveScenes', withCard(sampleProduct));
  await frameWhere(page, studio, (frame) => difference(frame, scarfByHand, sceneCardBox) > 2 && !near(mean(frame, sceneCardBox), cameraLuma, 20), 'the scene’s card with its demo product');

  // Promote: the viewer's card, and one card in the program, the scene's, with the scarf's name, price and stock.
  const origin = await roomOrigin(page);
  const viewer = await newViewer(browser, origin, 'viewer', { width: 390, height: 844 });
  await expect(viewer.product).toHaveCount(0);
  await productRow(page, 'Silk scarf').getByRole('button', { name: 'Promote', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Now promoting' })).toContainText('Silk scarf');
  await expect(viewer.product).toContainText('Silk scarf');
  await expect(viewer.product).toContainText('5 left');
  await expect(viewer.product).toContainText('¥199.00');
  const promoted = await frameWhere(page, studio, (frame) => difference(frame, scarfByHand, sceneCardBox) < 1, 'the scene’s card shows the promoted scarf');
  expect(near(mean(promoted, cardBox), cameraLuma, 3)).toBe(true);
  expect(near(mean(promoted, pinnedBox), cameraLuma, 3)).toBe(true);
  // The card's properties say whose product it shows.
  await page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: `Card: ${sampleProduct.name}`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Now showing what you promote' })).toContainText('Silk scarf, ¥199.00');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: '/tmp/shots/card-studio-promoted.png' });
  await viewer.page.screenshot({ path: '/tmp/shots/card-viewer-promoted.png' });

  // A viewer's comment, pinned by the host: on the viewer's page and in the program.
  const question = 'Is the scarf pure silk, or a blend?';
  await viewer.comment('Ana', question);
  await expect(viewer.ownComments.filter({ hasText: question })).toHaveCount(1);
  await panelTab(page, 'Comments').click();
  const row = commentRow(page, question);
  await expect(row).toContainText('Ana');
  await row.getByRole('button', { name: 'Pin', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Pinned comment' })).toContainText(question);
  await expect(viewer.pinned).toContainText(question);
  await expect(viewer.pinned).toContainText('Ana');
  await frameWhere(
    page,
    studio,
    (frame) => !near(mean(frame, pinnedBox), cameraLuma, 10) && difference(frame, scarfByHand, sceneCardBox) < 1 && near(mean(frame, cardBox), cameraLuma, 3),
    'the program shows the pinned comment and the one card',
  );

  // An order through the Buy sheet: the Orders tab's badge, Mark handled, the viewer's status.
  expect(await viewer.order({ name: 'Ana', phone: '13800138000', note: 'blue please' })).toMatch(/^Order received: \S+/);
  await viewer.buySheet.getByRole('button', { name: 'Done' }).click();
  await expect(viewer.product).toContainText('4 left');
  const ordersTab = panelTab(page, 'Orders');
  await expect(ordersTab).toHaveAccessibleName('Orders 1 new');
  await ordersTab.click();
  const order = orderRows(page).filter({ has: page.locator('.order-buyer', { hasText: 'Ana' }) });
  await expect(orderRows(page)).toHaveCount(1);
  await expect(page.getByRole('listitem', { name: 'Order from Ana' })).toContainText('1 × Silk scarf');
  await expect(order).toContainText('Contact: 13800138000');
  await expect(order).toContainText('Note: blue please');
  await expect(order).toContainText('New');
  const myOrders = await viewer.openMyOrders();
  await expect(myOrders).toHaveCount(1);
  await expect(myOrders.first()).toContainText('Received');
  await order.getByRole('button', { name: 'Mark handled' }).click();
  await expect(order).toContainText('Handled');
  await expect(order.getByRole('button', { name: 'Mark handled' })).toHaveCount(0);
  await expect(ordersTab).toHaveAccessibleName('Orders');
  await expect(myOrders.first()).toContainText('Confirmed by the shop');
  await expect(page.getByRole('region', { name: 'Show totals' })).toContainText(/Orders\s*1\s*Units\s*1\s*GMV\s*¥199\.00/);

  await viewer.page.context().close();
  expect(consoleErrors).toEqual([]);
  expect(otherPageErrors).toEqual([]);
});

test('the product form takes a price as pasted, says each problem beside its field; a flagged name is asked about at Promote; a running flash sale is not ended by a click', async ({ page }) => {
  const studio = await openStudio(page);
  await panelTab(page, 'Products').click();
  await page.getByRole('region', { name: 'Catalogue' }).getByRole('button', { name: 'Add product' }).click();
  const form = page.getByRole('form', { name: 'Add product' });
  const name = form.getByLabel('Name');
  const price = form.getByLabel('Price', { exact: true });
  const listPrice = form.getByLabel('List price');
  await name.fill('全网最低价 teapot');
  await expect(name).toHaveAccessibleDescription('"最" is an advertising-law superlative. Platforms can cut a show that puts one on screen.');
  await price.fill('¥99,999,999,999');
  await listPrice.fill('abc');
  await form.getByRole('button', { name: 'Add product' }).click();

  // Each field marked, its message read with it and shown right under it; the first one focused.
  const priceError = 'The price is more than ¥1,000,000.00, the most one product can cost: check for a digit too many.';
  await expect(price).toHaveAttribute('aria-invalid', 'true');
  await expect(price).toHaveAccessibleDescription(priceError);
  await expect(price).toBeFocused();
  await expect(listPrice).toHaveAttribute('aria-invalid', 'true');
  await expect(listPrice).toHaveAccessibleDescription('The list price is not an amount (type it like 1299, 1,299.00 or ¥1,299).');
  await expect(name).not.toHaveAttribute('aria-invalid');
  const [field, message] = await Promise.all([price.boundingBox(), form.getByText(priceError).boundingBox()]);
  if (!field || !message) throw new Error('the price field or its message is not laid out');
  expect(message.y - (field.y + field.height)).toBeGreaterThanOrEqual(0);
  expect(message.y - (field.y + field.height)).toBeLessThan(12);
  expect(Math.abs(message.x - field.x)).toBeLessThan(4);
  await expect(form.getByText(priceError)).toBeInViewport();

  // "¥1,299" as pasted; a field's mark goes once it is changed.
  await price.fill('¥1,299');
  await expect(price).not.toHaveAttribute('aria-invalid');
  await expect(listPrice).toHaveAttribute('aria-invalid', 'true');
  await listPrice.fill('');
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(form).toHaveCount(0);
  const row = productRow(page, '全网最低价 teapot');
  await expect(row).toContainText('¥1,299.00');

  // Promote asks first, its safe answer focused; nothing goes on screen until the merchant says so.
  const promoting = page.getByRole('region', { name: 'Now promoting' });
  await row.getByRole('button', { name: 'Promote', exact: true }).click();
  const question = page.getByRole('alertdialog', { name: 'Promote “全网最低价 teapot”?' });
  await expect(question).toHaveAccessibleDescription('"最" is an advertising-law superlative. Platforms can cut a show that puts one on screen.');
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(promoting).toContainText('Nothing promoted');
  await question.getByRole('button', { name: 'Promote anyway' }).click();
  await expect(question).toHaveCount(0);
  await expect(promoting).toContainText('全网最低价 teapot');
  await expect(promoting).toContainText('¥1,299.00');

  // A flash sale runs; promoting another product asks first, and Cancel leaves the sale running.
  const sale = promoting.getByRole('form', { name: 'Flash sale' });
  await sale.getByLabel('Sale price').fill('999');
  await sale.getByLabel('Minutes').fill('10');
  await sale.getByRole('button', { name: 'Start flash sale' }).click();
  await expect(promoting).toContainText('¥999.00');
  await callCore(page, studio.origin, 'saveProduct', { name: 'Glazed cups', priceMinor: 5900, listPriceMinor: null, currency: 'CNY', stock: null, photo: null });
  await productRow(page, 'Glazed cups').getByRole('button', { name: 'Promote', exact: true }).click();
  const endsSale = page.getByRole('alertdialog', { name: 'Promote “Glazed cups”?' });
  await expect(endsSale).toHaveAccessibleDescription(/^The flash sale on “全网最低价 teapot” is still running \((10|9) min left\)\. Promoting “Glazed cups” ends it\.$/);
  await expect(endsSale.getByRole('button', { name: 'Edit name' })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/shots/promote-during-flash-sale.png' });
  await endsSale.getByRole('button', { name: 'Cancel' }).click();
  await expect(endsSale).toHaveCount(0);
  await expect(promoting).toContainText('全网最低价 teapot');
  await expect(promoting).toContainText('¥999.00');
  await productRow(page, 'Glazed cups').getByRole('button', { name: 'Promote', exact: true }).click();
  await endsSale.getByRole('button', { name: 'End the sale and promote' }).click();
  await expect(promoting).toContainText('Glazed cups');
  await expect(promoting).toContainText('¥59.00');
  expect(consoleErrors).toEqual([]);
});

test('comment-to-claim past the stock goes to the waitlist; a cancelled claim moves it up', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const studio = await openStudio(page);
  await callCore(page, studio.origin, 'saveProduct', { name: 'Glazed mug', priceMinor: 4900, listPriceMinor: null, currency: 'CNY', stock: 2, photo: null });
  await panelTab(page, 'Products').click();
  await productRow(page, 'Glazed mug').getByRole('button', { name: 'Promote', exact: true }).click();

  const origin = await roomOrigin(page);
  const viewer = await newViewer(browser, origin, 'viewer');
  await expect(viewer.product).toContainText('2 left');
  await expect(viewer.product).toContainText('Comment "+1", "SOLD", or "要" to claim');

  // Two claims on sockets take the stock; the page's claim, the third, waits.
  const sockets = [socketViewer(origin), socketViewer(origin)];
  try {
    await comment(sockets[0] as RoomClient, 'Bo', '+1');
    await comment(sockets[1] as RoomClient, 'Chen', 'SOLD');
    await expect(viewer.product).toContainText('Sold out');
    await expect(viewer.product).toContainText('Sold out: comment "+1", "SOLD", or "要" to join the waitlist');
    await viewer.comment('Dee', '+1');
    const myOrders = await viewer.openMyOrders();
    await expect(myOrders).toHaveCount(1);
    await expect(myOrders.first()).toContainText('On the waitlist — you get it if a claim is cancelled');

    await panelTab(page, 'Orders').click();
    await expect(orderRows(page)).toHaveCount(3);
    const from = (name: string) => page.getByRole('listitem', { name: `Order from ${name}` });
    for (const name of ['Bo', 'Chen']) {
      await expect(from(name)).toContainText('New');
      await expect(from(name)).toContainText('claim');
    }
    await expect(from('Dee')).toContainText('Waitlisted');
    await expect(page.getByRole('tab', { name: /^Orders/ })).toHaveAccessibleName('Orders 2 new');
    const totals = page.getByRole('region', { name: 'Show totals' });
    await expect(totals).toContainText(/Waitlisted\s*1/);
    await expect(totals).toContainText(/Orders\s*2\s*Units\s*2/);
    await expect(page.getByRole('group', { name: 'Show orders' }).getByRole('button', { name: 'Waitlisted (1)' })).toBeVisible();

    // The host cancels Bo's claim (asked first): Dee's claim takes the unit.
    await from('Bo').getByRole('button', { name: 'Cancel…' }).click();
    await from('Bo').getByRole('group', { name: 'Cancel the order from Bo?' }).getByRole('button', { name: 'Cancel order' }).click();
    await expect(from('Bo')).toContainText('Cancelled');
    await expect(from('Dee')).toContainText('New');
    await expect(from('Dee').getByRole('button', { name: 'Mark handled' })).toBeVisible();
    await expect(totals).toContainText(/Waitlisted\s*0/);
    await expect(myOrders.first()).toContainText('Received');
    await expect(viewer.product).toContainText('Sold out');
  } finally {
    for (const socket of sockets) socket.close();
  }
  await viewer.page.context().close();
  expect(consoleErrors).toEqual([]);
  expect(otherPageErrors).toEqual([]);
});

test('a staff console from the LAN address over plain http: connected once up, a moderator pins and promotes, the host sees who did; host-only calls refused; revoked', async ({ page, browser }) => {
  test.setTimeout(90_000);
  // Where the Staff tab's link points: this machine's address on the network, as a phone reaches
  // it — not 127.0.0.1, which a browser treats as a secure context.
  const lan = lanAddress(os.networkInterfaces());
  expect(lan, 'this machine needs a non-loopback IPv4 address for the console to be reached as a phone would').not.toBeNull();
  const studio = await openStudio(page);
  const origin = await roomOrigin(page);
  const viewers = [socketViewer(origin), socketViewer(origin)];
  const consoleContext = await browser.newContext();
  try {
    await callCore(page, studio.origin, 'saveProduct', { name: 'Linen shirt', priceMinor: 12900, listPriceMinor: null, currency: 'CNY', stock: 5, photo: null });
    await comment(viewers[0] as RoomClient, 'Bo', 'What sizes are there?');
    await comment(viewers[1] as RoomClient, 'Chen', 'Does it ship abroad?');
    await comment(viewers[0] as RoomClient, 'Bo', 'Is the red one back?');
    await expect(page.getByRole('list', { name: 'Comments' }).getByRole('listitem')).toHaveCount(3);

    // Pair Lin as a moderator.
    await panelTab(page, 'Staff').click();
    const addStaff = page.getByRole('form', { name: 'Add staff' });
    await addStaff.getByLabel('Name').fill('Lin');
    await addStaff.getByLabel('Role').selectOption('moderator');
    await addStaff.getByRole('button', { name: 'Add staff' }).click();
    const pairing = page.getByRole('region', { name: 'Pairing for Lin' });
    await expect(pairing.getByLabel('Pairing code')).toHaveText(/^\d{6}$/);
    const code = ((await pairing.getByLabel('Pairing code').textContent()) ?? '').trim();
    const link = pairing.getByRole('link');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toContain(code);
    await expect(pairing.getByRole('img', { name: `QR code for ${href}` })).toBeVisible();

    expect(new URL(href).hostname).toBe(lan);
    const consoleOrigin = new URL(href).origin;
    const linInStaff = page.getByRole('list', { name: 'Staff' }).getByRole('listitem', { name: 'Lin' });

    // Paired, and a socket open on the console's cookie, but no console page up (its script never
    // ran): the host must not read "connected".
    const unrendered = await consoleContext.newPage();
    await unrendered.route(/\.js$/, (route) => route.abort());
    await unrendered.goto(href);
    await unrendered.getByRole('button', { name: /^Pair this/ }).click();
    await unrendered.waitForURL(`${consoleOrigin}/`);
    expect(await callCore(unrendered, consoleOrigin, 'whoAmI')).toEqual({ role: 'moderator', name: 'Lin', console: true });
    await unrendered.evaluate(async (url) => {
      const socket = new WebSocket(url);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      (window as unknown as { heldSocket: WebSocket }).heldSocket = socket;
    }, `${consoleOrigin.replace('http', 'ws')}/api`);
    const staffNow = await callCore<{ members: { name: string; connections: number }[] }>(page, studio.origin, 'getStaff');
    expect(staffNow.members.find((member) => member.name === 'Lin')?.connections).toBe(0);
    await expect(linInStaff).toContainText('paired, not connected');

    // The console itself, in the same browser (its cookie), from the LAN address: not a secure
    // context, and nothing in it needs one.
    const consolePage = watchErrors(await consoleContext.newPage(), 'console');
    await consolePage.goto(`${consoleOrigin}/`);
    await expect(consolePage.getByRole('heading', { level: 1 })).toHaveText('Shopcast staff console — Lin (moderator)');
    expect(await consolePage.evaluate(() => window.isSecureContext)).toBe(false);
    await expect(linInStaff).toContainText('connected (1 window)');
    await unrendered.close();
    // On a desktop and on a phone: the title above the panel (it once sat over the comments, the
    // panel pushed to the bottom right), the panel from the left edge of its column, nothing
    // wider than the screen.
    for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
      await consolePage.setViewportSize(viewport);
      const title = await boxOf(consolePage.getByRole('banner'));
      const tabs = await boxOf(consolePage.getByRole('tablist', { name: 'Live panel' }));
      const panel = await boxOf(consolePage.getByRole('complementary', { name: 'Live panel' }));
      expect(title.y + title.height, `the title is above the tabs at ${viewport.width} px`).toBeLessThanOrEqual(tabs.y);
      expect(panel.x, `the panel is not pushed right at ${viewport.width} px`).toBeLessThanOrEqual(Math.max(0, (viewport.width - 960) / 2));
      expect(panel.y + panel.height, `the panel reaches the bottom at ${viewport.width} px`).toBeCloseTo(viewport.height, 0);
      expect(await consolePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    }
    await consolePage.setViewportSize({ width: 1280, height: 720 });
    const consoleTabs = consolePage.getByRole('tablist', { name: 'Live panel' });
    await expect(consoleTabs.getByRole('tab')).toHaveText(['Comments', 'Orders', 'Products']);
    await expect(consolePage.getByRole('button', { name: 'Go Live' })).toHaveCount(0);
    await expect(consolePage.getByRole('list', { name: 'Comments' }).getByRole('listitem')).toHaveCount(3);
    // A moderator promotes but does not edit the catalogue.
    await consoleTabs.getByRole('tab', { name: 'Products' }).click();
    await expect(consolePage.getByRole('region', { name: 'Now promoting' })).toBeVisible();
    await expect(consolePage.getByRole('button', { name: 'Add product' })).toHaveCount(0);
    await expect(consolePage.getByRole('region', { name: 'Import products' })).toHaveCount(0);
    await productRow(consolePage, 'Linen shirt').getByRole('button', { name: 'Promote' }).click();
    await expect(consolePage.getByRole('region', { name: 'Now promoting' })).toContainText('Linen shirt');
    await expect(consolePage.getByRole('list', { name: 'Activity' }).getByRole('listitem').first()).toContainText('Lin (moderator) promoted Linen shirt');
    await consoleTabs.getByRole('tab', { name: 'Comments' }).click();
    await expect(linInStaff).toContainText('connected (1 window)');
    // The code is spent: its card gives way to the form.
    await expect(pairing).toHaveCount(0);
    await expect(addStaff).toBeVisible();

    // The moderator pins: the host sees the pin and who did it.
    await panelTab(page, 'Comments').click();
    await commentRow(consolePage, 'Does it ship abroad?').getByRole('button', { name: 'Pin', exact: true }).click();
    const hostPinned = page.getByRole('region', { name: 'Pinned comment' });
    const consolePinned = consolePage.getByRole('region', { name: 'Pinned comment' });
    await expect(hostPinned).toContainText('Does it ship abroad?');
    await expect(consolePinned).toContainText('Does it ship abroad?');
    const activity = await openActivity(page);
    await expect(activity.getByRole('listitem').first()).toContainText("Lin (moderator) pinned Chen's comment");
    await expect(activity).toContainText('Lin (moderator) promoted Linen shirt');
    await expect(consolePage.getByRole('list', { name: 'Activity' }).getByRole('listitem').first()).toContainText("Lin (moderator) pinned Chen's comment");

    // Both at once, each pinning another comment: both end on the same one.
    await Promise.all([
      commentRow(page, 'What sizes are there?').getByRole('button', { name: 'Pin', exact: true }).click(),
      commentRow(consolePage, 'Is the red one back?').getByRole('button', { name: 'Pin', exact: true }).click(),
    ]);
    const pinnedText = async (region: Locator) => ((await region.count()) === 0 ? '' : ((await region.locator('.comment-text').textContent()) ?? ''));
    await expect
      .poll(async () => {
        const [host, moderator] = [await pinnedText(hostPinned), await pinnedText(consolePinned)];
        return host === moderator && /What sizes are there\?|Is the red one back\?/.test(host) ? host : `host "${host}", console "${moderator}"`;
      }, { message: 'the host and the console settle on the same pinned comment' })
      .toMatch(/^(What sizes are there\?|Is the red one back\?)$/);
    const settled = await pinnedText(hostPinned);
    // The last pin is the room's: both rows of it say pinned, and the activity names both people.
    await expect(commentRow(page, settled).getByRole('button', { name: 'Unpin' })).toBeVisible();
    await expect(commentRow(consolePage, settled).getByRole('button', { name: 'Unpin' })).toBeVisible();
    await expect(activity).toContainText("Host pinned Bo's comment");
    await expect(activity.getByRole('listitem').filter({ hasText: "Lin (moderator) pinned Bo's comment" })).toHaveCount(1);

    // The console's own socket may not do the host's things.
    await expect(callCore(consolePage, consoleOrigin, 'goLive')).rejects.toThrow(/Only the host can do that \(goLive\)/);
    await expect(callCore(consolePage, consoleOrigin, 'updateSettings', { panelTab: 'orders' })).rejects.toThrow(/Only the host can do that \(updateSettings\)/);
    expect((await callCore<{ panelTab: string }>(page, studio.origin, 'getSettings')).panelTab).not.toBe('orders');

    // Revoked: the console says so and keeps no controls.
    await panelTab(page, 'Staff').click();
    await page.getByRole('list', { name: 'Staff' }).getByRole('button', { name: 'Revoke Lin' }).click();
    await page.getByRole('group', { name: /^Revoke Lin \(moderator\)\?/ }).getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Staff' })).toHaveCount(0);
    await expect(consolePage.getByRole('alert')).toContainText("This console's pairing was revoked");
    await expect(consolePage.getByRole('tablist')).toHaveCount(0);
    await expect(consolePage.getByRole('button')).toHaveCount(0);
    // And its cookie opens nothing any more.
    await consolePage.reload();
    await expect(consolePage.getByRole('button', { name: 'Continue' })).toBeVisible();
    await expect(consolePage.getByRole('tablist')).toHaveCount(0);

    // A code revoked before it is used: its card goes with it, and its link pairs nobody.
    await addStaff.getByLabel('Name').fill('Kai');
    await addStaff.getByRole('button', { name: 'Add staff' }).click();
    const kaiHref = (await page.getByRole('region', { name: 'Pairing for Kai' }).getByRole('link').getAttribute('href')) ?? '';
    await page.getByRole('button', { name: 'Revoke Kai' }).click();
    await page.getByRole('group', { name: /^Revoke Kai/ }).getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Pairing for Kai' })).toHaveCount(0);
    await expect(addStaff).toBeVisible();
    await consolePage.goto(kaiHref);
    await expect(consolePage.getByRole('alert')).toContainText('That code was cancelled by the host');
    await expect(consolePage.getByRole('button', { name: /^Pair this/ })).toHaveCount(0);
  } finally {
    for (const viewer of viewers) viewer.close();
    await consoleContext.close();
  }
  expect(consoleErrors).toEqual([]);
  // The console's socket closed by the revocation and the reload's 401 are the refusals asked for.
  expect(otherPageErrors.filter((error) => !/401 \(Unauthorized\)/.test(error))).toEqual([]);
});
