import { expect, type Locator, type Page } from '@playwright/test';

// The viewers' page (renderer/viewer) as end-to-end tests drive it: what a phone sees, found by
// role and label as a person would, and the page's read-only hook (window.__shopcastViewer,
// renderer/viewer/testHook.dom.ts) for what no person can see (decoded video frames).

export interface ViewerVideoStats {
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
}

export interface ViewerPage {
  page: Page;
  /** "Connecting…" / "Reconnecting…" / the room's refusal. */
  banner: Locator;
  /** Stands where the video would be: "The show hasn't started yet", the SFU's reason… */
  stageMessage: Locator;
  feed: Locator;
  ownComments: Locator;
  shopReplies: Locator;
  pinned: Locator;
  product: Locator;
  countdown: Locator;
  commentName: Locator;
  commentText: Locator;
  /** Waits for the welcome: the room connection is open. */
  joined(timeoutMs?: number): Promise<void>;
  viewerId(): Promise<string | null>;
  /** Polls the consumer's inbound-rtp stats until `minFrames` frames are decoded. */
  videoFrames(minFrames?: number, timeoutMs?: number): Promise<ViewerVideoStats>;
  comment(name: string, text: string): Promise<void>;
  /** Opens the Buy sheet, fills it, sends; answers the confirmation ("Order received: …") or the refusal. */
  order(fields: { variant?: string; quantity?: number; name?: string; phone?: string; note?: string }): Promise<string>;
  /** The Buy sheet (a modal dialog named by the product) while it is open. */
  buySheet: Locator;
  /** The viewer's own orders, one listitem each ("Your orders (n)"), with what the shop did with them. */
  myOrders: Locator;
  /** Opens the "Your orders" disclosure (it starts closed) and answers its rows. */
  openMyOrders(): Promise<Locator>;
}

/** Opens /watch/<roomId> of a room server; `origin` is its http origin. */
export async function openViewerPage(page: Page, origin: string, roomId: string): Promise<ViewerPage> {
  await page.goto(`${origin}/watch/${roomId}`);
  const product = page.getByRole('region', { name: 'Now explaining' });
  const commentName = page.getByRole('textbox', { name: 'Your name' });
  const commentText = page.getByRole('textbox', { name: 'Comment', exact: true });
  const stats = () => page.evaluate(() => window.__shopcastViewer?.videoStats() ?? Promise.resolve(null));
  const myOrdersDisclosure = page.locator('details.my-orders');
  const myOrders = myOrdersDisclosure.getByRole('listitem');
  return {
    page,
    buySheet: page.getByRole('dialog'),
    myOrders,
    async openMyOrders() {
      await myOrdersDisclosure.waitFor();
      if (!(await myOrdersDisclosure.evaluate((details) => (details as HTMLDetailsElement).open))) await myOrdersDisclosure.locator('summary').click();
      return myOrders;
    },
    banner: page.locator('.banner'),
    stageMessage: page.locator('.stage-message'),
    feed: page.getByRole('region', { name: 'Comments' }).getByRole('listitem'),
    ownComments: page.locator('.feed-item.own'),
    shopReplies: page.locator('.feed-item.reply'),
    pinned: page.getByRole('complementary', { name: 'Pinned comment' }),
    product,
    countdown: product.locator('.countdown'),
    commentName,
    commentText,
    async joined(timeoutMs = 15_000) {
      await page.waitForFunction(() => window.__shopcastViewer?.state === 'open', null, { timeout: timeoutMs });
    },
    viewerId: () => page.evaluate(() => window.__shopcastViewer?.viewerId ?? null),
    async videoFrames(minFrames = 10, timeoutMs = 20_000) {
      let last: ViewerVideoStats | null = null;
      await expect
        .poll(
          async () => {
            last = await stats();
            return last?.framesDecoded ?? 0;
          },
          { timeout: timeoutMs, message: 'the viewer page decodes video frames' },
        )
        .toBeGreaterThanOrEqual(minFrames);
      if (!last) throw new Error('no video stats');
      return last;
    },
    async comment(name, text) {
      await commentName.fill(name);
      await commentText.fill(text);
      await commentText.press('Enter');
    },
    async order(fields) {
      await product.getByRole('button', { name: 'Buy' }).click();
      const sheet = page.getByRole('dialog');
      // A size or colour chip is a radio named by its label.
      if (fields.variant !== undefined) await sheet.getByRole('radio', { name: fields.variant, exact: true }).check();
      for (let i = 1; i < (fields.quantity ?? 1); i += 1) await sheet.getByRole('button', { name: 'One more' }).click();
      if (fields.name !== undefined) await sheet.getByLabel('Your name').fill(fields.name);
      if (fields.phone !== undefined) await sheet.getByLabel('Phone', { exact: true }).fill(fields.phone);
      if (fields.note !== undefined) await sheet.getByLabel(/^Note/).fill(fields.note);
      await sheet.getByRole('button', { name: /^Order/ }).click();
      const answer = sheet.locator('.sheet-confirmation, .sheet-refused, .field-error').first();
      await answer.waitFor();
      return (await answer.textContent()) ?? '';
    },
  };
}
