import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import type { AckFrame } from '../contract/room/roomEvents.std';
import type { LiveSession } from '../contract/schemas/live.std';
import type { Notice } from '../contract/schemas/notice.std';
import type { PanelState } from '../contract/schemas/panel.std';
import { callCore } from '../testing/coreCall';
import { startNginxRtmp } from '../testing/nginxRtmp.node';
import { socketViewer } from './roomPeers';
import { studioSession, type StudioProcess } from './studioProcess';
import { openViewerPage, type ViewerPage } from './viewer.page';

// The studio's own room runs in a process of its own (npm run room's server, started and watched
// by the studio). These are its faults with real peers: the studio in Chromium live to its room,
// an nginx-rtmp destination and the recording; a viewer's page watching and commenting, and a
// viewer on a plain room socket commenting throughout, keeping every acknowledgement it got.

const { consoleErrors, open } = studioSession();
// Going live, a viewer's page and RTMP are set up in each test's fixture, inside its time.
test.describe.configure({ timeout: 180_000 });

const session = (page: Page, studio: StudioProcess) => callCore<LiveSession>(page, studio.origin, 'getLiveSession');

/** The process that serves the room's port: the room, not its warm standby beside it. */
function roomPid(roomOrigin: string): number | null {
  const port = new URL(roomOrigin).port;
  const listening = execFileSync('ss', ['-Htlnp', `sport = :${port}`]).toString();
  const pid = /pid=(\d+)/.exec(listening)?.[1];
  return pid === undefined ? null : Number(pid);
}

