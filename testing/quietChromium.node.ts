import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserType } from 'playwright-core';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

export interface QuietChromium {
  browser: Browser;
  close(): Promise<void>;
}

export interface QuietChromiumOptions {
  executablePath: string;
  args?: string[];
}

// What Playwright's own launch passes that our tests rely on: no throttled timers or renderers in a
// page nobody looks at, sRGB pixels for pixel checks, no audio device.
const playwrightLikeArgs = [
  '--headless=new',
  '--no-startup-window',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-ipc-flooding-protection',
  '--disable-hang-monitor',
  '--disable-popup-blocking',
  '--force-color-profile=srgb',
  '--hide-scrollbars',
  '--mute-audio',
  '--password-store=basic',
  '--use-mock-keychain',
  '--no-default-browser-check',
];

const text = (data: RawData) => (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString();

/**
 * Chromium driven by Playwright over CDP, except that no DevTools session records the network of
 * the page's workers. Playwright enables the Network domain in every worker, and then Chromium
 * copies each WebSocket frame a worker sends, base64-encoded, to the test: for the compositor's
 * 41 MB/s of program frames that copy costs more than the studio itself, and on a machine where a
 * page fault is slow (this one: 13 µs each) it caps the program at 6–10 fps. A small relay between
 * Playwright and Chromium answers `Network.enable` for worker sessions itself, so the studio runs
 * as a merchant's browser runs it; pages keep their network events (routes, request waits).
 */
export async function launchQuietChromium(chromium: BrowserType, options: QuietChromiumOptions): Promise<QuietChromium> {
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-quiet-chromium-'));
  const child = spawn(options.executablePath, [...playwrightLikeArgs, ...(options.args ?? []), '--remote-debugging-port=0', `--user-data-dir=${profileDir}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = once(child, 'exit');
  let browserEndpoint: string | undefined;
  const stderr: string[] = [];
  for await (const line of createInterface({ input: child.stderr })) {
    browserEndpoint = /DevTools listening on (ws:\/\/\S+)/.exec(line)?.[1];
    if (browserEndpoint) break;
    stderr.push(line);
  }
  if (!browserEndpoint) throw new Error(`Chromium exited before it listened for DevTools:\n${stderr.join('\n')}`);
  child.stderr.resume();

  const relay = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 512 * 1024 * 1024 });
  await once(relay, 'listening');
  const upstreamEndpoint = browserEndpoint;
  relay.on('connection', (playwrightSide) => {
    const chromiumSide = new WebSocket(upstreamEndpoint, { maxPayload: 512 * 1024 * 1024, perMessageDeflate: false });
    const workerSessions = new Set<string>();
    const early: string[] = [];
    chromiumSide.on('open', () => early.splice(0).forEach((message) => chromiumSide.send(message)));
    chromiumSide.on('message', (data) => {
      const message = text(data);
      // Only the few target events need reading; frames and screenshots pass through untouched.
      if (message.includes('"Target.attachedToTarget"') || message.includes('"Target.detachedFromTarget"')) {
        const event = JSON.parse(message) as { method?: string; params?: { sessionId?: string; targetInfo?: { type?: string } } };
        const sessionId = event.params?.sessionId;
        if (sessionId && event.method === 'Target.attachedToTarget' && event.params?.targetInfo?.type === 'worker') workerSessions.add(sessionId);
        if (sessionId && event.method === 'Target.detachedFromTarget') workerSessions.delete(sessionId);
      }
      if (playwrightSide.readyState === WebSocket.OPEN) playwrightSide.send(message);
    });
    playwrightSide.on('message', (data) => {
      const message = text(data);
      if (message.includes('"Network.enable"')) {
        const command = JSON.parse(message) as { id: number; sessionId?: string; method: string };
        if (command.method === 'Network.enable' && command.sessionId && workerSessions.has(command.sessionId)) {
          playwrightSide.send(JSON.stringify({ id: command.id, sessionId: command.sessionId, result: {} }));
          return;
        }
      }
      if (chromiumSide.readyState === WebSocket.OPEN) chromiumSide.send(message);
      else early.push(message);
    });
    const closeBoth = () => {
      playwrightSide.close();
      chromiumSide.close();
    };
    playwrightSide.on('close', closeBoth);
    chromiumSide.on('close', closeBoth);
    chromiumSide.on('error', closeBoth);
  });

  const { port } = relay.address() as AddressInfo;
  const browser = await chromium.connectOverCDP(`ws://127.0.0.1:${port}${new URL(browserEndpoint).pathname}`);
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
      await new Promise((resolve) => relay.close(resolve));
      // Chromium's helper processes may still be closing files in the profile as the browser exits.
      await rm(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
