import { chooseFile, expect, test, type Page } from './fixtures';
import type { SceneCollection } from '../contract/schemas/scene.std';
import { studioSession, tempDataDir, type StudioProcess } from './studioProcess';

// The scenes column against the real core: every change is checked to have reached the core (its
// `scenes` event, sent once the save is on disk) and then read back through the UI after a reload
// or a restart.

let studio: StudioProcess | undefined;
const { consoleErrors, open } = studioSession();
/** The collection the core last announced (its `scenes` event, sent once a save is on disk). */
let coreScenes: SceneCollection | undefined;

test.beforeEach(async ({ page }) => {
  coreScenes = undefined;
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).pathname !== '/api') return;
    socket.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { event?: string; payload?: SceneCollection };
      if (frame.event === 'scenes' && frame.payload) coreScenes = frame.payload;
    });
  });
});

test.afterEach(() => {
  expect(consoleErrors).toEqual([]);
  studio = undefined;
});

async function openStudio(page: Page, dataDir?: string): Promise<void> {
  studio = await open(page, dataDir);
  await expect(sceneButton(page, 'Camera')).toBeVisible();
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await expect(page.getByRole('list', { name: 'Scenes' })).toBeVisible();
}

/**
 * Waits until what the core last saved passes the check: main/core/createCore.node.ts announces
 * `scenes` after the atomic write, so by then the change is on disk. (Edits are saved coalesced,
 * so only the latest announcement counts.)
 */
async function savedByCore(check: (collection: SceneCollection) => boolean): Promise<void> {
  await expect.poll(() => coreScenes !== undefined && check(coreScenes), { message: 'the core saved the change', timeout: 10_000 }).toBe(true);
}

const activeOf = (collection: SceneCollection) => collection.scenes.find((scene) => scene.id === collection.activeSceneId);

const scenesList = (page: Page) => page.getByRole('list', { name: 'Scenes' });
const sceneButton = (page: Page, name: string) => scenesList(page).getByRole('button', { name, exact: true });
const sourcesList = (page: Page) => page.getByRole('list', { name: 'Sources' });
const sourceButton = (page: Page, name: string) => sourcesList(page).getByRole('button', { name, exact: true });
const properties = (page: Page) => page.getByRole('region', { name: /^Properties/ });

async function addMenuItem(page: Page, menu: 'Add scene' | 'Add source', item: string): Promise<void> {
  await page.getByRole('button', { name: menu }).click();
  await page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: item }).click();
}

/** The sources list's names, top-most first. */
async function sourceNames(page: Page): Promise<string[]> {
  return sourcesList(page).locator('.source-name').allTextContents();
}

test('lists the preset scenes; switching puts a scene on the program and survives a reload and a restart', async ({ page }) => {
  const dataDir = await tempDataDir();
  await openStudio(page, dataDir);
  const column = page.getByRole('navigation', { name: 'Scenes and sources' });
  await expect(scenesList(page).locator('.scene-name')).toHaveText(['Camera', 'Product close-up', 'Screen + camera corner', 'Side by side']);
  await expect(sceneButton(page, 'Camera')).toHaveAttribute('aria-current', 'true');

  await sceneButton(page, 'Side by side').click();
  await expect(sceneButton(page, 'Side by side')).toHaveAttribute('aria-current', 'true');
  await expect(sceneButton(page, 'Camera')).not.toHaveAttribute('aria-current', 'true');
  // The scene's sources, top-most first.
  await expect.poll(() => sourceNames(page)).toEqual(['Screen', 'Camera']);
  await savedByCore((collection) => activeOf(collection)?.name === 'Side by side');

  await reload(page);
  await expect(sceneButton(page, 'Side by side')).toHaveAttribute('aria-current', 'true');

  await studio?.stop();
  await openStudio(page, dataDir);
  await expect(sceneButton(page, 'Side by side')).toHaveAttribute('aria-current', 'true');

  // Every control in the column has a name, and the studio still fits the smallest window.
  for (const control of await column.locator('button:visible, select:visible, input:visible, textarea:visible').all()) {
    await expect(control).toHaveAccessibleName(/\S/);
  }
  const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
  expect(size.width).toBeLessThanOrEqual(1280);
  expect(size.height).toBeLessThanOrEqual(720);
});

