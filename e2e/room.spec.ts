import { expect, test, type Browser } from './fixtures';
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { RoomEvent } from '../contract/room/roomEvents.std';
import { spawnRoom, type SpawnedRoom } from '../testing/spawnRoom.node';
import { connectStudio, pushTestPattern, ROOM_ENTRY, type StudioFeed } from './roomPeers';
import { tempDataDir } from './studioProcess';
import { openViewerPage, type ViewerPage } from './viewer.page';

// The live room with real peers: the built `npm run room` process (SQLite, the mediasoup worker),
// FFmpeg pushing RTP through the broadcaster API, and viewers' pages in Chromium.

const token = 'e2e-room-token-0123456789';
let room: SpawnedRoom | undefined;
let dataDir = '';
const feeds: StudioFeed[] = [];

test.beforeEach(async () => {
  dataDir = await tempDataDir();
  room = await spawnRoom(ROOM_ENTRY, { dataDir, port: 0, token });
});

test.afterEach(async () => {
  for (const feed of feeds.splice(0)) feed.client.close();
  await room?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const origin = () => `http://127.0.0.1:${room?.port ?? 0}`;
const comments = (events: readonly RoomEvent[]) => events.flatMap((event) => (event.kind === 'comment' ? [event.comment] : []));
const orders = (events: readonly RoomEvent[]) => events.flatMap((event) => (event.kind === 'order' ? [event.order] : []));

async function studio(): Promise<StudioFeed> {
  const feed = connectStudio(room?.port ?? 0, token);
  feeds.push(feed);
  await feed.until(() => feed.client.state === 'open', 10_000).catch(() => {});
  return feed;
}

async function promoteScarf(feed: StudioFeed, stock: number) {
  const products = [{ id: 'scarf', name: 'Silk scarf 丝巾', priceMinor: 5900, listPriceMinor: 9900, currency: 'CNY' as const, stock, photo: null }];
  expect(await feed.client.send({ type: 'action', action: { kind: 'upsertProducts', products } })).toMatchObject({ ok: true });
  expect(await feed.client.send({ type: 'action', action: { kind: 'promoteProduct', productId: 'scarf' } })).toMatchObject({ ok: true });
}

test('a viewer page plays what FFmpeg pushes through the broadcaster API, over WebRTC', async ({ page }) => {
  const push = await pushTestPattern(origin(), token);
  try {
    const viewer = await openViewerPage(page, origin(), 'shop');
    expect(await viewer.videoFrames(30, 30_000)).toMatchObject({ frameWidth: 640, frameHeight: 360 });
  } finally {
    await push.stop();
  }
});

test('a dead SFU worker is replaced: comments go on, the broadcaster starts over, and the viewer’s page plays again by itself', async ({ page }) => {
  const first = await pushTestPattern(origin(), token);
  const viewer = await openViewerPage(page, origin(), 'shop');
  await viewer.videoFrames(30, 30_000);
  const stats = () => page.evaluate(() => window.__shopcastViewer?.videoStats() ?? null);

  const workers = execFileSync('pgrep', ['-P', String(room?.process.pid ?? 0), '-f', 'mediasoup-worker']).toString().trim().split('\n').map(Number);
  expect(workers.length).toBeGreaterThan(0);
  for (const pid of workers) process.kill(pid, 'SIGKILL');

  // The broadcaster learns its session died the documented way: its resource is gone.
  const status = () => fetch(first.broadcasterUrl, { headers: { Authorization: `Bearer ${token}` } }).then((response) => response.status);
  await expect.poll(status, { timeout: 15_000 }).toBe(404);
  await first.stop();
  await expect.poll(stats, { timeout: 15_000 }).toBeNull();
  await viewer.commentName.fill('Ana');
  await commentThrough(viewer, 'still talking while the video restarts');

  const second = await pushTestPattern(origin(), token);
  try {
    expect(await viewer.videoFrames(30, 30_000)).toMatchObject({ frameWidth: 640, frameHeight: 360 });
  } finally {
    await second.stop();
  }
});

async function openViewer(browser: Browser, index: number): Promise<ViewerPage> {
  // A context each: each viewer has their own stored key, so they are 20 different viewers.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const viewer = await openViewerPage(await context.newPage(), origin(), 'shop');
  await viewer.joined();
  await viewer.commentName.fill(`Viewer ${index}`);
  return viewer;
}

/** Sends a comment and waits until the box is cleared: only once the room acknowledged it, however many reconnects that took. */
async function commentThrough(viewer: ViewerPage, text: string) {
  await viewer.comment(await viewer.commentName.inputValue(), text);
  await expect(viewer.commentText).toHaveValue('', { timeout: 60_000 });
}

test('20 viewers comment and order at once; the room is killed mid-burst and restarted; the studio gets every one exactly once, in order', async ({ browser }) => {
  test.setTimeout(240_000);
  const feed = await studio();
  await promoteScarf(feed, 100);
  const viewers = await Promise.all(Array.from({ length: 20 }, (_, index) => openViewer(browser, index)));

  const perViewer = 4;
  const burst = Promise.all(
    viewers.map(async (viewer, index) => {
      for (let n = 0; n < perViewer; n += 1) await commentThrough(viewer, `v${index} says ${n}`);
      expect(await viewer.order({ name: `Buyer ${index}`, phone: '13800138000' })).toMatch(/Order received/);
    }),
  );

  // Mid-burst: a crash, then the same server back on the same port with the same file.
  await feed.until((events) => comments(events).length >= 25);
  const port = room?.port ?? 0;
  await room?.kill();
  room = await spawnRoom(ROOM_ENTRY, { dataDir, port, token });
  await burst;

  await feed.until((events) => comments(events).length >= 20 * perViewer && orders(events).length >= 20);
  const seqs = feed.events.map((event) => event.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);
  const texts = comments(feed.events).map((comment) => comment.text);
  expect(texts).toHaveLength(20 * perViewer);
  expect(new Set(texts).size).toBe(20 * perViewer);
  expect(new Set(orders(feed.events).map((order) => order.buyerName)).size).toBe(20);
  expect(feed.events.filter((event) => event.kind === 'stock').at(-1)).toMatchObject({ productId: 'scarf', left: 80 });
  for (const viewer of viewers) await viewer.page.context().close();
});

test('hostile comments show as text on the viewers’ page; a product selling out under a viewer’s open order form keeps what they typed', async ({ page }) => {
  const feed = await studio();
  await promoteScarf(feed, 1);
  const hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';
  const viewer = await openViewerPage(page, origin(), 'shop');
  await viewer.joined();
  await viewer.commentName.fill('<b>Mallory</b>');
  await commentThrough(viewer, hostile);
  const feedList = page.getByRole('region', { name: 'Comments' });
  await expect(feedList.getByText(hostile, { exact: true })).toBeVisible();
  await expect(feedList.getByText('<b>Mallory</b>', { exact: true })).toBeVisible();
  expect(await feedList.locator('img, script, b').count()).toBe(0);
  expect(await page.title()).not.toBe('pwned');

  // The last unit goes elsewhere while this viewer fills the form: it says so, and keeps the form.
  await viewer.product.getByRole('button', { name: 'Buy' }).click();
  const sheet = page.getByRole('dialog');
  await sheet.getByLabel('Your name').fill('Li Lei');
  await sheet.getByLabel('Phone', { exact: true }).fill('13900000000');
  expect(await feed.client.send({ type: 'action', action: { kind: 'upsertProducts', products: [{ id: 'scarf', name: 'Silk scarf 丝巾', priceMinor: 5900, listPriceMinor: null, currency: 'CNY', stock: 0, photo: null }] } })).toMatchObject({ ok: true });
  await expect(page.getByRole('button', { name: /sold out/i }).first()).toBeVisible();
  await expect(sheet.getByLabel('Your name')).toHaveValue('Li Lei');
  await expect(sheet.getByLabel('Phone', { exact: true })).toHaveValue('13900000000');
});

test('on a phone the comment box stays on screen with a pinned comment, the product and the viewer’s orders', async ({ page }) => {
  // The smallest phone the page is made for.
  await page.setViewportSize({ width: 360, height: 640 });
  const feed = await studio();
  await promoteScarf(feed, 5);
  const viewer = await openViewerPage(page, origin(), 'shop');
  await viewer.joined();
  await viewer.commentName.fill('Mei');
  const question = 'Does the scarf come in a darker blue, and how long does delivery to Chengdu take? 有深蓝色吗？';
  await commentThrough(viewer, question);
  await feed.until((events) => comments(events).some((comment) => comment.text === question));
  const pinned = comments(feed.events).find((comment) => comment.text === question);
  expect(await feed.client.send({ type: 'action', action: { kind: 'pinComment', commentId: pinned?.id ?? '' } })).toMatchObject({ ok: true });
  await expect(viewer.pinned).toContainText('有深蓝色吗');
  for (const quantity of [1, 2, 1]) {
    expect(await viewer.order({ quantity, name: 'Mei', phone: '13900000000' })).toMatch(/Order received/);
    await viewer.buySheet.getByRole('button', { name: 'Done' }).click();
    await expect(viewer.buySheet).toHaveCount(0);
  }
  await expect(await viewer.openMyOrders()).toHaveCount(3);
  // A busy show: the feed is longer than the screen.
  for (let n = 1; n <= 15; n += 1) expect(await feed.client.send({ type: 'action', action: { kind: 'reply', text: `Shipping update ${n}: all orders leave tomorrow.` } })).toMatchObject({ ok: true });
  await expect(viewer.shopReplies).toHaveCount(15);

  // Everything a viewer needs at once: the picture, what is on sale, and somewhere to type.
  await expect(viewer.commentText).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Send' })).toBeInViewport({ ratio: 1 });
  await expect(page.locator('.stage')).toBeInViewport({ ratio: 1 });
  await expect(viewer.feed.last()).toBeInViewport();
  // And what is for sale can still be bought with a tap.
  await expect(viewer.product.getByRole('button', { name: 'Buy' })).toBeVisible();
  await viewer.product.getByRole('button', { name: 'Buy' }).click();
  await expect(viewer.buySheet).toBeVisible();
  await viewer.buySheet.getByRole('button', { name: 'Close' }).click();
  await viewer.commentText.fill('Thanks!');
  await page.screenshot({ path: '/tmp/shots/viewer-phone-pinned-orders.png' });
});

test('the viewers’ page speaks Chinese to a Chinese browser, switches to English with one tap, and remembers it', async ({ browser }) => {
  // Playwright's locale is what --lang=zh-CN gives a person's Chromium: navigator.languages and Accept-Language.
  const chinese = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  try {
    const page = await chinese.newPage();
    const feed = await studio();
    await promoteScarf(feed, 5);
    await page.goto(`${origin()}/watch/shop`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('status').filter({ hasText: '直播还没开始' })).toBeVisible();
    const product = page.getByRole('region', { name: '正在讲解' });
    await expect(product).toContainText('剩 5 件');
    await expect(product.getByRole('button', { name: '购买' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: '评论', exact: true })).toHaveAttribute('placeholder', '说点什么…');
    await product.getByRole('button', { name: '购买' }).click();
    const sheet = page.getByRole('dialog');
    await sheet.getByRole('button', { name: /^下单 1 件/ }).click();
    await expect(sheet.getByText('请填写名字。')).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/viewer-zh-CN.png' });
    await sheet.getByRole('button', { name: '关闭' }).click();

    await page.getByRole('button', { name: /Switch to English/ }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('region', { name: 'Now explaining' })).toContainText('5 left');
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: 'The show hasn’t started yet' })).toBeVisible();
    await expect(page.getByRole('button', { name: /切换到中文/ })).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/viewer-en-after-switch.png' });
  } finally {
    await chinese.close();
  }
});
