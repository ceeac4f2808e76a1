import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { copyFile, readdir, rm } from 'node:fs/promises';
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

/** Resolves with Date.now() at the first poll (every 20 ms) where `check` holds. */
async function when(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return Date.now();
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const publishes = (log: string) => log.split('\n').filter((line) => /publish: name='shopcast-e2e'/.test(line)).length;

test('an RTMP destination goes down and comes back on its own while viewers and the recording go on', async ({ page, context }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const nginx = await startNginxRtmp({ record: true });
  const recordDir = path.join(nginx.dir, 'record');
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
    // On air, large, with the time since Go Live; the status bar and the panel read the same figures.
    await expect(page.getByRole('status', { name: 'On air' })).toHaveText(/On air\s*0:0\d:\d\d/);
    await expect(page.getByRole('status', { name: 'Stream health' })).toContainText(/\d+ fps · \d+ kb\/s · \d+ frames? dropped · \d+ came late/);
    const dropped = /(\d+) frames? dropped/.exec((await page.getByRole('status', { name: 'Stream health' }).textContent()) ?? '')?.[1];
    await expect(page.getByRole('status', { name: 'Dropped frames' })).toHaveText(`Dropped frames ${dropped}`);
    await page.screenshot({ path: '/tmp/shots/on-air.png' });

    // Every text the destination's line has from here on, as the page renders it.
    await destinations.evaluate((list) => {
      const seen: { text: string; at: number }[] = [];
      (window as unknown as { destinationTexts: typeof seen }).destinationTexts = seen;
      new MutationObserver(() => seen.push({ text: list.textContent ?? '', at: Date.now() })).observe(list, { subtree: true, childList: true, characterData: true });
    });
    await nginx.stop();
    await expect(destinations).toContainText(/Test ingest: reconnecting/, { timeout: 20_000 });
    const banner = page.getByRole('alert').filter({ hasText: 'Test ingest is down' });
    await expect(banner).toBeVisible();
    await expect(banner).toHaveText("Test ingest is down: can't reach 127.0.0.1 — retrying");
    await page.screenshot({ path: '/tmp/shots/down-banner.png' });
    const down = (await liveSession(page, studio)).destinations.find((destination) => destination.kind === 'rtmp');
    expect(down).toMatchObject({ bitrateKbps: null, reason: "can't reach 127.0.0.1" });
    // The room's viewers see no interruption while the RTMP push is down.
    const during = (await viewer.videoFrames(1)).framesDecoded;
    await expect.poll(async () => (await viewer.videoFrames(1)).framesDecoded, { timeout: 10_000 }).toBeGreaterThan(during + 30);
    await expect(destinations).toContainText('Your live room: live');
    await expect(destinations).toContainText('Recording: live');

    const publishedBefore = publishes(await nginx.errorLog());
    const recordedBefore = new Set(await readdir(recordDir));
    await nginx.start();
    const backAt = Date.now();
    const publishedAt = await when(async () => publishes(await nginx.errorLog()) > publishedBefore, 10_000, 'the studio to publish again');
    // What nginx received in the first 3 s of the new publish, as it wrote it down.
    await when(() => Date.now() >= publishedAt + 3000, 5000, 'three seconds of stream');
    const recording = (await readdir(recordDir)).find((name) => !recordedBefore.has(name)) ?? '';
    const snapshot = path.join(recordDir, 'first-3-seconds.flv');
    await copyFile(path.join(recordDir, recording), snapshot);
    // A loaded machine may take the copy late: the wall time is until the copy was made.
    const wall = (Date.now() - publishedAt) / 1000;
    const packets = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'packet=codec_type,pts_time', '-of', 'csv=p=0', snapshot], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.split(','))
      .map(([kind, pts]) => ({ kind, pts: Number(pts) }))
      .filter((packet) => Number.isFinite(packet.pts));
    const firstVideo = packets.find((packet) => packet.kind === 'video')?.pts ?? NaN;
    const firstAudio = packets.find((packet) => packet.kind === 'audio')?.pts ?? NaN;
    const media = Math.max(...packets.map((packet) => packet.pts)) - Math.min(...packets.map((packet) => packet.pts));
    console.log(
      `RTMP back: published ${publishedAt - backAt} ms after the server was back; ${media.toFixed(2)} s of media in its first ${wall.toFixed(2)} s; ` +
        `video starts ${((firstVideo - firstAudio) * 1000).toFixed(0)} ms after audio`,
    );
    expect(publishedAt - backAt).toBeLessThan(2000);
    // No burst: what arrived advances at about real time.
    expect(media).toBeGreaterThan(1.5);
    expect(media).toBeLessThan(wall * 1.3);
    // Picture and sound start together, on a keyframe.
    expect(packets[0]?.kind).toBe('video');
    expect(Math.abs(firstVideo - firstAudio)).toBeLessThan(0.1);
    // From going down until the server was back and took the stream, its line never said live.
    const texts = await page.evaluate(() => (window as unknown as { destinationTexts: { text: string; at: number }[] }).destinationTexts);
    const wentDown = texts.findIndex(({ text }) => text.includes('Test ingest: reconnecting'));
    const cameBack = texts.findIndex(({ text }, index) => index > wentDown && text.includes('Test ingest: live'));
    expect(wentDown).toBeGreaterThanOrEqual(0);
    expect(texts[cameBack]?.at ?? Infinity).toBeGreaterThanOrEqual(backAt);
    await expect(destinations).toContainText('Test ingest: live', { timeout: 10_000 });
    await expect(banner).toHaveCount(0);
    await page.getByRole('button', { name: 'End Live' }).click();
    // End Live asks first (endShow.spec.ts covers its choices and the show's results).
    await page.getByRole('dialog', { name: 'End the show?' }).getByRole('button', { name: 'End the show' }).click();
    await expect(page.getByRole('button', { name: 'Go Live' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status', { name: 'On air' })).toHaveCount(0);
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
