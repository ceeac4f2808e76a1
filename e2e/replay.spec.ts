import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from './fixtures';
import type { RoomClient } from '../contract/room/roomClient.std';
import type { Catalogue } from '../contract/schemas/catalogue.std';
import type { LiveSession } from '../contract/schemas/live.std';
import type { ExportJob, ShowDetail, ShowSummary } from '../contract/schemas/replay.std';
import { callCore } from '../testing/coreCall';
import { comment, socketViewer } from './roomPeers';
import { studioSession, tempDataDir, type StudioProcess } from './studioProcess';

// Replay with real peers: the studio in Chromium goes live into its own room with real FFmpeg,
// promotes products while viewers comment, ends (or is killed); the library then holds the show,
// its clips (one per promotion, cut by themselves) and its player.

const { consoleErrors, open } = studioSession();
const products = ['Silk scarf', 'Tea set', 'Jade bangle'];

const session = (page: Page, studio: StudioProcess) => callCore<LiveSession>(page, studio.origin, 'getLiveSession');

async function goLive(page: Page, studio: StudioProcess): Promise<LiveSession> {
  await expect(page.getByRole('status', { name: 'FPS' })).toHaveText(/FPS [1-9]/);
  await callCore(page, studio.origin, 'goLive');
  await expect.poll(async () => (await session(page, studio)).state, { timeout: 20_000 }).toBe('live');
  return session(page, studio);
}

/** The catalogue's products by name, saved through the core as the Products tab does. */
async function saveProducts(page: Page, studio: StudioProcess): Promise<Map<string, string>> {
  let catalogue: Catalogue | null = null;
  for (const name of products) catalogue = await callCore<Catalogue>(page, studio.origin, 'saveProduct', { name, priceMinor: 9900, listPriceMinor: null, currency: 'CNY', stock: 20, photo: null });
  return new Map((catalogue?.products ?? []).map((product) => [product.name, product.id]));
}

async function promote(page: Page, studio: StudioProcess, productId: string): Promise<number> {
  const result = await callCore<{ ok: boolean }>(page, studio.origin, 'panelAction', { kind: 'promoteProduct', productId });
  expect(result.ok, 'the room takes the promotion').toBe(true);
  return Date.now();
}

/** Waits for a show's clip job to end, and answers it. */
async function clipsJob(page: Page, studio: StudioProcess, showId: string): Promise<ExportJob> {
  let job: ExportJob | undefined;
  await expect
    .poll(
      async () => {
        job = (await callCore<ExportJob[]>(page, studio.origin, 'getExports')).find((candidate) => candidate.showId === showId && candidate.kind === 'clips');
        return job?.state;
      },
      { timeout: 60_000 },
    )
    .toBe('done');
  if (!job) throw new Error('no clips job');
  return job;
}

function durationOf(file: string): number {
  const out = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', file]).toString()) as { format: { duration: string }; streams: { codec_name: string }[] };
  // bin_data: a show's chapter track (a clip has none).
  expect(out.streams.map((stream) => stream.codec_name).filter((codec) => codec !== 'bin_data').sort()).toEqual(['aac', 'h264']);
  return Number(out.format.duration);
}

/** The show runs on in real time: a promotion's window is this long on the recording's clock. */
async function showRunsFor(ms: number): Promise<void> {
  const until = Date.now() + ms;
  await expect.poll(() => Date.now() >= until, { timeout: ms + 5000, intervals: [250] }).toBe(true);
}

/** A viewer's comment in the middle of `ms` of show. */
async function showGoesOn(viewer: RoomClient, ms: number, text: string): Promise<void> {
  await showRunsFor(ms / 2);
  await comment(viewer, 'Ana', text);
  await showRunsFor(ms / 2);
}