test('builds a custom scene: add it, add and edit a text, rename it, remove it', async ({ page }) => {
  await openStudio(page);
  await addMenuItem(page, 'Add scene', 'Custom scene');
  await expect(sceneButton(page, 'Custom scene')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByText('This scene is empty.')).toBeVisible();

  await addMenuItem(page, 'Add source', 'Text');
  await expect(sourceButton(page, 'Text')).toHaveAttribute('aria-pressed', 'true');
  const form = page.getByRole('group', { name: 'Text properties' });
  await form.getByRole('textbox', { name: 'Text', exact: true }).fill('Flash sale: 20% off');

  // An invalid value says why and is not applied; a valid one is.
  const fontSize = form.getByRole('textbox', { name: /^Font size/ });
  await fontSize.fill('500');
  await expect(form.getByRole('alert')).toHaveText('Font size must be at most 200.');
  await expect(fontSize).toHaveAttribute('aria-invalid', 'true');
  await fontSize.fill('48');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await savedByCore((collection) => {
    const text = activeOf(collection)?.sources.find((source) => source.kind === 'text');
    return text?.kind === 'text' && text.text === 'Flash sale: 20% off' && text.fontSize === 48;
  });

  await reload(page);
  await sourceButton(page, 'Text').click();
  await expect(page.getByRole('group', { name: 'Text properties' }).getByRole('textbox', { name: 'Text', exact: true })).toHaveValue('Flash sale: 20% off');
  await expect(page.getByRole('group', { name: 'Text properties' }).getByRole('textbox', { name: /^Font size/ })).toHaveValue('48');

  // Rename from the keyboard: F2 on the scene, type, Enter.
  await sceneButton(page, 'Custom scene').focus();
  await page.keyboard.press('F2');
  const nameField = scenesList(page).getByRole('textbox', { name: 'New name for Custom scene' });
  await expect(nameField).toBeFocused();
  await nameField.fill('Flash sale');
  await nameField.press('Enter');
  await expect(sceneButton(page, 'Flash sale')).toBeFocused();

  // Remove asks first; the program moves to a neighbour.
  await scenesList(page).getByRole('button', { name: 'Remove Flash sale' }).click();
  const confirm = scenesList(page).getByRole('group', { name: 'Remove Flash sale?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(sceneButton(page, 'Flash sale')).toHaveCount(0);
  await expect(sceneButton(page, 'Side by side')).toHaveAttribute('aria-current', 'true');
  await savedByCore((collection) => collection.scenes.length === 4 && collection.scenes.every((scene) => scene.name !== 'Flash sale'));
  await reload(page);
  await expect(scenesList(page).locator('.scene-name')).toHaveText(['Camera', 'Product close-up', 'Screen + camera corner', 'Side by side']);
});

test('hides, shows and reorders sources, from the keyboard too', async ({ page }) => {
  await openStudio(page);
  await sceneButton(page, 'Product close-up').click();
  await expect.poll(() => sourceNames(page)).toEqual(['Card: Your product', 'Camera']);

  await sourcesList(page).getByRole('button', { name: 'Hide Camera' }).click();
  const show = sourcesList(page).getByRole('button', { name: 'Show Camera' });
  await expect(show).toHaveAttribute('aria-pressed', 'false');
  await expect(show).toBeFocused();
  await savedByCore((collection) => activeOf(collection)?.sources.find((source) => source.kind === 'camera')?.visible === false);
  await page.keyboard.press('Enter');
  await expect(sourcesList(page).getByRole('button', { name: 'Hide Camera' })).toHaveAttribute('aria-pressed', 'true');

  // Camera to the top: focus stays on the row's buttons (Move up is now disabled, so Move down).
  await sourcesList(page).getByRole('button', { name: 'Move Camera up' }).click();
  await expect.poll(() => sourceNames(page)).toEqual(['Camera', 'Card: Your product']);
  await expect(sourcesList(page).getByRole('button', { name: 'Move Camera up' })).toBeDisabled();
  await expect(sourcesList(page).getByRole('button', { name: 'Move Camera down' })).toBeFocused();
  await savedByCore((collection) => activeOf(collection)?.sources.map((source) => source.kind).join() === 'productCard,camera');
  await reload(page);
  await expect(sceneButton(page, 'Product close-up')).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => sourceNames(page)).toEqual(['Camera', 'Card: Your product']);

  // And scenes reorder the same way.
  await scenesList(page).getByRole('button', { name: 'Move Side by side up' }).click();
  await expect(scenesList(page).locator('.scene-name')).toHaveText(['Camera', 'Product close-up', 'Side by side', 'Screen + camera corner']);
  await expect(scenesList(page).getByRole('button', { name: 'Move Side by side up' })).toBeFocused();
});

test('shows each capture’s state, shares the screen from a click, and mirrors only the self-view', async ({ page }) => {
  await openStudio(page);
  await sceneButton(page, 'Side by side').click();
  const rows = sourcesList(page).getByRole('listitem');
  const cameraRow = rows.filter({ has: page.getByRole('button', { name: 'Camera', exact: true }) });
  const screenRow = rows.filter({ has: page.getByRole('button', { name: 'Screen', exact: true }) });
  // Chromium's fake camera starts by itself; a screen waits for the merchant's click.
  await expect(cameraRow).toContainText('Live');
  await expect(screenRow).toContainText('Press "Share screen"');
  await screenRow.getByRole('button', { name: 'Share screen' }).click();
  await expect(screenRow).toContainText('Live');
  await expect(screenRow.getByRole('button', { name: 'Share screen' })).toHaveCount(0);

  await sourceButton(page, 'Camera').click();
  const form = page.getByRole('group', { name: 'Camera properties' });
  await expect(form.getByLabel('Camera self-view (mirrored)')).toBeVisible();
  await expect(form.getByRole('combobox', { name: 'Camera device' })).toHaveValue('');
  await expect(form.getByText('viewers always see the true picture')).toBeVisible();
  await form.getByRole('checkbox', { name: 'Mirror my preview' }).uncheck();
  await expect(form.getByLabel('Camera self-view', { exact: true })).toBeVisible();
  await form.getByRole('combobox', { name: 'Resolution' }).selectOption('640x360');
  await form.getByRole('combobox', { name: 'Frame rate' }).selectOption('15');
  await savedByCore((collection) => {
    const camera = activeOf(collection)?.sources.find((source) => source.kind === 'camera');
    return camera?.kind === 'camera' && !camera.mirrorPreview && camera.captureWidth === 640 && camera.captureHeight === 360 && camera.captureFps === 15;
  });
  // The new format is a new capture: it starts again by itself.
  await expect(cameraRow).toContainText('Live');
});

// A 1×1 transparent PNG.
const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test('an oversized or broken picture is refused with the reason and changes nothing', async ({ page }) => {
  await openStudio(page);
  await sceneButton(page, 'Product close-up').click();
  await sourceButton(page, 'Card: Your product').click();
  const form = page.getByRole('group', { name: 'Product card properties' });
  await expect(form.getByText('No photo yet.')).toBeVisible();

  await chooseFile(form.getByLabel('Photo', { exact: true }), { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(3 * 1024 * 1024, 1) });
  await expect(form.getByRole('alert')).toHaveText('“huge.png” is 3.0 MB: images can be at most 2 MB. Make it smaller and try again.');
  await expect(form.getByText('No photo yet.')).toBeVisible();
  await expect(form.getByRole('img')).toHaveCount(0);

  await chooseFile(form.getByLabel('Photo', { exact: true }), { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
  await expect(form.getByRole('alert')).toHaveText('“notes.png” is not a readable image.');
  await expect(form.getByRole('img')).toHaveCount(0);

  // A new image source: the picture is chosen first, and a refused one adds nothing.
  let chooser = page.waitForEvent('filechooser');
  await addMenuItem(page, 'Add source', 'Image…');
  await (await chooser).setFiles({ name: 'poster.webp', mimeType: 'image/webp', buffer: Buffer.alloc(2 * 1024 * 1024 + 1) });
  await expect(page.getByRole('region', { name: 'Sources' }).getByRole('alert')).toContainText('“poster.webp” is 2.0 MB: images can be at most 2 MB.');
  await expect.poll(() => sourceNames(page)).toEqual(['Card: Your product', 'Camera']);

  chooser = page.waitForEvent('filechooser');
  await addMenuItem(page, 'Add source', 'Image…');
  await (await chooser).setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: tinyPng });
  await expect(sourceButton(page, 'Image')).toHaveAttribute('aria-pressed', 'true');
  await expect(properties(page).getByRole('img', { name: 'Image: the current picture' })).toBeVisible();
  await savedByCore((collection) => activeOf(collection)?.sources.some((source) => source.kind === 'image') === true);
});

test('drags the selected source in the preview, snaps it, and nudges it with the arrow keys', async ({ page }) => {
  await openStudio(page);
  await addMenuItem(page, 'Add scene', 'Custom scene');
  await addMenuItem(page, 'Add source', 'Text');
  const form = () => page.getByRole('group', { name: 'Text properties' });
  const field = (name: string) => form().getByRole('textbox', { name });
  await expect(field('X (%)')).toHaveValue('5');
  await expect(field('Y (%)')).toHaveValue('6');

  const overlay = page.getByRole('group', { name: 'Arrange sources' });
  const frame = overlay.getByRole('button', { name: 'Text: drag to move' });
  await expect(frame).toHaveAttribute('aria-pressed', 'true');
  const [box, area] = [await frame.boundingBox(), await overlay.boundingBox()];
  if (!box || !area) throw new Error('the overlay is not laid out');

  // Drag the text by a quarter of the picture's width and a fifth of its height.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + area.width * 0.25, box.y + box.height / 2 + area.height * 0.2, { steps: 8 });
  await page.mouse.up();
  // Pointer moves render at React's continuous priority: the fields catch up a moment later.
  const percentIn = (name: string) => async () => Number(await field(name).inputValue());
  await expect.poll(percentIn('X (%)')).toBeGreaterThan(25);
  await expect.poll(percentIn('Y (%)')).toBeGreaterThan(20);
  await savedByCore((collection) => {
    const text = activeOf(collection)?.sources.find((source) => source.kind === 'text');
    return text !== undefined && text.rect.x > 0.25 && text.rect.y > 0.2;
  });
  const y = await percentIn('Y (%)')();

  // Dropped within 1 % of the output's left edge, it snaps to it.
  const again = await frame.boundingBox();
  if (!again) throw new Error('the frame is gone');
  const centre = { x: again.x + again.width / 2, y: again.y + again.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  await page.mouse.move(centre.x + (area.x + area.width * 0.004 - again.x), centre.y, { steps: 8 });
  await page.mouse.up();
  await expect(field('X (%)')).toHaveValue('0');

  // Escape during a drag puts the source back.
  const before = await frame.boundingBox();
  if (!before) throw new Error('the frame is gone');
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 80, before.y + before.height / 2 + 40, { steps: 4 });
  await expect(field('X (%)')).not.toHaveValue('0');
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(field('X (%)')).toHaveValue('0');

  // Arrow keys nudge by 1 % of the output, Shift by 5 %.
  await frame.focus();
  await page.keyboard.press('ArrowRight');
  await expect(field('X (%)')).toHaveValue('1');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(field('Y (%)')).toHaveValue(String(Math.round((y + 5) * 100) / 100));

  // A resize from the bottom-right handle.
  const handle = overlay.locator('[data-handle="se"]');
  const handleBox = await handle.boundingBox();
  if (!handleBox) throw new Error('no resize handle');
  await page.mouse.move(handleBox.x + 5, handleBox.y + 5);
  await page.mouse.down();
  await page.mouse.move(handleBox.x + 5 + area.width * 0.1, handleBox.y + 5, { steps: 5 });
  await page.mouse.up();
  await expect.poll(percentIn('Width (%)')).toBeGreaterThan(55);
  const textRect = (collection: SceneCollection) => activeOf(collection)?.sources.find((source) => source.kind === 'text')?.rect;
  await savedByCore((collection) => (textRect(collection)?.width ?? 0) > 0.55);

  // What the core saved last is what the form shows, and what a fresh page shows.
  const saved = { x: await field('X (%)').inputValue(), width: await field('Width (%)').inputValue() };
  await savedByCore((collection) => {
    const rect = textRect(collection);
    return rect !== undefined && Math.abs(rect.x * 100 - Number(saved.x)) < 1e-6 && Math.abs(rect.width * 100 - Number(saved.width)) < 1e-6;
  });
  await reload(page);
  await sourceButton(page, 'Text').click();
  await expect(field('X (%)')).toHaveValue(saved.x);
  await expect(field('Width (%)')).toHaveValue(saved.width);
});
