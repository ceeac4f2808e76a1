import { test as base, type Locator } from '@playwright/test';
import { chromiumPath } from '../playwright.config';
import { launchQuietChromium } from '../testing/quietChromium.node';

export { expect, type Browser, type Locator, type Page } from '@playwright/test';

/**
 * Playwright's test, with a Chromium whose workers no DevTools session records
 * (testing/quietChromium.node.ts): the studio's compositor sends its frames as it would for a
 * merchant, so a test sees the program's real frame rate.
 */
export const test = base.extend({
  browser: [
    async ({ playwright, launchOptions }, use) => {
      const chromium = await launchQuietChromium(playwright.chromium, { executablePath: launchOptions.executablePath ?? chromiumPath, args: launchOptions.args ?? [] });
      await use(chromium.browser);
      await chromium.close();
    },
    { scope: 'worker' },
  ],
});

/** Picks a file the way a merchant does: a click on the picker's button, then the browser's chooser. */
export async function chooseFile(button: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = button.page().waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(file);
}
