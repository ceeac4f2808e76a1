import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { expect, test, type Browser, type Page } from './fixtures';
import type { Catalogue } from '../contract/schemas/catalogue.std';
import { chromiumPath } from '../playwright.config';
import { callCore } from '../testing/coreCall';
import { studioSession } from './studioProcess';
import { openViewerPage, type ViewerPage } from './viewer.page';

/** The order number in the Buy sheet's "Order received: K7M-4QX". */
function numberIn(confirmation: string): string {
  const number = /^Order received: ([0-9A-Z]{3}-[0-9A-Z]{3})$/.exec(confirmation)?.[1];
  if (!number) throw new Error(`no order number in "${confirmation}"`);
  return number;
}

// Orders out of the studio, with real peers: the built studio process and its room, a viewer's
// page placing orders, a real HTTP server as the shop's system receiving the webhook (and
// failing), and the CSV downloaded by the studio page in Chromium, its bytes checked.

test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

const { consoleErrors, open } = studioSession();
const secret = 'e2e-shop-secret-0123456789';

/** The shop's system: answers 204 (or 500 while `failing`), keeping each body it accepted. */
async function startShopSystem() {
  const received: { type: string; order: { id: string; number: string; buyer: string; product: string; status: string } }[] = [];
  const state = { failing: false };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (state.failing) return void response.writeHead(500).end();
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof received)[number]);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/orders`, received, state, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function newViewer(browser: Browser, page: Page): Promise<ViewerPage> {
  const watchUrl = new URL((await page.getByTestId('watch-url').textContent()) ?? '');
  const context = await browser.newContext({ viewport: { width: 400, height: 800 } });
  const viewer = await openViewerPage(await context.newPage(), `http://127.0.0.1:${watchUrl.port}`, 'shop');
  await viewer.joined();
  return viewer;
}

