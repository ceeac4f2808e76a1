import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from './fixtures';
import type { LiveSession } from '../contract/schemas/live.std';
import { startNginxRtmp } from '../testing/nginxRtmp.node';
import { callCore } from '../testing/coreCall';
import { spawnRoom } from '../testing/spawnRoom.node';
import { ROOM_ENTRY } from './roomPeers';
import { studioSession, tempDataDir, type StudioProcess } from './studioProcess';
import { openViewerPage } from './viewer.page';

// Go Live with real peers: the studio in Chromium (fake camera) composes, the core's FFmpeg
// encodes once and fans out to the embedded room's mediasoup SFU and a recording; a viewer page
// in a second tab watches over WebRTC; the recording is probed with ffprobe.

const { consoleErrors, open } = studioSession();

async function liveSession(page: Page, studio: StudioProcess): Promise<LiveSession> {
  return callCore<LiveSession>(page, studio.origin, 'getLiveSession');
}

async function goLive(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS [1-9]/);
  await page.getByRole('button', { name: 'Go Live' }).click();
  // The pre-flight's verdict, then its start button: "Start the show", or "… anyway" when this busy
  // machine's program runs below its frame rate (the pre-flight says so; the pipeline is tested here).
  const dialog = page.getByRole('dialog', { name: /^(Ready|Not ready) to go live/ });
  await dialog.getByRole('button', { name: /^Start the show( anyway)?$/ }).click();
  await expect(page.getByRole('button', { name: 'End Live' })).toBeVisible();
}

function encoderPid(studio: StudioProcess): number {
  const found = execFileSync('pgrep', ['-P', String(studio.process.pid), '-f', 'rawvideo']).toString().trim().split('\n')[0];
  return Number(found);
}

test('Go Live: viewers watch over the room’s SFU, the encoder survives being killed, and the recording plays', async ({ page, context }) => {
  test.setTimeout(120_000);
  const studio = await open(page);
  await goLive(page);
  await expect.poll(async () => (await liveSession(page, studio)).state, { timeout: 20_000 }).toBe('live');
  const watchUrl = (await page.getByTestId('watch-url').textContent()) ?? '';
  // The link names this machine's LAN address; the viewer here opens it as localhost, where
  // headless Chromium identifies itself to mediasoup-client (a phone's browser does so anywhere).
  const viewer = await openViewerPage(await context.newPage(), `http://127.0.0.1:${new URL(watchUrl).port}`, 'shop');
  expect(await viewer.videoFrames(30, 30_000)).toMatchObject({ frameWidth: 1280, frameHeight: 720 });
  const destinations = page.getByRole('list', { name: 'Destinations' });
  await expect(destinations).toContainText('Your live room: live');
  await expect(destinations).toContainText('Recording: live');

  // Kill the encoder: it is back within 3 s, and the viewer's picture goes on.
  const killed = encoderPid(studio);
  const killedAt = Date.now();
  process.kill(killed, 'SIGKILL');
  await expect.poll(async () => (await liveSession(page, studio)).encoderRestarts, { timeout: 5000 }).toBe(1);
  await expect.poll(() => encoderPid(studio), { timeout: 3000 }).not.toBe(killed);
  expect(Date.now() - killedAt).toBeLessThan(3000);
  await expect.poll(async () => (await liveSession(page, studio)).state, { timeout: 10_000 }).toBe('live');
  const before = (await viewer.videoFrames(1)).framesDecoded;
  // The new run's first keyframe (the room resyncs its consumers on it), then a second of frames.
  await expect.poll(async () => (await viewer.videoFrames(1)).framesDecoded, { timeout: 15_000 }).toBeGreaterThan(before + 30);

  await page.getByRole('button', { name: 'End Live' }).click();
  // End Live asks first (endShow.spec.ts covers its choices and the show's results).
  await page.getByRole('dialog', { name: 'End the show?' }).getByRole('button', { name: 'End the show' }).click();
  await expect(page.getByRole('button', { name: 'Go Live' })).toBeVisible({ timeout: 30_000 });
  const session = await liveSession(page, studio);
  expect(session.recordingPath).toMatch(/show\.mp4$/);
  const probe = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', session.recordingPath ?? '']).toString(),
  ) as { format: { duration: string }; streams: { codec_name: string }[] };
  expect(probe.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
  expect(Number(probe.format.duration)).toBeGreaterThan(3);
  expect(consoleErrors).toEqual([]);
});

