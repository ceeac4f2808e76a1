import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings, type OutputProfile } from '../contract/schemas/settings.std';
import { ffmpegStaticPathFrom, isExecutableFile, locateFfmpeg } from '../main/ffmpeg/ffmpegLocator.node';
import { BENCH_TEXT, benchCameraY4m, benchCardPng, benchSceneCollection } from './benchScene.node';
import { cpuBetween, treeCpuSeconds } from './processTree.node';
import { startStudioInChromium } from './studioInChromium.node';

export interface CompositorBenchOptions {
  seconds: number;
  warmupSeconds: number;
  cacheDir: string;
  chromium: string;
}

const FPS = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One resolution: the bench scene composed by a real studio page from a fake camera. */
async function measureStudio(options: CompositorBenchOptions, ffmpeg: string, profile: OutputProfile, width: number, height: number) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-bench-'));
  const scenes = benchSceneCollection();
  for (const source of scenes.scenes[0]?.sources ?? []) {
    if (source.kind === 'camera') Object.assign(source, { captureWidth: width, captureHeight: height });
  }
  await writeFile(path.join(dataDir, 'scenes.json'), JSON.stringify(scenes));
  await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ ...defaultSettings, outputProfile: profile }));
  const camera = await benchCameraY4m(options.cacheDir, ffmpeg, width, height, 4);

  const studio = await startStudioInChromium({ dataDir, rendererDir: path.resolve(__dirname, '..', 'dist', 'renderer'), chromium: options.chromium, camera });
  const { core } = studio;
  try {
    await sleep(options.warmupSeconds * 1000);
    const before = { browser: await treeCpuSeconds(studio.browserPid), core: process.cpuUsage(), media: core.media.stats(), at: performance.now() };
    await sleep(options.seconds * 1000);
    const after = { browser: await treeCpuSeconds(studio.browserPid), core: process.cpuUsage(before.core), media: core.media.stats(), at: performance.now() };
    const elapsed = (after.at - before.at) / 1000;
    const frames = after.media.framesReceived - before.media.framesReceived;
    const browserCpu = cpuBetween(before.browser, after.browser);
    const coreCpu = (after.core.user + after.core.system) / 1e6;
    return {
      elapsed,
      frames,
      expected: elapsed * FPS,
      dropped: after.media.framesDropped - before.media.framesDropped,
      browserCpuMsPerFrame: (browserCpu * 1000) / Math.max(1, frames),
      coreCpuMsPerFrame: (coreCpu * 1000) / Math.max(1, frames),
      megabytesPerSecond: (after.media.bytesReceived - before.media.bytesReceived) / 1e6 / elapsed,
    };
  } finally {
    await studio.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The floor: plain FFmpeg composing the same scene (card overlay + text) in real time, encoder off. */
async function measureFloor(options: CompositorBenchOptions, ffmpeg: string) {
  const card = await benchCardPng(options.cacheDir, ffmpeg);
  const camera = await benchCameraY4m(options.cacheDir, ffmpeg, 1280, 720, 4);
  const filter =
    "[0:v][1:v]overlay=x=20:y=H-h-20:format=yuv420,drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:expansion=none:" +
    `text='${BENCH_TEXT}':x=20:y=20:fontsize=36:fontcolor=white[v]`;
  const child = spawn(
    ffmpeg,
    ['-v', 'error', '-re', '-stream_loop', '-1', '-i', camera, '-loop', '1', '-framerate', '30', '-i', card, '-filter_complex', filter, '-map', '[v]', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-y', '/dev/null'],
    { stdio: 'ignore' },
  );
  try {
    await sleep(Math.min(options.warmupSeconds, 5) * 1000);
    const before = await treeCpuSeconds(child.pid ?? 0);
    await sleep(options.seconds * 1000);
    const cpu = cpuBetween(before, await treeCpuSeconds(child.pid ?? 0));
    return (cpu * 1000) / (options.seconds * FPS);
  } finally {
    child.kill();
    await once(child, 'exit');
  }
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function benchCompositor(options: CompositorBenchOptions, print: (figures: object) => void): Promise<void> {
  const ffmpeg = await locateFfmpeg({
    env: process.env,
    ffmpegStaticPath: ffmpegStaticPathFrom(createRequire(__filename)),
    isExecutable: isExecutableFile,
    platform: process.platform,
  });
  if (!ffmpeg) throw new Error('FFmpeg is needed to make the bench camera clip: run npm run setup');
  const at720 = await measureStudio(options, ffmpeg.path, '720p30', 1280, 720);
  const at1080 = await measureStudio(options, ffmpeg.path, '1080p30', 1920, 1080);
  const floor = await measureFloor(options, ffmpeg.path);
  print({
    bench: 'compositor',
    seconds: options.seconds,
    framesExpected: Math.round(at720.expected),
    framesReceived: at720.frames,
    framesProducedRatio: round(at720.frames / at720.expected),
    framesDropped: at720.dropped,
    cpuMsPerFrame720p: round(at720.browserCpuMsPerFrame + at720.coreCpuMsPerFrame, 2),
    browserCpuMsPerFrame720p: round(at720.browserCpuMsPerFrame, 2),
    coreCpuMsPerFrame720p: round(at720.coreCpuMsPerFrame, 2),
    framesProducedRatio1080p: round(at1080.frames / at1080.expected),
    cpuMsPerFrame1080p: round(at1080.browserCpuMsPerFrame + at1080.coreCpuMsPerFrame, 2),
    mediaChannelMBps: round(at720.megabytesPerSecond, 1),
    mediaChannelMBps1080p: round(at1080.megabytesPerSecond, 1),
    floorCpuMsPerFrame720p: round(floor, 2),
    ratioVsFloor720p: round((at720.browserCpuMsPerFrame + at720.coreCpuMsPerFrame) / floor, 2),
  });
}

export const defaultChromium = () => process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
