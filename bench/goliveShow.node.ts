import type { LiveSession } from '../contract/schemas/live.std';
import { stampSendTime } from '../contract/testStamp.std';
import { startChatLoad, type ChatLoadResult } from './chatLoad.node';
import { cpuByGroup, machineBusySeconds, readProcesses, shopcastMemoryMb, type ProcessGroup, type ProcessReading } from './goliveProcesses.node';
import { launchViewerBrowser, type ViewerFrame } from './goliveViewer.node';
import { type Bench, type GoLiveTiming, SHOPCAST_GROUPS, call, goLive, openStudio, sleep, waitFor } from './goliveStudio.node';
import { percentile, round } from './stats.std';
import { machineFigures, perSecond } from './goliveCpu.node';

// The golive bench's measured live show: drops, first keyframe, glass-to-glass and memory.

export interface LiveResult {
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

export async function liveShow(bench: Bench): Promise<LiveResult> {
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
export function viewerFigures(frames: readonly ViewerFrame[], goLiveAtWall: number) {
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

