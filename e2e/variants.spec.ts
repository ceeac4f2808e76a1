import { expect, test, type Browser, type Page } from './fixtures';
import { studioSession } from './studioProcess';
import { openViewerPage, type ViewerPage } from './viewer.page';

// A product with sizes, end to end: made in the studio's product form, promoted, bought as "L ×2"
// on a phone-sized viewers' page through the Buy sheet, claimed as "要 M 1" in the comments; the
// studio's Orders list and stock say so per size. Screenshots of the Buy sheet in English and
// Chinese at 390×844 in /tmp/shots/variants-*.png.

const { consoleErrors, open } = studioSession();
const phone = { width: 390, height: 844 };

const panelTab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Live panel' }).getByRole('tab', { name });
const productRow = (page: Page, name: string) => page.getByRole('region', { name: 'Catalogue' }).getByRole('list', { name: 'Products' }).getByRole('listitem', { name, exact: true });
const orderRows = (page: Page) => page.getByRole('list', { name: 'Orders' }).getByRole('listitem');

async function phoneViewer(browser: Browser, page: Page, locale: string): Promise<ViewerPage> {
  const watchUrl = new URL((await page.getByTestId('watch-url').textContent()) ?? '');
  const context = await browser.newContext({ viewport: phone, locale, isMobile: true, hasTouch: true });
  const viewer = await openViewerPage(await context.newPage(), `http://127.0.0.1:${watchUrl.port}`, 'shop');
  await viewer.joined();
  return viewer;
}