async function answers(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(500) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Goes live with an RTMP destination beside the room and the recording; a viewer page watching. */
async function liveWithViewer(page: Page, studio: StudioProcess, rtmpPort: number, viewerPage: Page): Promise<{ roomOrigin: string; viewer: ViewerPage }> {
  await callCore(page, studio.origin, 'saveDestination', { platform: 'custom', name: 'Test ingest', serverUrl: `rtmp://127.0.0.1:${rtmpPort}/live`, enabled: true, streamKey: 'room-process-e2e' });
  await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS [1-9]/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Go Live' }).click();
  // "… anyway" when this busy machine's program runs below its frame rate (the pre-flight says so).
  await page.getByRole('dialog', { name: /^(Ready|Not ready) to go live/ }).getByRole('button', { name: /^Start the show( anyway)?$/ }).click();
  const destinations = page.getByRole('list', { name: 'Destinations' });
  for (const name of ['Your live room', 'Test ingest', 'Recording']) await expect(destinations).toContainText(`${name}: live`, { timeout: 20_000 });
  const roomOrigin = `http://127.0.0.1:${new URL((await page.getByTestId('watch-url').textContent()) ?? '').port}`;
  const viewer = await openViewerPage(viewerPage, roomOrigin, 'shop');
  await viewer.videoFrames(30, 30_000);
  return { roomOrigin, viewer };
}

/** Viewers on plain sockets, one comment every 250 ms between them (each within a viewer's 1/s); the ids the room acknowledged. */
function commentingViewer(roomOrigin: string) {
  const clients = Array.from({ length: 4 }, () => socketViewer(roomOrigin));
  const acknowledged: string[] = [];
  /** Refusals by code: a viewer's backlog sent at once after a freeze meets the room's per-viewer rate, as a flood would. */
  const refused: string[] = [];
  let sent = 0;
  let stopped = false;
  const pending = new Set<Promise<AckFrame>>();
  const timer = setInterval(() => {
    if (stopped) return;
    const client = clients[sent % clients.length];
    if (!client) return;
    sent += 1;
    const ack = client.send({ type: 'comment', name: 'Steady', text: `steady comment ${sent}` });
    pending.add(ack);
    void ack.then((frame) => {
      pending.delete(ack);
      if (frame.ok && frame.id) acknowledged.push(frame.id);
      else if (!frame.ok) refused.push(frame.code);
    });
  }, 250);
  return {
    acknowledged,
    refused,
    get sent() {
      return sent;
    },
    /** Stops sending and waits for every comment sent to be answered. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...pending]);
      for (const client of clients) client.close();
    },
  };
}

interface LiveShow {
  studio: StudioProcess;
  roomOrigin: string;
  viewer: ViewerPage;
  steady: ReturnType<typeof commentingViewer>;
}

/** Each test's show: live to the room, an nginx-rtmp destination and the recording, a viewer's page watching, viewers commenting. */
const liveTest = test.extend<{ show: LiveShow }>({
  show: async ({ page, context }, use) => {
    const nginx = await startNginxRtmp();
    try {
      const studio = await open(page);
      const { roomOrigin, viewer } = await liveWithViewer(page, studio, nginx.port, await context.newPage());
      const steady = commentingViewer(roomOrigin);
      await expect.poll(() => steady.acknowledged.length).toBeGreaterThan(5);
      await use({ studio, roomOrigin, viewer, steady });
    } finally {
      await nginx.dispose();
    }
  },
});

liveTest('the room process SIGKILLed mid-show is back within 2 s: viewers resume, nothing acknowledged is lost, the recording and RTMP go on', async ({ page, show }) => {
  const { studio, roomOrigin, viewer, steady } = show;
  await viewer.comment('Mei', 'Before the crash');
  await expect(viewer.ownComments.filter({ hasText: 'Before the crash' })).toBeVisible();

  const killed = roomPid(roomOrigin);
  if (killed === null) throw new Error('nothing serves the room');
  const killedAt = Date.now();
  process.kill(killed, 'SIGKILL');
  // The panel says it while it lasts; the room answers again within 2 s.
  await expect.poll(() => answers(roomOrigin), { timeout: 5000, intervals: [50] }).toBe(true);
  expect(Date.now() - killedAt).toBeLessThan(2000);
  expect(roomPid(roomOrigin)).not.toBe(killed);

  // The viewer's page reconnects by itself, resumes, and its comments land again.
  await viewer.joined(15_000);
  await viewer.comment('Mei', 'After the crash');
  await expect(viewer.ownComments.filter({ hasText: 'After the crash' })).toBeVisible({ timeout: 15_000 });
  const framesAfter = (await viewer.videoFrames(1)).framesDecoded;
  await expect.poll(async () => (await viewer.videoFrames(1)).framesDecoded, { timeout: 20_000 }).toBeGreaterThan(framesAfter + 30);
  const ackedBeforeStop = steady.acknowledged.length;
  await expect.poll(() => steady.acknowledged.length, { timeout: 15_000 }).toBeGreaterThan(ackedBeforeStop + 5);
  await steady.stop();
  expect(steady.acknowledged.length + steady.refused.length).toBe(steady.sent);
  expect(steady.refused.filter((code) => code !== 'rate-limited')).toEqual([]);

  // Every acknowledged comment is in the studio's panel (the room's log, as the studio resumed it).
  await expect
    .poll(async () => {
      const panel = await callCore<PanelState>(page, studio.origin, 'getPanel');
      const ids = new Set(panel.comments.map((comment) => comment.id));
      return steady.acknowledged.filter((id) => !ids.has(id)).length;
    }, { timeout: 15_000 })
    .toBe(0);

  // Only the room's leg was restarted: the recording and the RTMP push never stopped.
  const destinations = page.getByRole('list', { name: 'Destinations' });
  await expect(destinations).toContainText('Your live room: live', { timeout: 20_000 });
  const live = await session(page, studio);
  expect(live.destinations.filter((destination) => destination.id !== 'room').map((destination) => [destination.name, destination.state, destination.restarts])).toEqual([
    ['Recording', 'running', 0],
    ['Test ingest', 'running', 0],
  ]);
  expect(readdirSync(live.recordingPath ?? '').filter((file) => file.startsWith('segment-'))).toEqual(['segment-001.mkv']);
  const notices = await callCore<Notice[]>(page, studio.origin, 'getNotices');
  expect(notices.filter((notice) => /live room/i.test(notice.message)).map((notice) => notice.message)).toEqual([
    'Your live room stopped unexpectedly and was restarted; viewers reconnected by themselves.',
  ]);

  await page.getByRole('button', { name: 'End Live' }).click();
  // End Live asks first (endShow.spec.ts covers its choices and the show's results).
  await page.getByRole('dialog', { name: 'End the show?' }).getByRole('button', { name: 'End the show' }).click();
  await expect(page.getByRole('button', { name: 'Go Live' })).toBeVisible({ timeout: 30_000 });
  expect(consoleErrors).toEqual([]);
});

liveTest('the room process frozen for 5 s: the program and the recording go on, the panel says so and recovers by itself', async ({ page, show }) => {
  const { studio, roomOrigin, viewer, steady } = show;
  const audience = page.getByRole('status', { name: 'Audience' });
  await expect(audience).toBeVisible();

  const frozen = roomPid(roomOrigin);
  if (frozen === null) throw new Error('nothing serves the room');
  // The program the core takes in over 5 s before the freeze, then over the 5 s of the freeze:
  // the same, whatever this machine's own pace (the room's loop is not the program's).
  const received = async () => (await callCore<{ framesReceived: number }>(page, studio.origin, 'getMediaStats')).framesReceived;
  const encodedBefore = (await session(page, studio)).health;
  const beforeStart = await received();
  await page.waitForTimeout(5000);
  const beforeEnd = await received();
  process.kill(frozen, 'SIGSTOP');
  try {
    const stoppedAt = Date.now();
    await expect(page.locator('.panel-connection')).toHaveText(/Your live room is not answering/, { timeout: 5000 });
    // The freeze lasts 5 s whatever the test does meanwhile.
    await page.waitForTimeout(Math.max(0, 5000 - (Date.now() - stoppedAt)));
    const during = (await received()) - beforeEnd;
    expect(during).toBeGreaterThanOrEqual(0.85 * (beforeEnd - beforeStart));
    expect(during).toBeGreaterThan(0);
  } finally {
    process.kill(frozen, 'SIGCONT');
  }
  // Back by itself: the same process, the panel's audience line, the comments sent meanwhile answered.
  await expect(audience).toBeVisible({ timeout: 10_000 });
  expect(roomPid(roomOrigin)).toBe(frozen);
  const ackedAfter = steady.acknowledged.length;
  await expect.poll(() => steady.acknowledged.length, { timeout: 10_000 }).toBeGreaterThan(ackedAfter + 5);
  await steady.stop();
  // Every comment is answered; any refusal is the room's rate limit on a resent backlog, never a loss.
  expect(steady.acknowledged.length + steady.refused.length).toBe(steady.sent);
  expect(steady.refused.filter((code) => code !== 'rate-limited')).toEqual([]);
  const framesAfter = (await viewer.videoFrames(1)).framesDecoded;
  await expect.poll(async () => (await viewer.videoFrames(1)).framesDecoded, { timeout: 20_000 }).toBeGreaterThan(framesAfter + 30);

  // The encoder never waited on the room: no frame it had to drop beyond a handful, and the recording is one segment.
  const live = await session(page, studio);
  expect(live.health.droppedFrames - encodedBefore.droppedFrames).toBeLessThanOrEqual(2);
  expect(live.destinations.find((destination) => destination.id === 'recording')).toMatchObject({ state: 'running', restarts: 0 });
  expect(readdirSync(live.recordingPath ?? '').filter((file) => file.startsWith('segment-'))).toEqual(['segment-001.mkv']);
  const notices = await callCore<Notice[]>(page, studio.origin, 'getNotices');
  expect(notices.map((notice) => notice.message)).toContain('Your live room answers again; comments and orders caught up.');

  await page.getByRole('button', { name: 'End Live' }).click();
  // End Live asks first (endShow.spec.ts covers its choices and the show's results).
  await page.getByRole('dialog', { name: 'End the show?' }).getByRole('button', { name: 'End the show' }).click();
  await expect(page.getByRole('button', { name: 'Go Live' })).toBeVisible({ timeout: 30_000 });
  expect(consoleErrors).toEqual([]);
});
