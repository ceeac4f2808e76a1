import { randomInt } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { LiveSession } from '../contract/schemas/live.std';
import { defaultSettings } from '../contract/schemas/settings.std';
import { stampSendTime } from '../contract/testStamp.std';
import { startNginxRtmp, type NginxRtmp } from '../testing/nginxRtmp.node';
import type { Core } from '../main/core/createCore.node';
import { ffmpegStaticPathFrom, isExecutableFile, locateFfmpeg } from '../main/ffmpeg/ffmpegLocator.node';
import { createRtpPlan } from '../main/ffmpeg/rtpPlan.std';
import { createRoomLeg } from '../main/live/roomLeg.node';
import { createLogger } from '../main/log/logger.std';
import { runningRoomWatch } from '../testing/roomWatch';
import { startBenchRoom, type BenchRoom } from './benchRoomProcess.node';
import { startChatLoad, type ChatLoadResult } from './chatLoad.node';
import { benchCameraY4m, benchCardPng, benchSceneCollection } from './benchScene.node';
import { benchCameraMp4, floorArgs, startFloor } from './goliveFloor.node';
import { cpuByGroup, cpuByLabel, ffmpegStartTimes, machineBusySeconds, readProcesses, shopcastGroups, shopcastMemoryMb, sumGroups, type ProcessGroup, type ProcessReading } from './goliveProcesses.node';
import { launchViewerBrowser, type ViewerFrame } from './goliveViewer.node';
import { startStudioInChromium, type StudioInChromium } from './studioInChromium.node';
import { median } from './stats.std';

// `npm run bench -- golive [--seconds N]`: issue 5's Go Live benchmark on the scene of
// ../shared/BENCH-SCENE.md (720p30, camera + card + text; the camera is the bench clip as
// Chromium's fake capture device). Everything runs here, on one clock:
//  - the embedded live room (its mediasoup SFU) in this process, as `npm run studio` runs it,
//    kept to 127.0.0.1; a private nginx-rtmp; the studio page in a Chromium without DevTools
//    (studioInChromium.node.ts) talking to the real core in this process.
//  - CPU: Shopcast live (compositor → core → encoder → remuxers to the SFU, the RTMP push and the
//    recording) and the plain-FFmpeg floor pushing to the same three destinations (goliveFloor),
//    in alternating windows, each after its own warm-up, nothing else running; medians.
//  - then one live show of `seconds`: FFmpeg's dropped and duplicated frames, Go Live → first
//    keyframe at the SFU, glass-to-glass from the test-pattern stamp read in a viewer page (a
//    second Chromium on the room's /watch page), and peak memory sampled every second.

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number | null, digits = 3) => (value === null || !Number.isFinite(value) ? null : Math.round(value * 10 ** digits) / 10 ** digits);
const percentile = (sorted: readonly number[], p: number) => (sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null));
const sender = { transport: 'websocket' as const, id: 'golive-bench', role: 'host' as const, name: 'Host' };
const SHOPCAST_GROUPS: readonly ProcessGroup[] = shopcastGroups;
const FLOOR_GROUPS: readonly ProcessGroup[] = ['floor', 'sfu'];
const STREAM_KEY = 'shopcast-bench';