test('a T-shirt in S/M/L: made in the studio, bought as L ×2 on a phone, claimed as "要 M 1"; orders and stock per size', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await open(page);
  await expect(page.getByRole('status', { name: 'State' })).toHaveText('Offline');

  await panelTab(page, 'Products').click();
  await page.getByRole('region', { name: 'Catalogue' }).getByRole('button', { name: 'Add product' }).click();
  const form = page.getByRole('form', { name: 'Add product' });
  await form.getByLabel('Name').fill('T-shirt');
  await form.getByLabel('Price', { exact: true }).fill('99');
  for (const [index, [label, stock]] of [['S', '5'], ['M', '4'], ['L', '6']].entries()) {
    await form.getByRole('button', { name: 'Add variant' }).click();
    await form.getByLabel(`Variant ${index + 1}`, { exact: true }).fill(label ?? '');
    await form.getByLabel(`Stock of variant ${index + 1}`).fill(stock ?? '');
  }
  // The product's stock is theirs together, not typed.
  await expect(form.getByLabel('Stock', { exact: true })).toHaveValue('15');
  await form.screenshot({ path: '/tmp/shots/variants-product-form.png' });
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(form).toHaveCount(0);
  const row = productRow(page, 'T-shirt');
  await expect(row).toContainText('15 left');
  await expect(row).toContainText('S: 5 · M: 4 · L: 6');

  const viewer = await phoneViewer(browser, page, 'en-US');
  await row.getByRole('button', { name: 'Promote', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Now promoting' })).toContainText('L: 6');
  await expect(viewer.product).toContainText('L: 6 left');

  // The Buy sheet asks for the size; nothing is sent until one is chosen.
  await viewer.product.getByRole('button', { name: 'Buy' }).click();
  const sheet = viewer.buySheet;
  await expect(sheet.getByRole('radiogroup', { name: 'Size / colour' }).or(sheet.getByRole('group', { name: 'Size / colour' }))).toBeVisible();
  await sheet.getByLabel('Your name').fill('Ana');
  await sheet.getByLabel('Phone', { exact: true }).fill('13800138000');
  await sheet.getByRole('button', { name: 'Choose a size or colour first' }).click();
  await expect(sheet.getByRole('alert')).toHaveText('Choose a size or colour.');
  await sheet.getByRole('radio', { name: 'L', exact: true }).check();
  await sheet.getByRole('button', { name: 'One more' }).click();
  await expect(sheet.getByRole('button', { name: /^Order/ })).toHaveText('Order L × 2 · ¥198.00');
  await viewer.page.screenshot({ path: '/tmp/shots/variants-buy-sheet-en.png' });
  await sheet.getByRole('button', { name: /^Order/ }).click();
  await expect(sheet.locator('.sheet-confirmation')).toHaveText(/^Order received: \S+/);
  await sheet.getByRole('button', { name: 'Done' }).click();
  await expect(viewer.product).toContainText('L: 4 left');
  const mine = await viewer.openMyOrders();
  await expect(mine.first()).toContainText('L');
  await expect(mine.first()).toContainText('×2');

  // The studio: the order names its size, and L's stock dropped (S and M untouched).
  await panelTab(page, 'Orders').click();
  const ana = page.getByRole('listitem', { name: 'Order from Ana' });
  await expect(ana).toContainText('2 × T-shirt · L · ¥198.00');
  await panelTab(page, 'Products').click();
  await expect(row).toContainText('S: 5 · M: 4 · L: 4');
  await expect(row).toContainText('13 left');

  // A claim in the comments names its size.
  await viewer.comment('Bo', '要 M 1');
  await panelTab(page, 'Orders').click();
  const bo = page.getByRole('listitem', { name: 'Order from Bo' });
  await expect(bo).toContainText('1 × T-shirt · M');
  await expect(orderRows(page)).toHaveCount(2);
  await panelTab(page, 'Products').click();
  await expect(row).toContainText('S: 5 · M: 3 · L: 4');

  // The same Buy sheet in Chinese, S sold out meanwhile: its chip disabled and marked.
  await page.getByRole('region', { name: 'Catalogue' }).getByRole('button', { name: 'Edit T-shirt' }).click();
  const edit = page.getByRole('form', { name: 'Edit T-shirt' });
  await edit.getByLabel('Stock of variant 1').fill('0');
  await edit.getByRole('button', { name: 'Save product' }).click();
  await expect(edit).toHaveCount(0);
  const chinese = await phoneViewer(browser, page, 'zh-CN');
  // The page object finds the card by its English name; in Chinese it is 正在讲解.
  const card = chinese.page.getByRole('region', { name: '正在讲解' });
  await expect(card).toContainText('S：已售罄');
  await card.getByRole('button', { name: '购买' }).click();
  await expect(chinese.buySheet.getByRole('radio', { name: 'S', exact: true })).toBeDisabled();
  await chinese.buySheet.getByRole('radio', { name: 'M', exact: true }).check();
  await chinese.page.screenshot({ path: '/tmp/shots/variants-buy-sheet-zh.png' });
  await viewer.product.getByRole('button', { name: 'Buy' }).click();
  await expect(viewer.buySheet.getByRole('radio', { name: 'S', exact: true })).toBeDisabled();
  await viewer.page.screenshot({ path: '/tmp/shots/variants-buy-sheet-en-soldout.png' });

  // A claim word naming no size takes nothing: the viewer's page asks which, listing those in stock.
  await viewer.buySheet.getByRole('button', { name: 'Close' }).click();
  await viewer.comment('Ana', '要');
  const unnamed = viewer.myOrders.filter({ hasText: 'Waiting for your size or colour' });
  await expect(unnamed).toHaveCount(1);
  await expect(unnamed).toContainText('Which one? Comment "要 M" — in stock: M or L');
  await viewer.page.screenshot({ path: '/tmp/shots/variants-which-size-en.png' });
  await viewer.comment('Ana', '要 L');
  await expect(viewer.myOrders.filter({ hasText: 'Waiting for your size or colour' })).toHaveCount(0);
  // This page's claims: "要 M 1" earlier, and now L.
  await expect(viewer.myOrders.filter({ hasText: 'Claimed' })).toHaveCount(2);
  await expect(viewer.myOrders.filter({ hasText: 'Claimed' }).last()).toContainText('L');
  await expect(viewer.myOrders.filter({ hasText: 'Cancelled' })).toHaveCount(1);

  // The catalogue itself kept each size's stock (not only the promotion's live copy).
  await page.getByRole('button', { name: 'End promotion' }).click();
  await expect(card).toHaveCount(0);
  await expect(row).toContainText('S: sold out · M: 3 · L: 3');

  await viewer.page.context().close();
  await chinese.page.context().close();
  expect(consoleErrors).toEqual([]);
});
