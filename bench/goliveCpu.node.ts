import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LiveSession } from '../contract/schemas/live.std';
import { h264ProfileOf, videoEncodingFor, type H264EncoderName } from '../main/ffmpeg/encodePlan.std';
import { outputProfileSpec } from '../main/ffmpeg/outputProfiles.std';
import { createRtpPlan } from '../main/ffmpeg/rtpPlan.std';
import { createRoomLeg } from '../main/live/roomLeg.node';
import { createLogger } from '../main/log/logger.std';
import { floorArgs, startFloor } from './goliveFloor.node';
import { cpuByGroup, cpuByLabel, machineBusySeconds, readProcesses, sumGroups, type ProcessGroup } from './goliveProcesses.node';
import { type StudioInChromium } from './studioInChromium.node';
import { type Bench, FLOOR_GROUPS, SHOPCAST_GROUPS, call, goLive, openStudio, sleep } from './goliveStudio.node';

// The golive bench's CPU windows: Shopcast live and the plain-FFmpeg floor, each measured alone.

export const readShopcast = (bench: Bench, studio: StudioInChromium) => readProcesses({ studioBrowserPid: studio.browserPid, floorPid: null, roomPid: bench.room.pid });

export interface CpuWindow {
  side: 'shopcast' | 'floor';
  /** The video encoder this side used (Shopcast's choice, as its live session reports it; the floor takes the same). */
  encoder: string | null;
  /** Why the window cannot count (a destination down or restarted, the encoder restarted, FFmpeg's errors), or null. */
  unclean: string | null;
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
export function machineFigures(busyBefore: number, busyAfter: number, cpu: Map<ProcessGroup, number>, seconds: number) {
  const machineCores = (busyAfter - busyBefore) / seconds;
  const ours = [...cpu.values()].reduce((sum, value) => sum + value, 0) / seconds;
  return { machineCores, outsideCores: machineCores - ours };
}

export function perSecond(cpu: Map<ProcessGroup, number>, groups: readonly ProcessGroup[], seconds: number): Partial<Record<ProcessGroup, number>> {
  return Object.fromEntries(groups.map((group) => [group, (cpu.get(group) ?? 0) / seconds]));
}

export async function shopcastWindow(bench: Bench): Promise<CpuWindow> {
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
    const restartsBefore = new Map(startSession.destinations.map((destination) => [destination.id, destination.restarts]));
    const troubled = endSession.destinations
      .filter((destination) => destination.state !== 'running' || destination.restarts !== (restartsBefore.get(destination.id) ?? 0))
      .map((destination) => `${destination.id} ${destination.state}, ${destination.restarts} restarts`);
    if (endSession.state !== 'live') troubled.push(`the show is ${endSession.state}`);
    if (endSession.encoderRestarts !== startSession.encoderRestarts) troubled.push('the encoder restarted');
    const unclean = troubled.length > 0 ? troubled.join('; ') : null;
    if (unclean) process.stderr.write(`golive bench: a Shopcast window not counted: ${unclean}\n`);
    await call(core, 'endLive');
    return {
      side: 'shopcast',
      encoder: endSession.health.encoder,
      unclean,
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

/** `encoder`: the one the Shopcast window before it chose, so both sides encode alike. */
export async function floorWindow(bench: Bench, index: number, camera: string, card: string, encoder: H264EncoderName): Promise<CpuWindow> {
  const encoding = videoEncodingFor(encoder);
  const plan = createRtpPlan({ profile: h264ProfileOf(encoding), level: outputProfileSpec('720p30').h264Level, randomUint32: () => randomInt(1, 2 ** 32 - 1) });
  const leg = createRoomLeg({ roomUrl: `http://127.0.0.1:${bench.room.port}/rooms/shop`, token: bench.room.token, plan, broadcasterId: `bench-floor-${index}`, fetch, log: createLogger(() => {}) });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-bench-floor-'));
  try {
    const target = await leg.ensure();
    const floor = startFloor(
      bench.ffmpeg,
      floorArgs(camera, card, { rtmpUrl: bench.nginx.rtmpUrl('live', 'floor-bench'), recordingFile: path.join(dir, 'floor.mkv'), sfu: { plan, target } }, encoding),
    );
    try {
      await sleep(bench.options.warmupSeconds * 1000);
      const roles = { studioBrowserPid: null, floorPid: floor.pid, roomPid: bench.room.pid };
      const progressBefore = floor.progress();
      const saidBefore = floor.stderr();
      const before = await readProcesses(roles);
      const busyBefore = await machineBusySeconds();
      const started = performance.now();
      await sleep(bench.options.windowSeconds * 1000);
      const busyAfter = await machineBusySeconds();
      const after = await readProcesses(roles);
      const seconds = (performance.now() - started) / 1000;
      const progressAfter = floor.progress();
      if (floor.child.exitCode !== null) throw new Error(`the floor FFmpeg exited: ${floor.stderr()}`);
      // At -loglevel error, anything FFmpeg says in the window is a destination failing.
      const unclean = floor.stderr() !== saidBefore ? `FFmpeg said: ${floor.stderr().trim().slice(-300)}` : null;
      if (unclean) process.stderr.write(`golive bench: a floor window not counted: ${unclean}\n`);
      const cpu = cpuByGroup(before, after);
      return {
        side: 'floor',
        encoder,
        unclean,
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