/** Probes an RTMP stream until it answers with H.264 (nginx-rtmp serves what is pushed to it). */
function probeRtmp(url: string): string {
  try {
    return execFileSync('ffprobe', ['-v', 'error', '-rw_timeout', '5000000', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', url], { timeout: 10_000 }).toString();
  } catch {
    return '';
  }
}

test('an RTMP destination goes down and comes back on its own while viewers and the recording go on', async ({ page, context }) => {
  test.setTimeout(150_000);
  const nginx = await startNginxRtmp();
  try {
    const studio = await open(page);
    await callCore(page, studio.origin, 'saveDestination', { platform: 'custom', name: 'Test ingest', serverUrl: `rtmp://127.0.0.1:${nginx.port}/live`, enabled: true, streamKey: 'shopcast-e2e' });
    await goLive(page);
    const destinations = page.getByRole('list', { name: 'Destinations' });
    await expect(destinations).toContainText('Test ingest: live', { timeout: 20_000 });
    await expect.poll(() => probeRtmp(nginx.rtmpUrl('live', 'shopcast-e2e')), { timeout: 30_000 }).toContain('h264');
    const watchUrl = (await page.getByTestId('watch-url').textContent()) ?? '';
    const viewer = await openViewerPage(await context.newPage(), `http://127.0.0.1:${new URL(watchUrl).port}`, 'shop');
    await viewer.videoFrames(30, 30_000);

    await nginx.stop();
    await expect(destinations).toContainText(/Test ingest: (reconnecting|connecting)/, { timeout: 20_000 });
    // The room's viewers see no interruption while the RTMP push is down.
    const during = (await viewer.videoFrames(1)).framesDecoded;
    await expect.poll(async () => (await viewer.videoFrames(1)).framesDecoded, { timeout: 10_000 }).toBeGreaterThan(during + 30);
    await expect(destinations).toContainText('Your live room: live');
    await expect(destinations).toContainText('Recording: live');

    await nginx.start();
    await expect(destinations).toContainText('Test ingest: live', { timeout: 45_000 });
    await expect.poll(() => probeRtmp(nginx.rtmpUrl('live', 'shopcast-e2e')), { timeout: 45_000 }).toContain('h264');
    await page.getByRole('button', { name: 'End Live' }).click();
    // End Live asks first (endShow.spec.ts covers its choices and the show's results).
    await page.getByRole('dialog', { name: 'End the show?' }).getByRole('button', { name: 'End the show' }).click();
    await expect(page.getByRole('button', { name: 'Go Live' })).toBeVisible({ timeout: 30_000 });
    expect(consoleErrors).toEqual([]);
  } finally {
    await nginx.dispose();
  }
});

test('the recording survives the whole core being SIGKILLed mid-show, playable up to the kill', async ({ page }) => {
  test.setTimeout(90_000);
  const studio = await open(page);
  await goLive(page);
  await expect.poll(async () => (await liveSession(page, studio)).state, { timeout: 20_000 }).toBe('live');
  const session = await liveSession(page, studio);
  const segment = path.join(session.recordingPath ?? '', 'segment-001.mkv');
  // Recorded long enough for several one-second clusters to be on disk (the fake camera's
  // simple picture compresses to well under the 2.5 Mb/s ceiling).
  await expect.poll(() => statSync(segment, { throwIfNoEntry: false })?.size ?? 0, { timeout: 30_000 }).toBeGreaterThan(400_000);
  studio.process.kill('SIGKILL');
  await once(studio.process, 'exit');
  const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', segment]).toString()) as {
    format: { duration?: string };
    streams: { codec_name: string }[];
  };
  expect(probe.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
  expect(Number(probe.format.duration ?? 0)).toBeGreaterThan(2);
  // Every frame up to the end decodes.
  expect(execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-i', segment, '-f', 'null', '-'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString()).toBe('');
});

test('a Shopcast room on another server is a destination too: its viewers watch the show', async ({ page, context }) => {
  test.setTimeout(120_000);
  const roomDir = await tempDataDir();
  const token = 'remote-room-token-0123456789';
  const remote = await spawnRoom(ROOM_ENTRY, { dataDir: roomDir, port: 0, token });
  try {
    const studio = await open(page);
    await callCore(page, studio.origin, 'saveDestination', {
      platform: 'shopcast-room',
      name: 'Shop server',
      serverUrl: `http://127.0.0.1:${remote.port}/rooms/shop`,
      enabled: true,
      streamKey: token,
    });
    // The pre-flight measures the upload to the room server and compares it with what the show sends.
    await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS [1-9]/);
    await page.getByRole('button', { name: 'Go Live' }).click();
    const dialog = page.getByRole('dialog', { name: /^(Ready|Not ready) to go live/ });
    await expect(dialog.getByRole('list', { name: 'Pre-flight checks' })).toContainText(/Upload: [\d.]+ Mb\/s, enough for 1 destination/);
    await dialog.getByText('Details').click();
    await expect(dialog.getByRole('group')).toContainText(/This show sends about 2\.6 Mb\/s to Shop server\. [\d.]+ Mb\/s of upload measured to Shop server\./);
    await dialog.getByRole('button', { name: /^Start the show( anyway)?$/ }).click();
    await expect(page.getByRole('list', { name: 'Destinations' })).toContainText('Shop server: live', { timeout: 20_000 });
    const viewer = await openViewerPage(await context.newPage(), `http://127.0.0.1:${remote.port}`, 'shop');
    expect(await viewer.videoFrames(30, 30_000)).toMatchObject({ frameWidth: 1280, frameHeight: 720 });
    await page.getByRole('button', { name: 'End Live' }).click();
    // End Live asks first (endShow.spec.ts covers its choices and the show's results).
    await page.getByRole('dialog', { name: 'End the show?' }).getByRole('button', { name: 'End the show' }).click();
    await expect(page.getByRole('button', { name: 'Go Live' })).toBeVisible({ timeout: 30_000 });
  } finally {
    await remote.stop();
    await rm(roomDir, { recursive: true, force: true });
  }
});