test('orders go to the shop system by webhook, a failing endpoint shows in the panel, and the CSV downloads with BOM and Chinese text', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const shop = await startShopSystem();
  const studio = await open(page);
  const catalogue = await callCore<Catalogue>(page, studio.origin, 'saveProduct', { name: '真丝围巾 Silk scarf', priceMinor: 19_900, listPriceMinor: null, currency: 'CNY', stock: 10, photo: null });
  const productId = catalogue.products[0]?.id ?? '';
  await callCore(page, studio.origin, 'panelAction', { kind: 'promoteProduct', productId });

  // The webhook, set up in the Orders tab.
  await page.getByRole('tablist', { name: 'Live panel' }).getByRole('tab', { name: 'Orders' }).click();
  const fulfilment = page.getByRole('region', { name: 'Orders for fulfilment' });
  await expect(fulfilment.getByRole('status')).toHaveText(/not sent to a shop system/);
  await fulfilment.getByRole('button', { name: 'Set up webhook…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send orders to your shop system' });
  await dialog.getByLabel('Webhook address').fill(shop.url);
  await dialog.getByLabel(/^Shared secret/).fill('too short');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The secret needs at least 16 characters.');
  // The refusal goes once the field is changed; a made secret is shown so it can be copied.
  await dialog.getByRole('button', { name: 'Make a secret' }).click();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByLabel(/^Shared secret/)).toHaveAttribute('type', 'text');
  await expect(dialog.getByLabel(/^Shared secret/)).toHaveValue(/^[\w-]{32}$/);
  await page.screenshot({ path: '/tmp/shots/orders-webhook-dialog.png' });
  await dialog.getByLabel(/^Shared secret/).fill(secret);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  const host = new URL(shop.url).host;
  await expect(fulfilment.getByRole('status')).toHaveText(`Orders go to ${host} as they come.`);
  // The secret is sealed and never comes back: not in the core's answer, not in the form.
  expect(JSON.stringify(await callCore(page, studio.origin, 'getOrderWebhook'))).not.toContain(secret);
  await fulfilment.getByRole('button', { name: 'Webhook settings…' }).click();
  await expect(dialog.getByLabel(/^Shared secret/)).toHaveValue('');
  await expect(dialog.getByLabel(/^Shared secret/)).toHaveAttribute('placeholder', 'saved — type a new secret to replace it');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  // A viewer orders, with a name a spreadsheet would run as a formula.
  const viewer = await newViewer(browser, page);
  const first = numberIn(await viewer.order({ name: '=HYPERLINK("http://evil.example","李娜")', phone: '13800138000', quantity: 2 }));
  await expect.poll(() => shop.received.length).toBe(1);
  expect(shop.received[0]).toMatchObject({ type: 'order.created', order: { number: first, product: '真丝围巾 Silk scarf', status: 'new' } });
  expect(shop.received[0]?.order.id).not.toBe(first);
  await expect(fulfilment.getByRole('status')).toContainText('All orders delivered');
  await page.screenshot({ path: '/tmp/shots/orders-webhook-ok.png' });

  // The shop's system fails: the panel says so, and the order waits.
  shop.state.failing = true;
  await viewer.buySheet.getByRole('button', { name: 'Done' }).click();
  const second = numberIn(await viewer.order({ name: 'Bo', phone: '13900139000' }));
  expect(second).not.toBe(first);
  await expect(fulfilment.getByRole('alert')).toContainText(`Orders are not reaching ${host}: HTTP 500 Internal Server Error. 1 order update waiting`);
  await page.screenshot({ path: '/tmp/shots/orders-webhook-failing.png' });
  shop.state.failing = false;
  await expect(fulfilment.getByRole('status')).toContainText('All orders delivered', { timeout: 20_000 });
  expect(shop.received.map((payload) => payload.order.buyer)).toEqual(['=HYPERLINK("http://evil.example","李娜")', 'Bo']);

  // The CSV, as the browser downloads it from the studio.
  const [download] = await Promise.all([page.waitForEvent('download'), fulfilment.getByRole('link', { name: 'Download orders (CSV)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^shopcast-orders-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text).toContain('真丝围巾 Silk scarf');
  expect(text.split('\r\n')).toHaveLength(4);
  const rows = parse(text, { bom: true }) as string[][];
  expect(rows[1]?.slice(1, 10)).toEqual(['\'=HYPERLINK("http://evil.example","李娜")', '13800138000', '真丝围巾 Silk scarf', '', '2', '199.00', '398.00', 'CNY', 'new']);
  expect(rows[2]?.[1]).toBe('Bo');

  // One number per order, the same on the buyer's page, in the Orders tab, the CSV and the activity log.
  expect(rows.slice(1).map((row) => row[0])).toEqual([first, second]);
  const ordersList = page.getByRole('list', { name: 'Orders' });
  const boRow = ordersList.getByRole('listitem', { name: 'Order from Bo' });
  await expect(boRow).toContainText(second);
  await expect(ordersList.getByRole('listitem').filter({ hasText: '李娜' })).toContainText(first);
  await viewer.buySheet.getByRole('button', { name: 'Done' }).click();
  const myOrders = await viewer.openMyOrders();
  await expect(myOrders).toHaveText([new RegExp(`Order ${first}`), new RegExp(`Order ${second}`)]);
  await viewer.page.screenshot({ path: '/tmp/shots/orders-viewer-numbers.png' });
  await boRow.getByRole('button', { name: 'Mark handled' }).click();
  const activity = page.locator('details.activity-log');
  await activity.locator('summary').click();
  await expect(page.getByRole('list', { name: 'Activity' })).toContainText(`marked order ${second} (Bo, 真丝围巾 Silk scarf ×1) handled`);
  await page.screenshot({ path: '/tmp/shots/orders-panel-numbers.png' });

  await viewer.page.context().close();
  await shop.close();
  expect(consoleErrors).toEqual([]);
});
