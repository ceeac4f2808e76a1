import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
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
  await expect(page.getByRole('button', { name: /Destinations · 1 on/ })).toBeVisible();

  // The key is on disk only sealed, and the page never held it after saving.
  const onDisk = await readFile(path.join(studio.dataDir, 'destinations.json'), 'utf8');
  expect(onDisk).not.toContain(KEY);
  expect(onDisk).toContain('My Twitch');

  await page.reload();
  await page.getByRole('button', { name: /Destinations/ }).click();
  await expect(list.getByText('Twitch · key saved')).toBeVisible();
  await list.getByRole('checkbox', { name: 'Send the show to My Twitch' }).uncheck();
  await expect(page.getByRole('button', { name: 'Destinations', exact: true })).toBeAttached();
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