async function call<T>(core: Core, channel: string, payload: object = {}): Promise<T> {
  const outcome = await core.dispatch(channel, payload, sender);
  if (!outcome.ok) throw new Error(`${channel}: ${outcome.error.message}`);
  return outcome.value as T;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

interface Bench {
  options: GoLiveBenchOptions;
  ffmpeg: string;
  camera: string;
  room: BenchRoom;
  nginx: NginxRtmp;
}

/** A fresh data folder and studio (core + Chromium) on the bench scene, with the RTMP destination saved. */
async function openStudio(bench: Bench, testPattern: boolean): Promise<{ studio: StudioInChromium; dispose: () => Promise<void> }> {
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

interface GoLiveTiming {
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

async function goLive(bench: Bench, core: Core): Promise<GoLiveTiming> {
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

const readShopcast = (bench: Bench, studio: StudioInChromium) => readProcesses({ studioBrowserPid: studio.browserPid, floorPid: null, roomPid: bench.room.pid });

interface CpuWindow {
  side: 'shopcast' | 'floor';
  seconds: number;
  coresPerStreamSecond: number;
  byGroup: Partial<Record<ProcessGroup, number>>;
  frames: number | null;
  duplicated: number | null;
  dropped: number | null;
  goLiveMs?: number;
  /** The studio Chromium's CPU by process type, cores. */
  browserByProcess?: Record<string, number>;
  /** Every process on the machine, and what this bench's tree does not explain (another job). */
  machineCores: number;
  outsideCores: number;
}

/** Busy cores of the whole machine over a window, and the part outside this process's tree. */
function machineFigures(busyBefore: number, busyAfter: number, cpu: Map<ProcessGroup, number>, seconds: number) {
  const machineCores = (busyAfter - busyBefore) / seconds;
  const ours = [...cpu.values()].reduce((sum, value) => sum + value, 0) / seconds;
  return { machineCores, outsideCores: machineCores - ours };
}

function perSecond(cpu: Map<ProcessGroup, number>, groups: readonly ProcessGroup[], seconds: number): Partial<Record<ProcessGroup, number>> {
  return Object.fromEntries(groups.map((group) => [group, (cpu.get(group) ?? 0) / seconds]));
}

async function shopcastWindow(bench: Bench): Promise<CpuWindow> {
  const { studio, dispose } = await openStudio(bench, false);
  try {
    const { core } = studio;
    await sleep(bench.options.warmupSeconds * 1000);
    const timing = await goLive(bench, core);
    await sleep(bench.options.warmupSeconds * 1000);
    const startSession = await call<LiveSession>(core, 'getLiveSession');
    const before = await readShopcast(bench, studio);
    const busyBefore = await machineBusySeconds();
    const media = core.media.stats();
    const started = performance.now();
    await sleep(bench.options.windowSeconds * 1000);
    const busyAfter = await machineBusySeconds();
    const after = await readShopcast(bench, studio);
    const seconds = (performance.now() - started) / 1000;
    const endSession = await call<LiveSession>(core, 'getLiveSession');
    const cpu = cpuByGroup(before, after);
    const notRunning = endSession.destinations.filter((destination) => destination.state !== 'running' || destination.restarts > 0);
    if (notRunning.length > 0 || endSession.state !== 'live') {
      process.stderr.write(`golive bench: Shopcast window not clean: ${endSession.state} ${JSON.stringify(notRunning)}\n`);
    }
    await call(core, 'endLive');
    return {
      side: 'shopcast',
      seconds,
      coresPerStreamSecond: sumGroups(cpu, SHOPCAST_GROUPS) / seconds,
      byGroup: perSecond(cpu, SHOPCAST_GROUPS, seconds),
      frames: core.media.stats().framesReceived - media.framesReceived,
      duplicated: endSession.health.duplicatedFrames - startSession.health.duplicatedFrames,
      dropped: endSession.health.droppedFrames - startSession.health.droppedFrames,
      goLiveMs: timing.firstKeyframeMs,
      browserByProcess: Object.fromEntries([...cpuByLabel(before, after, 'browser')].map(([label, used]) => [label, used / seconds])),
      ...machineFigures(busyBefore, busyAfter, cpu, seconds),
    };
  } finally {
    await dispose();
  }
}

async function floorWindow(bench: Bench, index: number, cameraMp4: string, card: string): Promise<CpuWindow> {
  const plan = createRtpPlan({ profile: 'constrained-baseline', level: 31, randomUint32: () => randomInt(1, 2 ** 32 - 1) });
  const leg = createRoomLeg({ roomUrl: `http://127.0.0.1:${bench.room.port}/rooms/shop`, token: bench.room.token, plan, broadcasterId: `bench-floor-${index}`, fetch, log: createLogger(() => {}) });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-bench-floor-'));
  try {
    const target = await leg.ensure();
    const floor = startFloor(
      bench.ffmpeg,
      floorArgs(cameraMp4, card, { rtmpUrl: bench.nginx.rtmpUrl('live', 'floor-bench'), recordingFile: path.join(dir, 'floor.mkv'), sfu: { plan, target } }),
    );
    try {
      await sleep(bench.options.warmupSeconds * 1000);
      const roles = { studioBrowserPid: null, floorPid: floor.pid, roomPid: bench.room.pid };
      const progressBefore = floor.progress();
      const before = await readProcesses(roles);
      const busyBefore = await machineBusySeconds();
      const started = performance.now();
      await sleep(bench.options.windowSeconds * 1000);
      const busyAfter = await machineBusySeconds();
      const after = await readProcesses(roles);
      const seconds = (performance.now() - started) / 1000;
      const progressAfter = floor.progress();
      if (floor.child.exitCode !== null) throw new Error(`the floor FFmpeg exited: ${floor.stderr()}`);
      if (floor.stderr().trim()) process.stderr.write(`golive bench: floor FFmpeg said: ${floor.stderr().trim().slice(-500)}\n`);
      const cpu = cpuByGroup(before, after);
      return {
        side: 'floor',
        seconds,
        coresPerStreamSecond: sumGroups(cpu, FLOOR_GROUPS) / seconds,
        byGroup: perSecond(cpu, FLOOR_GROUPS, seconds),
        frames: typeof progressAfter?.frame === 'number' && typeof progressBefore?.frame === 'number' ? progressAfter.frame - progressBefore.frame : null,
        duplicated: progressAfter && progressBefore ? progressAfter.dupFrames - progressBefore.dupFrames : null,
        dropped: progressAfter && progressBefore ? progressAfter.dropFrames - progressBefore.dropFrames : null,
        ...machineFigures(busyBefore, busyAfter, cpu, seconds),
      };
    } finally {
      await floor.stop();
    }
  } finally {
    leg.close();
    await rm(dir, { recursive: true, force: true });
  }
}

interface LiveResult {
  timing: GoLiveTiming;
  /** What the chat load sent and the room accepted through the measured show (--chat). */
  chat: ChatLoadResult | null;
  session: LiveSession;
  duplicatedAtStartup: number;
  droppedAtStartup: number;
  compositorFramesDropped: number;
  frames: ViewerFrame[];
  viewerFramesDecoded: number | null;
  peakRssMb: number;
  peakRssByGroup: Record<string, number>;
  peakPssMb: number | null;
  /** Each Shopcast process at the PSS sample with the most PSS. */
  pssAtPeak: { group: string; label: string; rssMb: number; pssMb: number | null }[];
  /** Go Live on this core once before, ended, then this show's: the encoder choice already made. */
  warmTiming: GoLiveTiming | null;
  coldTiming: GoLiveTiming;
  cpu: { seconds: number; byGroup: Partial<Record<ProcessGroup, number>>; viewer: number; nginx: number; machineCores: number; outsideCores: number };
  healthWarnings: string[];
}

async function liveShow(bench: Bench): Promise<LiveResult> {
  const { studio, dispose } = await openStudio(bench, true);
  const viewers = await launchViewerBrowser(bench.options.chromium);
  try {
    const { core } = studio;
    const port = bench.room.port;
    const viewer = await viewers.open(`http://127.0.0.1:${port}/watch/shop`);
    // A sale's chat into the room through the measured show (--chat), from its own process.
    const chat = bench.options.chat > 0 ? await startChatLoad({ benchEntry: bench.options.benchEntry, port, viewers: bench.options.chat, commentsPerSecond: bench.options.chat }) : null;
    await sleep(bench.options.warmupSeconds * 1000);

    let peakRssMb = 0;
    let peakRssByGroup: Record<string, number> = {};
    let peakPssMb: number | null = null;
    let pssAtPeak: LiveResult['pssAtPeak'] = [];
    const sampleMemory = async (pss: boolean): Promise<ProcessReading[]> => {
      const readings = await readProcesses({ studioBrowserPid: studio.browserPid, floorPid: null, roomPid: bench.room.pid, chatPid: chat?.pid ?? null }, { pss });
      const memory = shopcastMemoryMb(readings);
      if (memory.rssMb > peakRssMb) {
        peakRssMb = memory.rssMb;
        peakRssByGroup = Object.fromEntries(Object.entries(memory.byGroup).map(([group, mb]) => [group, Math.round(mb)]));
      }
      if (memory.pssMb !== null && memory.pssMb > (peakPssMb ?? 0)) {
        peakPssMb = memory.pssMb;
        pssAtPeak = readings
          .filter((reading) => (SHOPCAST_GROUPS as readonly string[]).includes(reading.group))
          .map((reading) => ({ group: reading.group, label: reading.label, rssMb: Math.round(reading.rssKb / 1024), pssMb: reading.pssKb === null ? null : Math.round(reading.pssKb / 1024) }))
          .sort((a, b) => (b.pssMb ?? 0) - (a.pssMb ?? 0));
      }
      return readings;
    };

    // The first Go Live of this core (as a merchant's first show after starting the app), ended
    // after a few seconds; then the measured show, on a core that has chosen its encoder already.
    const coldTiming = await goLive(bench, core);
    await sleep(3000);
    await call(core, 'endLive');
    await waitFor(async () => (await call<LiveSession>(core, 'getLiveSession')).state === 'offline', 30_000, 'the first show to end');
    await sleep(2000);
    await viewer.drain(); // the first show's frames are not this show's
    chat?.start();
    const media = core.media.stats();
    const timing = await goLive(bench, core);
    const frames: ViewerFrame[] = [];
    const warnings = new Set<string>();
    const end = timing.at + bench.options.seconds * 1000;
    const warmEnd = timing.at + bench.options.warmupSeconds * 1000;
    let startup: LiveSession | null = null;
    let cpuBefore: { readings: ProcessReading[]; at: number; busy: number } | null = null;
    let tick = 0;
    while (performance.now() < end) {
      await sleep(Math.max(0, Math.min(1000, end - performance.now())));
      tick += 1;
      // PSS walks every page table: read it every 10 s, plain VmRSS every second.
      const readings = await sampleMemory(tick % 10 === 0);
      if (!cpuBefore && performance.now() >= warmEnd) {
        cpuBefore = { readings, at: performance.now(), busy: await machineBusySeconds() };
        startup = await call<LiveSession>(core, 'getLiveSession');
      }
      frames.push(...(await viewer.drain()));
      const session = await call<LiveSession>(core, 'getLiveSession');
      if (session.health.warning) warnings.add(session.health.warning);
    }
    const busyAfter = await machineBusySeconds();
    const cpuAfter = await readProcesses({ studioBrowserPid: studio.browserPid, floorPid: null, roomPid: bench.room.pid, chatPid: chat?.pid ?? null });
    const cpuSeconds = cpuBefore ? (performance.now() - cpuBefore.at) / 1000 : NaN;
    const cpu = cpuBefore ? cpuByGroup(cpuBefore.readings, cpuAfter) : new Map<ProcessGroup, number>();
    const session = await call<LiveSession>(core, 'getLiveSession');
    frames.push(...(await viewer.drain()));
    const viewerStats = await viewer.videoStats();
    const compositorFramesDropped = core.media.stats().framesDropped - media.framesDropped;
    const chatResult = (await chat?.stop()) ?? null;
    await call(core, 'endLive');
    await viewer.close();
    return {
      timing,
      coldTiming,
      warmTiming: timing,
      pssAtPeak,
      session,
      duplicatedAtStartup: startup?.health.duplicatedFrames ?? 0,
      droppedAtStartup: startup?.health.droppedFrames ?? 0,
      compositorFramesDropped,
      frames,
      viewerFramesDecoded: viewerStats?.framesDecoded ?? null,
      peakRssMb,
      peakRssByGroup,
      peakPssMb,
      cpu: {
        seconds: cpuSeconds,
        byGroup: perSecond(cpu, SHOPCAST_GROUPS, cpuSeconds),
        viewer: (cpu.get('viewer') ?? 0) / cpuSeconds,
        nginx: (cpu.get('nginx') ?? 0) / cpuSeconds,
        ...machineFigures(cpuBefore?.busy ?? NaN, busyAfter, cpu, cpuSeconds),
      },
      healthWarnings: [...warnings],
      chat: chatResult,
    };
  } finally {
    await viewers.close();
    await dispose();
  }
}

/** What the viewer saw: latency from each readable stamp, and frames missing or repeated on the way. */
function viewerFigures(frames: readonly ViewerFrame[], goLiveAtWall: number) {
  const stamped = frames.filter((frame) => frame.stamp !== null);
  const glass = stamped.map((frame) => frame.presentedAt - stampSendTime(frame.stamp ?? { sequence: 0, sendTimeLow: 0 }, frame.presentedAt)).sort((a, b) => a - b);
  const receive = stamped
    .filter((frame) => frame.receivedAt !== null)
    .map((frame) => (frame.receivedAt ?? 0) - stampSendTime(frame.stamp ?? { sequence: 0, sendTimeLow: 0 }, frame.receivedAt ?? 0))
    .sort((a, b) => a - b);
  let gaps = 0;
  let repeats = 0;
  let backwards = 0;
  for (let index = 1; index < stamped.length; index += 1) {
    const step = (stamped[index]?.stamp?.sequence ?? 0) - (stamped[index - 1]?.stamp?.sequence ?? 0);
    if (step === 0) repeats += 1;
    else if (step < 0) backwards += 1;
    else gaps += step - 1;
  }
  const first = frames[0];
  return {
    glassToGlassP50Ms: round(percentile(glass, 50), 1),
    glassToGlassP95Ms: round(percentile(glass, 95), 1),
    glassToGlassMaxMs: round(glass.at(-1) ?? null, 1),
    receiveLatencyP50Ms: round(percentile(receive, 50), 1),
    receiveLatencyP95Ms: round(percentile(receive, 95), 1),
    viewerFirstFrameMs: first ? round(first.presentedAt - goLiveAtWall, 0) : null,
    viewerFramesPresented: frames.length,
    viewerFramesStamped: stamped.length,
    viewerSequenceGaps: gaps,
    viewerSequenceRepeats: repeats,
    viewerSequenceBackwards: backwards,
    viewerResolution: first ? `${first.width}x${first.height}` : null,
  };
}

export async function benchGoLive(options: GoLiveBenchOptions, print: (figures: object) => void): Promise<void> {
  const requireHere = createRequire(__filename);
  const located = await locateFfmpeg({ env: process.env, ffmpegStaticPath: ffmpegStaticPathFrom(requireHere), isExecutable: isExecutableFile, platform: process.platform });
  if (!located) throw new Error('FFmpeg is needed: run npm run setup');
  const ffmpeg = located.path;
  const camera = await benchCameraY4m(options.cacheDir, ffmpeg, 1280, 720, 4);
  const cameraMp4 = await benchCameraMp4(options.cacheDir, ffmpeg);
  const card = await benchCardPng(options.cacheDir, ffmpeg);

  // The room server the studio runs (`npm run room`'s), in a process of its own as the studio
  // runs it, kept to this machine on a free port and reached by the core only through its
  // protocol and broadcaster API; its mediasoup observer times the first keyframe at the SFU.
  const roomDir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-bench-room-'));
  const room = await startBenchRoom({ benchEntry: options.benchEntry, dataDir: roomDir, packageRoot: options.packageRoot, viewerDir: options.rendererDir, trustLoopbackProxy: options.chat > 0 });
  let nginx: NginxRtmp | null = null;
  try {
    nginx = await startNginxRtmp();
    const bench: Bench = { options, ffmpeg, camera, room, nginx };

    const windows: CpuWindow[] = [];
    for (let index = 0; index < options.rounds; index += 1) {
      windows.push(await shopcastWindow(bench));
      windows.push(await floorWindow(bench, index, cameraMp4, card));
    }
    const live = await liveShow(bench);

    const shopcast = windows.filter((window) => window.side === 'shopcast');
    const floor = windows.filter((window) => window.side === 'floor');
    const shopcastCores = median(shopcast.map((window) => window.coresPerStreamSecond));
    const floorCores = median(floor.map((window) => window.coresPerStreamSecond));
    const breakdown = (list: CpuWindow[], groups: readonly ProcessGroup[]) =>
      Object.fromEntries(groups.map((group) => [group, round(median(list.map((window) => window.byGroup[group] ?? 0)))]));
    const viewer = viewerFigures(live.frames, live.timing.atWall);
    const { health } = live.session;
    const figures = {
      bench: 'golive',
      scene: 'BENCH-SCENE.md: 1280x720 30 fps, camera (testsrc2 clip as the fake capture device) + 400x200 card + text line; libx264 veryfast zerolatency CBR 2500k, keyframe every 2 s',
      destinations: {
        both: 'RTMP push to a local nginx-rtmp (H.264 + AAC FLV), a Matroska recording (H.264 + AAC), the embedded room\'s mediasoup SFU over plain RTP (H.264 + Opus, a broadcaster each)',
        shopcast: 'one encoder FFmpeg (H.264 + AAC + Opus in NUT) and one -c copy remuxer per destination',
        floor: 'one FFmpeg, BENCH-SCENE.md\'s floor command (camera.mp4, card.png, sine), Opus added for the SFU, a tee to the same three destinations',
      },
      seconds: options.seconds,
      cpuWindowSeconds: options.windowSeconds,
      cpuRounds: options.rounds,
      cpuRatioVsFfmpeg: round(shopcastCores / floorCores, 2),
      shopcastCpuCoresPerStreamSecond: round(shopcastCores),
      floorCpuCoresPerStreamSecond: round(floorCores),
      shopcastCpuBreakdown: breakdown(shopcast, SHOPCAST_GROUPS),
      floorCpuBreakdown: breakdown(floor, FLOOR_GROUPS),
      browserCpuByProcess: Object.fromEntries(
        [...new Set(shopcast.flatMap((window) => Object.keys(window.browserByProcess ?? {})))].map((label) => [label, round(median(shopcast.map((window) => window.browserByProcess?.[label] ?? 0)))]),
      ),
      cpuCounted: {
        shopcast: 'core = this process (core, media channel; the bench itself idles in a window); room = the room server\'s own process; browser = the studio Chromium tree; encoder; remuxers = every other FFmpeg child; sfu = the mediasoup workers',
        floor: 'the floor FFmpeg + the mediasoup workers receiving its RTP; nginx-rtmp counted on neither side; no viewer watches during CPU windows',
      },
      cpuWindows: windows.map((window) => ({
        side: window.side,
        seconds: round(window.seconds, 1),
        cores: round(window.coresPerStreamSecond),
        frames: window.frames,
        duplicated: window.duplicated,
        dropped: window.dropped,
        ...(window.goLiveMs !== undefined ? { goLiveMs: round(window.goLiveMs, 0) } : {}),
        machineCores: round(window.machineCores),
        outsideBenchCores: round(window.outsideCores),
      })),
      droppedFrames: health.droppedFrames,
      duplicatedFrames: health.duplicatedFrames,
      framesCountedBy: 'the encoder FFmpeg\'s -progress drop_frames/dup_frames (live session health), from Go Live to the end of the live show',
      droppedFramesAfterWarmup: health.droppedFrames - live.droppedAtStartup,
      duplicatedFramesAfterWarmup: health.duplicatedFrames - live.duplicatedAtStartup,
      compositorFramesDropped: live.compositorFramesDropped,
      liveState: live.session.state,
      liveDestinations: live.session.destinations.map((destination) => `${destination.id === 'room' || destination.id === 'recording' ? destination.id : 'rtmp'}:${destination.state}:${destination.restarts}`),
      encoderRestarts: live.session.encoderRestarts,
      healthWarnings: live.healthWarnings,
      goLiveMs: round(live.coldTiming.firstKeyframeMs, 0),
      goLiveMeasuredAt:
        'goLive dispatched to the core (no UI click) -> first keyframe of the show\'s video producer, traced inside the room process\'s mediasoup router (producer trace events), on the machine\'s clock; goLiveMs is the first Go Live of a freshly started core (it includes choosing the encoder: probe + test encodes), goLiveWarmMs the next show on the same core',
      goLiveFirstRtpMs: round(live.coldTiming.firstRtpMs, 0),
      goLiveDispatchMs: round(live.coldTiming.dispatchMs, 0),
      goLiveFfmpegSpawnedMs: live.coldTiming.spawnedMs,
      goLiveWarmMs: round(live.warmTiming?.firstKeyframeMs ?? null, 0),
      goLiveWarmDispatchMs: round(live.warmTiming?.dispatchMs ?? null, 0),
      goLiveWarmFfmpegSpawnedMs: live.warmTiming?.spawnedMs ?? null,
      goLiveMsCpuWindows: shopcast.map((window) => round(window.goLiveMs ?? null, 0)),
      ...viewer,
      glassToGlassMeasuredAt:
        'viewer page (second Chromium, /watch/shop on 127.0.0.1): requestVideoFrameCallback presentationTime minus the compositor\'s stamped send time (taken as it starts composing the frame), every presented frame of the live show',
      rssMb: round(live.peakRssMb, 0),
      rssMbByGroupAtPeak: live.peakRssByGroup,
      pssMb: round(live.peakPssMb, 0),
      pssMbByProcessAtPeak: live.pssAtPeak.map((entry) => `${entry.group} ${entry.label}: ${entry.pssMb ?? '?'} PSS / ${entry.rssMb} RSS`),
      rssMeasuredOver: 'peak over 1 s samples of the sum of VmRSS of core + studio Chromium tree + FFmpeg children + mediasoup workers while live; the viewer page\'s Chromium and nginx excluded; PSS (shared pages split) sampled every 10 s',
      liveShowCpuCores: {
        ...Object.fromEntries(Object.entries(live.cpu.byGroup).map(([group, cores]) => [group, round(cores ?? null)])),
        total: round(sumGroups(new Map(Object.entries(live.cpu.byGroup) as [ProcessGroup, number][]), SHOPCAST_GROUPS)),
        viewerNotCounted: round(live.cpu.viewer),
        machineCores: round(live.cpu.machineCores),
        outsideBenchCores: round(live.cpu.outsideCores),
        note: 'during the live show, with a viewer watching and the bench sampling every second (core includes the bench\'s own sampling and the viewer\'s CDP polling)',
      },
      viewerFramesDecoded: live.viewerFramesDecoded,
      chat: live.chat === null ? null : { offeredPerSecond: options.chat, viewers: options.chat, ...live.chat, seconds: round(live.chat.seconds, 1), acceptedPerSecond: round(live.chat.accepted / live.chat.seconds, 0) },
      goals: {
        cpuRatioVsFfmpeg: { goal: '<= 1.25', met: shopcastCores / floorCores <= 1.25 },
        droppedDuplicated: { goal: '0 each', met: health.droppedFrames === 0 && health.duplicatedFrames === 0 },
        goLiveMs: { goal: '<= 1000', met: live.coldTiming.firstKeyframeMs <= 1000, warmMet: (live.warmTiming?.firstKeyframeMs ?? Infinity) <= 1000 },
        glassToGlassP95Ms: { goal: '<= 300', met: viewer.glassToGlassP95Ms !== null && viewer.glassToGlassP95Ms <= 300 },
        rssMb: { goal: '<= 600', met: live.peakRssMb <= 600 },
      },
    };
    print(figures);
  } finally {
    await nginx?.dispose();
    await room.close();
    await rm(roomDir, { recursive: true, force: true });
  }
}
