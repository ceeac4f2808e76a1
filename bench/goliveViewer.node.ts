import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Esbuild from 'esbuild';
import type * as PlaywrightCore from 'playwright-core';
import type { Stamp } from '../contract/testStamp.std';

// A viewer, as a phone in the room would be: the room's own /watch page in a second Chromium (its
// own process tree, driven over CDP: the studio's Chromium never has a DevTools session). Each
// video frame the page presents is caught with requestVideoFrameCallback, the bottom strip of the
// <video> drawn to a canvas, and the compositor's test-pattern stamp read back there with
// contract/testStamp.std.ts's own reader (bundled for the page with esbuild). Times are epoch ms
// on this machine's clock, the one the compositor stamps with.

export interface ViewerFrame {
  /** Null when no stamp could be read from the frame. */
  stamp: Stamp | null;
  /** When the frame was handed to the compositor for display (rVFC presentationTime, epoch ms). */
  presentedAt: number;
  /** When its last packet arrived (rVFC receiveTime, WebRTC only), epoch ms. */
  receivedAt: number | null;
  width: number;
  height: number;
}

export interface Viewer {
  /** Frames presented since the last call. */
  drain(): Promise<ViewerFrame[]>;
  /** The consumer's inbound-rtp video stats as the page's own hook reports them. */
  videoStats(): Promise<{ framesDecoded: number } | null>;
  close(): Promise<void>;
}

const requireHere = createRequire(__filename);

function stampReaderScript(): string {
  // Built into dist-bench/ or run from bench/: the repository is one folder up either way.
  const candidates = [path.resolve(__dirname, '..', 'contract', 'testStamp.std.ts'), path.resolve('contract', 'testStamp.std.ts')];
  const source = candidates.find((candidate) => existsSync(candidate));
  if (!source) throw new Error('contract/testStamp.std.ts not found: run the bench from the repository');
  const esbuild = requireHere('esbuild') as typeof Esbuild;
  const built = esbuild.buildSync({
    stdin: { contents: `export { readStamp, stampBlockSize } from ${JSON.stringify(source)};`, resolveDir: path.dirname(source), loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: '__benchStamp',
    target: 'chrome120',
    write: false,
  });
  const output = built.outputFiles[0];
  if (!output) throw new Error('esbuild produced nothing for the stamp reader');
  return output.text;
}

interface StampModule {
  readStamp: (luma: (x: number, y: number) => number, width: number, height: number) => Stamp | null;
  stampBlockSize: (width: number) => number;
}

interface BenchWindow {
  __benchStamp: StampModule;
  __benchFrames: ViewerFrame[];
}

/** Runs in the viewer page: reads the stamp of every presented frame of the stage's <video>. */
function watchFrames(): void {
  const page = window as unknown as BenchWindow;
  page.__benchFrames = [];
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let current: HTMLVideoElement | null = null;
  const onFrame = (video: HTMLVideoElement, metadata: VideoFrameCallbackMetadata) => {
    const { width, height } = metadata;
    let stamp: Stamp | null = null;
    if (context && width > 0 && height > 0) {
      const block = page.__benchStamp.stampBlockSize(width);
      if (canvas.width !== width || canvas.height !== block) {
        canvas.width = width;
        canvas.height = block;
      }
      // Only the stamp's strip along the bottom: the reader samples nothing else.
      context.drawImage(video, 0, height - block, width, block, 0, 0, width, block);
      const pixels = context.getImageData(0, 0, width, block).data;
      const luma = (x: number, y: number) => {
        const index = ((y - (height - block)) * width + x) * 4;
        return 0.299 * (pixels[index] ?? 0) + 0.587 * (pixels[index + 1] ?? 0) + 0.114 * (pixels[index + 2] ?? 0);
      };
      stamp = page.__benchStamp.readStamp(luma, width, height);
    }
    page.__benchFrames.push({
      stamp,
      presentedAt: performance.timeOrigin + metadata.presentationTime,
      receivedAt: metadata.receiveTime !== undefined ? performance.timeOrigin + metadata.receiveTime : null,
      width,
      height,
    });
  };
  const attach = () => {
    const video = document.querySelector('video');
    if (!video || video === current) return;
    current = video;
    const callback = (_now: number, metadata: VideoFrameCallbackMetadata) => {
      onFrame(video, metadata);
      if (current === video) video.requestVideoFrameCallback(callback);
    };
    video.requestVideoFrameCallback(callback);
  };
  attach();
  setInterval(attach, 200);
}

export interface ViewerBrowser {
  open(watchUrl: string): Promise<Viewer>;
  close(): Promise<void>;
}

export async function launchViewerBrowser(chromium: string): Promise<ViewerBrowser> {
  const playwright = requireHere('playwright-core') as typeof PlaywrightCore;
  const browser = await playwright.chromium.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--autoplay-policy=no-user-gesture-required'],
  });
  const script = stampReaderScript();
  return {
    async open(watchUrl) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(watchUrl);
      await page.waitForFunction(() => window.__shopcastViewer?.state === 'open', null, { timeout: 20_000 });
      // Evaluated over CDP rather than added as a <script>: the page's CSP refuses inline scripts.
      await page.evaluate(`${script};window.__benchStamp = __benchStamp;`);
      await page.evaluate(watchFrames);
      return {
        drain: () => page.evaluate(() => (window as unknown as BenchWindow).__benchFrames.splice(0)),
        videoStats: () => page.evaluate(() => window.__shopcastViewer?.videoStats() ?? Promise.resolve(null)),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}
