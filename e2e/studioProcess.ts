import { test, type Page } from './fixtures';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnStudio, type SpawnedStudio } from '../testing/spawnStudio.node';

export type StudioProcess = SpawnedStudio & { dataDir: string };

export const tempDataDir = () => mkdtemp(path.join(os.tmpdir(), 'shopcast-e2e-'));

/** The built `npm run studio` entry with its own data folder. */
export async function startStudio(dataDir: string): Promise<StudioProcess> {
  return { ...(await spawnStudio('dist/main/studio.node.js', dataDir)), dataDir };
}

/**
 * Registers, in the calling spec file, the hooks every studio test needs: the page's console
 * errors collected (cleared before each test), and every studio opened stopped after it.
 */
export function studioSession(): { consoleErrors: string[]; open(page: Page, dataDir?: string): Promise<StudioProcess> } {
  const consoleErrors: string[] = [];
  const opened: StudioProcess[] = [];
  test.beforeEach(({ page }) => {
    consoleErrors.length = 0;
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });
  test.afterEach(async () => {
    for (const studio of opened.splice(0)) await studio.stop();
  });
  return {
    consoleErrors,
    async open(page, dataDir) {
      const studio = await startStudio(dataDir ?? (await tempDataDir()));
      opened.push(studio);
      await page.goto(studio.url);
      return studio;
    },
  };
}
