import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { startNginxRtmp, type NginxRtmp } from '../testing/nginxRtmp.node';
import { ffmpegStaticPathFrom, isExecutableFile, locateFfmpeg } from '../main/ffmpeg/ffmpegLocator.node';
import { startBenchRoom } from './benchRoomProcess.node';
import { benchCameraY4m, benchCardPng } from './benchScene.node';
import { sumGroups, type ProcessGroup } from './goliveProcesses.node';
import type { H264EncoderName } from '../main/ffmpeg/encodePlan.std';
import { median, round } from './stats.std';
import { type Bench, FLOOR_GROUPS, type GoLiveBenchOptions, SHOPCAST_GROUPS } from './goliveStudio.node';
import { type CpuWindow, floorWindow, shopcastWindow } from './goliveCpu.node';
import { liveShow, viewerFigures } from './goliveShow.node';

// `npm run bench -- golive [--seconds N]`: issue 5's Go Live benchmark on the scene of
// ../shared/BENCH-SCENE.md (720p30, camera + card + text; the camera is the bench clip as
// Chromium's fake capture device). Everything runs here, on one clock:
//  - the live room (its mediasoup SFU) in a process of its own, as `npm run studio` runs it,
//    kept to 127.0.0.1; a private nginx-rtmp; the studio page in a Chromium without DevTools
//    (studioInChromium.node.ts) talking to the real core in this process. Its parts:
//    goliveStudio (the studio and Go Live), goliveCpu (the CPU windows), goliveShow (the show).
//  - CPU: Shopcast live (compositor → core → encoder → remuxers to the SFU, the RTMP push and the
//    recording) and the plain-FFmpeg floor pushing to the same three destinations (goliveFloor),
//    in alternating windows, each after its own warm-up, nothing else running; medians.
//  - then one live show of `seconds`: FFmpeg's dropped and duplicated frames, Go Live → first
//    keyframe at the SFU, glass-to-glass from the test-pattern stamp read in a viewer page (a
//    second Chromium on the room's /watch page), and peak memory sampled every second.

export async function benchGoLive(options: GoLiveBenchOptions, print: (figures: object) => void): Promise<void> {
  const requireHere = createRequire(__filename);
  const located = await locateFfmpeg({ env: process.env, ffmpegStaticPath: ffmpegStaticPathFrom(requireHere), isExecutable: isExecutableFile, platform: process.platform });
  if (!located) throw new Error('FFmpeg is needed: run npm run setup');
  const ffmpeg = located.path;
  const camera = await benchCameraY4m(options.cacheDir, ffmpeg, 1280, 720, 4);
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
      const shopcastSide = await shopcastWindow(bench);
      windows.push(shopcastSide);
      // The floor encodes with what Shopcast chose, from the same raw camera file.
      windows.push(await floorWindow(bench, index, camera, card, (shopcastSide.encoder ?? 'libx264') as H264EncoderName));
    }
    const live = await liveShow(bench);

    // Only clean windows count (every destination up, nothing restarted): the others are counted apart.
    const shopcast = windows.filter((window) => window.side === 'shopcast' && window.unclean === null);
    const floor = windows.filter((window) => window.side === 'floor' && window.unclean === null);
    const shopcastCores = median(shopcast.map((window) => window.coresPerStreamSecond));
    const floorCores = median(floor.map((window) => window.coresPerStreamSecond));
    const encoders = [...new Set(windows.map((window) => window.encoder ?? 'unknown'))];
    const breakdown = (list: CpuWindow[], groups: readonly ProcessGroup[]) =>
      Object.fromEntries(groups.map((group) => [group, round(median(list.map((window) => window.byGroup[group] ?? 0)))]));
    const viewer = viewerFigures(live.frames, live.timing.atWall);
    const { health } = live.session;
    const figures = {
      bench: 'golive',
      scene: 'BENCH-SCENE.md: 1280x720 30 fps, camera (the testsrc2 clip as a raw .y4m: Chromium\'s fake capture device, and the floor\'s input) + 400x200 card + text line; both sides encode with Shopcast\'s encoder arguments for the encoder it chose (720p30: CBR 2500k, one-second VBV, a keyframe every second; libx264: veryfast zerolatency, constrained baseline 3.1)',
      encoder: encoders.length === 1 ? encoders[0] : encoders,
      destinations: {
        both: 'RTMP push to a local nginx-rtmp (H.264 + AAC FLV), a Matroska recording (H.264 + AAC), the embedded room\'s mediasoup SFU over plain RTP (H.264 + Opus, a broadcaster each)',
        shopcast: 'one encoder FFmpeg (H.264 + AAC + Opus in NUT) and one -c copy remuxer per destination',
        floor: 'one FFmpeg: BENCH-SCENE.md\'s picture (camera.y4m, card.png, sine) with Shopcast\'s encoder arguments, Opus added for the SFU, a tee to the same three destinations',
      },
      seconds: options.seconds,
      cpuWindowSeconds: options.windowSeconds,
      cpuWarmupSeconds: options.warmupSeconds,
      cpuRounds: options.rounds,
      cpuWindowsCounted: { shopcast: shopcast.length, floor: floor.length, notCounted: windows.filter((window) => window.unclean !== null).map((window) => `${window.side}: ${window.unclean}`) },
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
        counted: window.unclean === null,
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