test('a show with three promotions, the first made before Go Live, yields three clips within ±2 s of their windows; the player marks them and follows the comments', async ({ page }) => {
  test.setTimeout(180_000);
  const studio = await open(page);
  const ids = await saveProducts(page, studio);
  // The first product is promoted before the show starts, as merchants often do: its chapter starts with the show.
  const promotedAt: number[] = [await promote(page, studio, ids.get(products[0] ?? '') ?? '')];
  const live = await goLive(page, studio);
  const showId = live.showId ?? '';
  const liveAt = live.liveAt ?? 0;
  promotedAt[0] = liveAt;
  const watchUrl = new URL((await page.getByTestId('watch-url').textContent()) ?? '');
  const viewer = socketViewer(`http://127.0.0.1:${watchUrl.port}`);
  try {
    for (const [index, name] of products.entries()) {
      if (index > 0) promotedAt.push(await promote(page, studio, ids.get(name) ?? ''));
      await showGoesOn(viewer, 7000, `<img src=x onerror=alert(1)> asks about ${name} (${index + 1})`);
    }
  } finally {
    viewer.close();
  }
  await callCore(page, studio.origin, 'endLive');

  const detail = await callCore<ShowDetail>(page, studio.origin, 'getShow', { showId });
  expect(detail.show.state).toBe('ready');
  expect(detail.show.chapters.map((chapter) => chapter.productName)).toEqual(products);
  expect(detail.show.chapters[0]?.startMs).toBe(0);
  for (const [index, chapter] of detail.show.chapters.entries()) {
    // Each chapter starts where the test promoted (the recording starts when the show is live).
    expect(Math.abs(chapter.startMs - ((promotedAt[index] ?? 0) - liveAt))).toBeLessThan(2000);
  }
  const job = await clipsJob(page, studio, showId);
  expect(job.outputs).toEqual(products.map((name) => `clips/${name}.mp4`));
  const folder = path.join(studio.dataDir, 'recordings', showId);
  for (const [index, chapter] of detail.show.chapters.entries()) {
    const clip = path.join(folder, 'clips', `${products[index]}.mp4`);
    const windowSec = ((chapter.endMs ?? 0) - chapter.startMs) / 1000;
    expect(Math.abs(durationOf(clip) - windowSec), `${products[index]}'s clip against its ${windowSec} s window`).toBeLessThanOrEqual(2);
    expect(statSync(clip.replace(/\.mp4$/, '.jpg')).size).toBeGreaterThan(1000);
  }
  // The show itself carries a chapter per promotion, the first from its start (no opening).
  const chapters = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', path.join(folder, 'show.mp4')]).toString()) as { chapters: { tags: { title: string } }[] };
  expect(chapters.chapters.map((chapter) => chapter.tags.title)).toEqual(products);

  // The library's player: the show's video over byte ranges, a mark per promotion, the comments up to the playhead.
  await page.getByRole('button', { name: 'Library' }).click();
  const library = page.getByRole('region', { name: 'Replay library' });
  await library.getByRole('list', { name: 'Shows' }).getByRole('listitem').filter({ hasText: detail.show.title }).getByRole('button', { name: detail.show.title }).click();
  const player = library.getByRole('region', { name: 'Player' });
  await expect.poll(() => player.locator('video').evaluate((video: HTMLVideoElement) => video.duration), { timeout: 15_000 }).toBeGreaterThan(15);
  const timeline = player.getByRole('group', { name: 'Timeline' });
  const marks = timeline.getByRole('button', { name: /^Promotion: / });
  await expect(marks).toHaveCount(3);
  for (const name of products) await expect(timeline.getByRole('button', { name: new RegExp(`^Promotion: ${name} at \\d+:\\d\\d$`) })).toBeVisible();
  const comments = player.getByRole('list', { name: 'Replay comments' });
  await timeline.getByRole('button', { name: /^Promotion: Tea set/ }).click();
  await expect.poll(() => player.locator('video').evaluate((video: HTMLVideoElement) => video.currentTime)).toBeCloseTo((detail.show.chapters[1]?.startMs ?? 0) / 1000, 0);
  // Hostile text shows as text; the comment made during Tea set's window is not there yet.
  await expect(comments).toContainText('<img src=x onerror=alert(1)> asks about Silk scarf (1)');
  await expect(comments).not.toContainText('asks about Tea set (2)');
  await timeline.getByRole('button', { name: /^Promotion: Jade bangle/ }).click();
  await expect(comments).toContainText('asks about Tea set (2)');
  await expect(player.getByRole('list', { name: 'Clips' }).getByRole('listitem')).toHaveCount(3);
  // A 9:16 export in the background; once done, the player lists it to download.
  await player.getByRole('list', { name: 'Clips' }).getByRole('listitem').first().getByRole('button', { name: 'Export 9:16 (crop)' }).click();
  await expect(player.getByRole('list', { name: 'Exports' }).getByRole('link')).toHaveText([/Silk scarf 9x16 crop/], { timeout: 60_000 });
  expect(consoleErrors).toEqual([]);
});

test('the core killed mid-show: after a restart the show is repaired, in the library, playable, with its clips', async ({ page }) => {
  test.setTimeout(180_000);
  const dataDir = await tempDataDir();
  const first = await open(page, dataDir);
  const ids = await saveProducts(page, first);
  const live = await goLive(page, first);
  const showId = live.showId ?? '';
  const watchUrl = new URL((await page.getByTestId('watch-url').textContent()) ?? '');
  const viewer = socketViewer(`http://127.0.0.1:${watchUrl.port}`);
  try {
    await promote(page, first, ids.get('Silk scarf') ?? '');
    await showGoesOn(viewer, 5000, 'is the scarf silk?');
    await promote(page, first, ids.get('Tea set') ?? '');
    await showGoesOn(viewer, 5000, 'how many cups?');
  } finally {
    viewer.close();
  }
  // The timeline is appended every half second: the last promotion is on disk once its comment is.
  await expect.poll(() => statSync(path.join(dataDir, 'recordings', showId, 'timeline.jsonl')).size, { timeout: 5000 }).toBeGreaterThan(0);
  first.process.kill('SIGKILL');
  await once(first.process, 'exit');

  const second = await open(page, dataDir);
  await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: /was interrupted; it has been repaired/ }).first()).toBeVisible({ timeout: 60_000 });
  const job = await clipsJob(page, second, showId);
  expect(job.outputs).toEqual(['clips/Silk scarf.mp4', 'clips/Tea set.mp4']);
  const shows = await callCore<ShowSummary[]>(page, second.origin, 'listShows');
  expect(shows.map((show) => [show.id, show.state, show.chapters.length])).toEqual([[showId, 'ready', 2]]);
  const folder = path.join(dataDir, 'recordings', showId);
  expect(durationOf(path.join(folder, 'show.mp4'))).toBeGreaterThan(8);
  for (const output of job.outputs) expect(durationOf(path.join(folder, output))).toBeGreaterThan(1);
  const detail = await callCore<ShowDetail>(page, second.origin, 'getShow', { showId });
  expect(detail.comments.map((entry) => entry.text)).toEqual(['is the scarf silk?', 'how many cups?']);
  await page.getByRole('button', { name: 'Library' }).click();
  const listed = page.getByRole('region', { name: 'Replay library' }).getByRole('list', { name: 'Shows' }).getByRole('listitem');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText(detail.show.title);
  await expect(listed).toContainText('Ready');
  await expect(listed).toContainText('Silk scarf and Tea set');
  expect(consoleErrors).toEqual([]);
});
