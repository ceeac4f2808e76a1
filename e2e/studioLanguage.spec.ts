import { mkdir } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { studioSession } from './studioProcess';

const { open } = studioSession();

test('the studio speaks Chinese to a Chinese browser, switches to English, and remembers it after a reload', async ({ browser }) => {
  await mkdir('/tmp/shots', { recursive: true });
  // Playwright's locale is what a person's Chromium in Chinese gives: navigator.languages and Accept-Language.
  const chinese = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  try {
    const page = await chinese.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await open(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    // The top bar and the status bar.
    const header = page.locator('header.studio-header');
    await expect(header.getByRole('button', { name: '直播回放' })).toBeVisible();
    await expect(header.getByRole('button', { name: /^推流平台/ })).toBeVisible();
    await expect(header.getByRole('combobox', { name: '输出' })).toBeVisible();
    await expect(page.getByRole('status', { name: '状态' })).toHaveText('未开播');

    // The comments tab, with the first-show checklist above its empty list.
    await expect(page.getByRole('tab', { name: '评论' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('list', { name: '评论' })).toContainText('还没有评论。开播后，观众的评论会出现在这里。');
    await expect(page.getByRole('heading', { name: '你的第一场直播' })).toBeVisible();
    await expect(page.getByRole('group', { name: '显示评论' }).getByRole('button', { name: '提问' })).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/studio-zh-CN.png' });

    // The Products tab and the product form, its checks in Chinese too (the money check is the scenes form's).
    await page.getByRole('tab', { name: '商品' }).click();
    await expect(page.getByRole('region', { name: '正在讲解' })).toContainText('没有在讲解的商品。');
    await expect(page.getByRole('heading', { name: '商品顺序' })).toBeVisible();
    await page.getByRole('button', { name: '添加商品' }).click();
    const productForm = page.getByRole('form', { name: '添加商品' });
    await productForm.getByRole('textbox', { name: '售价' }).fill('abc');
    await productForm.getByRole('button', { name: '添加商品' }).click();
    await expect(productForm.getByRole('textbox', { name: '商品名称' })).toHaveAccessibleDescription('请填写商品名称。');
    await expect(productForm.getByRole('textbox', { name: '售价' })).toHaveAccessibleDescription('售价不是有效金额（请按 1299、1,299.00 或 ¥1,299 这样填写）。');
    await productForm.getByRole('button', { name: '添加规格' }).click();
    await expect(productForm.getByRole('group', { name: '规格（尺码、颜色）' }).getByRole('textbox', { name: '规格 1', exact: true })).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/studio-zh-CN-product-form.png' });
    // Saved with a size: the catalogue's row and its stock per size in Chinese.
    await productForm.getByRole('textbox', { name: '商品名称' }).fill('真丝围巾');
    await productForm.getByRole('textbox', { name: '售价' }).fill('199');
    await productForm.getByRole('textbox', { name: '规格 1', exact: true }).fill('L');
    await productForm.getByRole('textbox', { name: /^库存 ?（规格 1）$/ }).fill('3');
    await productForm.getByRole('button', { name: '添加商品' }).click();
    const row = page.getByRole('list', { name: '商品' }).getByRole('listitem', { name: '真丝围巾' });
    await expect(row).toContainText('库存 3');
    await expect(row.getByRole('button', { name: '编辑真丝围巾' })).toBeVisible();
    await expect(page.getByRole('button', { name: '添加商品' })).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/studio-zh-CN-products.png' });
    await page.getByRole('tab', { name: '评论' }).click();

    // Go Live's pre-flight: the page's rows and the core's, in Chinese.
    await expect(page.getByRole('status', { name: '帧率' })).toHaveText(/帧率 [1-9]/, { timeout: 15_000 });
    await header.getByRole('button', { name: '开播' }).click();
    const preflight = page.getByRole('dialog', { name: /^(可以开播了|还不能开播)$/ });
    await expect(preflight).toBeVisible({ timeout: 30_000 });
    const checks = preflight.getByRole('list', { name: '开播前检查' });
    await expect(checks).toContainText('视频编码器就绪');
    await expect(checks).toContainText(/画面(流畅|略有波动|太卡)/);
    await expect(checks).toContainText(/直播间：/);
    await expect(preflight.getByRole('button', { name: '重新检查' })).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/studio-zh-CN-preflight.png' });
    await preflight.getByRole('button', { name: '关闭' }).click();

    // One tap to English, kept on this device.
    await header.getByRole('button', { name: /Switch to English/ }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(header.getByRole('button', { name: 'Go Live' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Comments' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Go Live' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('status', { name: 'State' })).toHaveText('Offline');
    await expect(page.getByRole('list', { name: 'Comments' })).toContainText('No comments yet.');
    await expect(page.getByRole('button', { name: /切换到中文/ })).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/studio-en.png' });
    expect(errors).toEqual([]);
  } finally {
    await chinese.close();
  }
});
