import { expect, test } from '@playwright/test';
import { openViewerPage } from './viewer.page';
import { studioSession } from './studioProcess';

const { consoleErrors, open } = studioSession();

test('a viewer comment reaches the live panel as text; pin and unpin by button and by key; filters', async ({ page, browser }) => {
  await open(page);
  const tabs = page.getByRole('tablist', { name: 'Live panel' });
  for (const name of ['Comments', 'Orders', 'Products', 'Staff']) await expect(tabs.getByRole('tab', { name })).toBeVisible();
  const list = page.getByRole('list', { name: 'Comments' });
  await expect(list).toBeVisible();

  const watchUrl = new URL((await page.getByTestId('watch-url').textContent()) ?? '');
  const viewerContext = await browser.newContext();
  const viewer = await openViewerPage(await viewerContext.newPage(), watchUrl.origin, 'shop');
  await viewer.joined();
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
  await viewerContext.close();
  expect(consoleErrors.filter((error) => !/did not answer|getCatalogue|getStaff|whoAmI/.test(error))).toEqual([]);
});

test('the panel fits the smallest window: tabs, empty states and every control named', async ({ page }) => {
  await open(page);
  const tabs = page.getByRole('tablist', { name: 'Live panel' });
  await tabs.getByRole('tab', { name: 'Orders' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('No orders yet');
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Products' })).toBeFocused();
  await expect(page.getByRole('tabpanel')).toContainText('No products yet');
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
});
