import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { callCore } from '../testing/coreCall';
import type { LiveSession } from '../contract/schemas/live.std';
import { studioSession } from './studioProcess';

const { consoleErrors, open } = studioSession();
const KEY = 'e2e-secret-key-7d1f9c';

test('adds a destination whose key is saved, never shown, survives a reload, and removes it', async ({ page }) => {
  const studio = await open(page);
  await page.getByRole('button', { name: 'Destinations' }).click();
  const dialog = page.getByRole('dialog', { name: 'Destinations' });
  await expect(dialog.getByText('No RTMP destinations yet.')).toBeVisible();

  await dialog.getByRole('button', { name: 'Add destination' }).click();
  const form = dialog.getByRole('form', { name: 'New destination' });
  await form.getByLabel('Platform').selectOption('twitch');
  await expect(form.getByLabel('Server URL')).toHaveValue('rtmp://live.twitch.tv/app');
  await form.getByLabel('Name').fill('My Twitch');
  // A whole push address pasted into Server URL: pointed out, and split on request.
  await form.getByLabel('Server URL').fill(`rtmp://live.twitch.tv/app/${KEY}`);
  await form.getByRole('button', { name: 'Move the stream key to its own field' }).click();
  await expect(form.getByLabel('Server URL')).toHaveValue('rtmp://live.twitch.tv/app');
  await expect(form.getByLabel('Stream key')).toHaveValue(KEY);
  await expect(form.getByLabel('Stream key')).toHaveAttribute('type', 'password');
  await form.getByRole('button', { name: 'Add' }).click();

  const list = dialog.getByRole('list', { name: 'RTMP destinations' });
  await expect(list.getByText('Twitch · key saved')).toBeVisible();
  await expect(list.getByRole('checkbox', { name: 'Send the show to My Twitch' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Close' }).click();
  // Your live room and My Twitch.
  await expect(page.getByRole('button', { name: /Destinations · 2 on/ })).toBeVisible();

  // The key is on disk only sealed, and the page never held it after saving.
  const onDisk = await readFile(path.join(studio.dataDir, 'destinations.json'), 'utf8');
  expect(onDisk).not.toContain(KEY);
  expect(onDisk).toContain('My Twitch');

  await page.reload();
  await page.getByRole('button', { name: /Destinations/ }).click();
  await expect(list.getByText('Twitch · key saved')).toBeVisible();
  await list.getByRole('checkbox', { name: 'Send the show to My Twitch' }).uncheck();
  await expect(page.getByRole('button', { name: /Destinations · 1 on/ })).toBeAttached();
  await list.getByRole('button', { name: 'Edit My Twitch' }).click();
  const edit = dialog.getByRole('form', { name: 'Edit My Twitch' });
  await expect(edit.getByLabel('Stream key')).toHaveValue('');
  await expect(edit.getByText('Saved (stored encrypted).')).toBeVisible();
  expect(await page.content()).not.toContain(KEY);
  await edit.getByRole('button', { name: 'Cancel' }).click();

  await list.getByRole('button', { name: 'Remove My Twitch' }).click();
  await dialog.getByRole('group', { name: 'Remove My Twitch?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(dialog.getByText('No RTMP destinations yet.')).toBeVisible();
  expect(JSON.parse(await readFile(path.join(studio.dataDir, 'destinations.json'), 'utf8'))).toMatchObject({ destinations: [] });
  expect(consoleErrors).toEqual([]);
});

test('your live room is a destination you can switch off: the pre-flight says so, and a show goes live without it', async ({ page }) => {
  test.setTimeout(60_000);
  const studio = await open(page);
  await page.getByRole('button', { name: 'Destinations' }).click();
  const dialog = page.getByRole('dialog', { name: 'Destinations' });
  const ownRoom = dialog.getByRole('checkbox', { name: 'Send the show to your live room' });
  await expect(ownRoom).toBeChecked();
  await ownRoom.uncheck();
  await expect(dialog.getByText('Off: viewers who open your page will not see the show')).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/destinations-room-off.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Destinations', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Live room' })).toContainText('Off in Destinations');

  // Saved: after a reload it is still off.
  await page.reload();
  await page.getByRole('button', { name: 'Destinations', exact: true }).click();
  await expect(ownRoom).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // With nothing else on, the pre-flight has nowhere to send the show.
  await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS [1-9]/, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Go Live' }).click();
  const preflight = page.getByRole('dialog', { name: /go live/ });
  await expect(preflight).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 });
  const checks = preflight.getByRole('list', { name: 'Pre-flight checks' });
  await expect(checks).toContainText('Your live room: off');
  await expect(checks.getByRole('listitem').filter({ hasText: 'Nowhere to send the show' })).toHaveClass(/check-failed/);
  await expect(preflight.getByRole('button', { name: /^Start the show/ })).toHaveCount(0);
  await preflight.getByRole('button', { name: 'Close' }).click();

  // Live anyway (the recording alone): the room gets no broadcaster.
  await callCore(page, studio.origin, 'goLive');
  try {
    const session = () => callCore<LiveSession>(page, studio.origin, 'getLiveSession');
    await expect.poll(async () => (await session()).state, { timeout: 20_000 }).toBe('live');
    expect((await session()).destinations.map((destination) => destination.kind)).toEqual(['recording']);
  } finally {
    await callCore(page, studio.origin, 'endLive');
  }
  expect(consoleErrors).toEqual([]);
});
