import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreDeps } from '../main/core/createCore.node';
import { createLogger } from '../main/log/logger.std';
import { startStudioServer } from '../main/studio/studioServer.node';

export interface StudioInChromium {
  core: Core;
  browserPid: number;
  stop(): Promise<void>;
}

/**
 * The real core in this process and the studio page in a Chromium started without DevTools:
 * a CDP session (Playwright's) records every frame the page sends on its WebSockets, which costs
 * more than composing them (MEDIA-NOTES.md), so rates and CPU are measured this way.
 */
export async function startStudioInChromium(options: {
  dataDir: string;
  rendererDir: string;
  chromium: string;
  camera: string;
  /** Optional extras for the core, as the studio passes them: its embedded room (Go Live benchmarks). */
  coreDeps?: Pick<CoreDeps, 'room'>;
}): Promise<StudioInChromium> {
  const log = createLogger(() => {});
  const core = await createCore({ dataDir: options.dataDir, log, env: process.env, requireModule: createRequire(__filename), ...options.coreDeps });
  const server = await startStudioServer({ host: '127.0.0.1', port: 0, rendererDir: options.rendererDir, core, log });
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-chromium-'));
  const browser = spawn(
    options.chromium,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${options.camera}`,
      `--user-data-dir=${profileDir}`,
      '--window-size=1280,720',
      server.pairingUrl(),
    ],
    { stdio: 'ignore' },
  );
  return {
    core,
    browserPid: browser.pid ?? 0,
    async stop() {
      browser.kill();
      await once(browser, 'exit');
      await server.close();
      core.close();
      // Chromium's helper processes may still be closing files in the profile as the browser exits.
      await rm(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
