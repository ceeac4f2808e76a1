import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LiveSession } from '../contract/schemas/live.std';
import { defaultSettings } from '../contract/schemas/settings.std';
import { type NginxRtmp } from '../testing/nginxRtmp.node';
import type { Core } from '../main/core/createCore.node';
import { runningRoomWatch } from '../testing/roomWatch';
import { type BenchRoom } from './benchRoomProcess.node';
import { benchSceneCollection } from './benchScene.node';
import { ffmpegStartTimes, shopcastGroups, type ProcessGroup } from './goliveProcesses.node';
import { startStudioInChromium, type StudioInChromium } from './studioInChromium.node';

// The golive bench's studio: its options, a fresh studio on the bench scene, and Go Live timed to the SFU's first keyframe.

export interface GoLiveBenchOptions {
  /** The measured live show. */
  seconds: number;
  /** Each alternating CPU window. */
  windowSeconds: number;
  rounds: number;
  warmupSeconds: number;
  cacheDir: string;
  chromium: string;
  rendererDir: string;
  packageRoot: string;
  /** The built bench entry: it runs the room and the chat load in processes of their own. */
  benchEntry: string;
  /** Comments per second from as many viewers through the live show (0: none). */
  chat: number;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const sender = { transport: 'websocket' as const, id: 'golive-bench', role: 'host' as const, name: 'Host' };
export const SHOPCAST_GROUPS: readonly ProcessGroup[] = shopcastGroups;
export const FLOOR_GROUPS: readonly ProcessGroup[] = ['floor', 'sfu'];
export const STREAM_KEY = 'shopcast-bench';

export async function call<T>(core: Core, channel: string, payload: object = {}): Promise<T> {
  const outcome = await core.dispatch(channel, payload, sender);
  if (!outcome.ok) throw new Error(`${channel}: ${outcome.error.message}`);
  return outcome.value as T;
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Bench {
  options: GoLiveBenchOptions;
  ffmpeg: string;
  camera: string;
  room: BenchRoom;
  nginx: NginxRtmp;
}

/** A fresh data folder and studio (core + Chromium) on the bench scene, with the RTMP destination saved. */
export async function openStudio(bench: Bench, testPattern: boolean): Promise<{ studio: StudioInChromium; dispose: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-bench-golive-'));
  await writeFile(path.join(dataDir, 'scenes.json'), JSON.stringify({ ...benchSceneCollection(), testPattern }));
  await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ ...defaultSettings, outputProfile: '720p30' }));
  const studio = await startStudioInChromium({
    dataDir,
    rendererDir: bench.options.rendererDir,
    chromium: bench.options.chromium,
    camera: bench.camera,
    coreDeps: { room: runningRoomWatch(bench.room.port, bench.room.token) },
  });
  const dispose = async () => {
    await studio.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await call(studio.core, 'saveDestination', { platform: 'custom', name: 'Bench nginx-rtmp', serverUrl: `rtmp://127.0.0.1:${bench.nginx.port}/live`, enabled: true, streamKey: STREAM_KEY });
    await waitFor(() => (studio.core.media.stats().framesPerSecond ?? 0) >= 25, 30_000, 'the compositor to send 25+ fps');
    return { studio, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export interface GoLiveTiming {
  /** performance.now() and epoch ms of the goLive call. */
  at: number;
  atWall: number;
  /** The goLive call's own answer (the controller started the encoder). */
  dispatchMs: number;
  firstRtpMs: number | null;
  firstKeyframeMs: number;
  /** When each FFmpeg of the show was spawned, ms after the goLive call. */
  spawnedMs: Partial<Record<string, number>>;
}

export async function goLive(bench: Bench, core: Core): Promise<GoLiveTiming> {
  const arrival = bench.room.arm();
  const at = performance.now();
  const atWall = Date.now();
  const session = await call<LiveSession>(core, 'goLive');
  const dispatchMs = performance.now() - at;
  if (session.state === 'offline') throw new Error(`Go Live failed: ${session.message ?? 'no reason given'}`);
  const failed = new Promise<never>((_, reject) => {
    const timer = setInterval(() => {
      void call<LiveSession>(core, 'getLiveSession').then((now) => {
        if (now.state === 'offline') reject(new Error(`Go Live failed: ${now.message ?? 'no reason given'}`));
      });
    }, 250);
    void arrival.firstKeyframeAt.finally(() => clearInterval(timer));
  });
  const keyframeAt = await withTimeout(Promise.race([arrival.firstKeyframeAt, failed]), 20_000, 'the first keyframe at the SFU');
  const spawnedMs = Object.fromEntries((await ffmpegStartTimes()).map(({ role, startedAt }) => [role, Math.round(startedAt - at)]));
  return { at, atWall, dispatchMs, firstRtpMs: arrival.firstRtpAt === null ? null : arrival.firstRtpAt - at, firstKeyframeMs: keyframeAt - at, spawnedMs };
}

