import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { h264ProfileOf, createEncodePlan, type VideoEncoding } from '../ffmpeg/encodePlan.std';
import { buildEncoderArgs, buildRecordingArgs, buildRtmpRemuxArgs, buildSfuRemuxArgs } from '../ffmpeg/ffmpegArgs.std';
import { createProgressParser, type FfmpegProgress } from '../ffmpeg/ffmpegProgress.std';
import { outputProfileSpec } from '../ffmpeg/outputProfiles.std';
import { createRtpPlan } from '../ffmpeg/rtpPlan.std';
import type { Logger } from '../log/logger.std';
import type { FrameSink, MediaFrame } from '../media/mediaIngest.std';
import { offlineSession, type LiveDestination, type LiveSession } from '../../contract/schemas/live.std';
import type { OutputProfile } from '../../contract/schemas/settings.std';
import type { Spawn } from '../ffmpeg/childProcesses.node';
import { repairShow, segmentsOf } from '../ffmpeg/showRepair.node';
import { showIdOf } from '../ffmpeg/showId.std';
import { startEncoder, type EncoderProcess } from '../ffmpeg/encoderProcess.node';
import { nextStreamState, type GoLiveEvent } from './goLiveMachine.std';
import { startRemuxer } from '../ffmpeg/remuxer.node';
import { destinationRestartPolicy, encoderRestartPolicy, rtmpRestartPolicy, type RestartPolicy } from '../ffmpeg/restartPolicy.std';
import { nextDestinationStatus } from './destinationStatus.std';
import { serverHostOf } from './destinationTest.std';
import { reachRtmpServer } from './rtmpReach.node';
import type { JoinFrom } from '../ffmpeg/nutJoin.std';
import { createRoomLeg, type RoomLeg } from './roomLeg.node';
import { freeUdpPorts } from './udpPorts.node';
import { healthOf } from './streamHealth.std';
import { createSupervisor, type Running, type Supervisor } from '../ffmpeg/supervisor.std';
import { createNutFanout } from '../ffmpeg/nutJoin.std';

// Go Live: one encoder FFmpeg for the composed program, its NUT stream fanned out to one `-c copy`
// remuxer per destination (the studio's room over RTP, each RTMP push, the recording), each
// supervised on its own: a dead RTMP server or SFU stops neither the others nor the recording.
// If the encoder dies it is back within the restart policy's delay; the destinations restart on
// its new stream (the recording in a new segment of the same show).

/** Where a show pushes: an RTMP(S) server, or a Shopcast room (the studio's own, or one on the shop's server). */
export type PushTarget =
  | {
      kind: 'rtmp';
      id: string;
      name: string;
      /** The full push URL, stream key included: secret, never logged. */
      url: string;
    }
  | { kind: 'room'; id: string; name: string; roomUrl: string; token: string };

export interface LiveControllerDeps {
  log: Logger;
  spawn: Spawn;
  now: () => number;
  schedule: (ms: number, run: () => void) => () => void;
  every: (ms: number, run: () => void) => () => void;
  randomUint32: () => number;
  findFfmpeg: () => Promise<string | null>;
  /** The H.264 encoder for this machine (hardware when a test encode works), or a refusal in words. */
  chooseEncoder: (ffmpegPath: string, profile: OutputProfile) => Promise<{ ok: true; encoding: VideoEncoding } | { ok: false; message: string }>;
  outputProfile: () => OutputProfile;
  /** Where the compositor's frames come in; the controller plugs the encoder in while live. */
  setFrameSink: (sink: FrameSink | null) => void;
  latestVideoFrame: () => MediaFrame | null;
  pushTargets: () => Promise<PushTarget[]>;
  recordingsDir: string;
  /** Runs before the show's segments are joined into show.mp4 (its timeline written out, for the chapters). */
  beforeJoin?: () => Promise<void>;
  onSession: (session: LiveSession) => void;
}

export interface LiveController {
  start(): Promise<LiveSession>;
  stop(): Promise<LiveSession>;
  session(): LiveSession;
  /** Asks every room now whether it still has the show's broadcaster (a room known to have restarted), instead of at the next check. */
  checkRooms(): void;
}

/** How much of the recording's or a room's copy may wait in its pipe: about ten seconds at 4.5 Mb/s. */
const MAX_DESTINATION_BACKLOG_BYTES = 6 * 1024 * 1024;
/**
 * An RTMP push's: about 3 s at 4.5 Mb/s (the first GOP's zeros included, nutJoin.std.ts). A
 * platform drops or refuses a stream that arrives in a burst, so a push that falls further behind
 * is restarted at the live edge instead: what it missed is dropped, never replayed.
 */
const MAX_RTMP_BACKLOG_BYTES = 2 * 1024 * 1024;
/** How long an RTMP push may take to connect and send its first packet before the attempt counts as failed. */
const RTMP_FLOWING_WITHIN_MS = 15_000;
const SILENCE_CHUNK_MS = 20;
/** 20 ms of 48 kHz stereo s16le silence. */
const silence = new Uint8Array((48_000 * SILENCE_CHUNK_MS * 2 * 2) / 1000);
/** How often the room's broadcaster is checked (an SFU worker restart drops it). */
const ROOM_CHECK_MS = 2000;

interface Destination {
  status: LiveDestination;
  supervisor: Supervisor;
}

export function createLiveController(deps: LiveControllerDeps): LiveController {
  const { log } = deps;
  let session: LiveSession = offlineSession;
  let destinations: Destination[] = [];
  let encoderSupervisor: Supervisor | null = null;
  let encoder: EncoderProcess | null = null;
  /** The rooms this show broadcasts to, by destination id. */
  let legs = new Map<string, RoomLeg>();
  let stopChecks: (() => void) | null = null;
  let segmentCount = 0;
  let stopping: Promise<LiveSession> | null = null;
  let recentProgress: FfmpegProgress[] = [];
  let lastAudioAt = 0;
  let stopSilence: (() => void) | null = null;

  const publish = (patch: Partial<LiveSession>) => {
    session = { ...session, ...patch, destinations: destinations.map((destination) => destination.status) };
    deps.onSession(session);
  };

  const transition = (event: GoLiveEvent, patch: Partial<LiveSession> = {}) => {
    const next = nextStreamState(session.state, event);
    if (next === session.state && Object.keys(patch).length === 0) return;
    publish({ ...patch, state: next });
  };

  const sink: FrameSink = {
    write(frame) {
      const current = encoder;
      if (!current) return;
      if (frame.header.kind === 'audio-s16') {
        lastAudioAt = deps.now();
        return current.writeAudio(frame.payload);
      }
      return current.writeVideo(frame.payload);
    },
  };

  const addDestination = (
    status: Pick<LiveDestination, 'id' | 'kind' | 'name'>,
    start: (signal: AbortSignal) => Promise<Running>,
    options: { policy?: RestartPolicy; host?: string } = {},
  ) => {
    const destination: Destination = {
      status: { ...status, state: 'stopped', message: null, reason: null, retryInMs: null, restarts: 0, bitrateKbps: null },
      supervisor: createSupervisor({
        name: status.name,
        policy: options.policy ?? destinationRestartPolicy,
        start,
        nowMs: deps.now,
        schedule: deps.schedule,
        onState: (state, detail) => {
          destination.status = nextDestinationStatus(destination.status, state, detail, options.host ?? status.name);
          if (detail.message) log.warn('destination', { id: status.id, state, message: detail.message });
          publish({});
        },
      }),
    };
    destinations.push(destination);
  };

  /** Why a destination is down while its attempt waits (its server not answering yet). */
  const downBecause = (id: string, reason: string) => {
    const destination = destinations.find((candidate) => candidate.status.id === id);
    if (!destination || destination.status.state === 'running') return;
    destination.status = { ...destination.status, reason };
    publish({});
  };

  const fail = (message: string) => {
    log.warn('could not go live', { message });
    deps.setFrameSink(null);
    destinations = [];
    transition({ type: 'failed' }, { message });
    return session;
  };

  const checkRooms = () => {
    for (const [id, roomLeg] of legs) {
      const room = destinations.find((destination) => destination.status.id === id);
      if (room?.supervisor.state !== 'running') continue;
      void roomLeg.alive().then((alive) => {
        if (alive || room.supervisor.state !== 'running') return;
        log.warn('a room lost its broadcaster (the room or its SFU restarted); reconnecting', { id });
        void room.supervisor.restart();
      });
    }
  };

  return {
    session: () => session,
    checkRooms,

    async start() {
      if (session.state !== 'offline') return session;
      const startedAt = deps.now();
      destinations = [];
      segmentCount = 0;
      recentProgress = [];
      transition({ type: 'start' }, { ...offlineSession, startedAt });
      const ffmpegPath = await deps.findFfmpeg();
      if (!ffmpegPath) return fail('FFmpeg was not found. Run "npm run setup", or set FFMPEG_PATH to an ffmpeg binary.');
      const profile = deps.outputProfile();
      const choice = await deps.chooseEncoder(ffmpegPath, profile);
      if (!choice.ok) return fail(choice.message);

      const spec = outputProfileSpec(profile);
      const latest = deps.latestVideoFrame();
      // The compositor composes at the output size; if it does not (yet), the encoder scales.
      const plan = createEncodePlan({ profile, video: choice.encoding, input: latest ? { width: latest.header.width, height: latest.header.height } : {} });
      const rtpPlan = createRtpPlan({ profile: h264ProfileOf(choice.encoding), level: spec.h264Level, randomUint32: deps.randomUint32 });
      const showId = showIdOf(startedAt);
      const showDir = path.join(deps.recordingsDir, showId);
      await mkdir(showDir, { recursive: true });
      const fanout = createNutFanout();
      const remux =
        (id: string, args: readonly string[], push: { joinFrom: JoinFrom; maxBacklogBytes: number; flowingWithinMs?: number; beforeJoin?: () => Promise<void> } = { joinFrom: 'syncpoint', maxBacklogBytes: MAX_DESTINATION_BACKLOG_BYTES }) =>
        (signal?: AbortSignal) => {
          const progress = createProgressParser((snapshot) => {
            const destination = destinations.find((candidate) => candidate.status.id === id);
            // A run's last block may come after its supervisor has moved on: only a running copy has a bitrate.
            if (destination?.status.state !== 'running' || destination.status.bitrateKbps === snapshot.bitrateKbps) return;
            destination.status = { ...destination.status, bitrateKbps: snapshot.bitrateKbps };
            publish({});
          });
          return startRemuxer({ ffmpegPath, args, fanout, spawn: deps.spawn, log: log.child(id), ...push, signal, onProgress: (text) => progress.push(text) });
        };
      // An RTMP push (re)starts at the live edge: its FFmpeg starts, waits for the server to take
      // a connection, then joins the stream at the next keyframe, and counts as running once it sends.
      const rtmpPush = (id: string, url: string) => (signal: AbortSignal) =>
        remux(id, buildRtmpRemuxArgs(url), {
          joinFrom: 'keyframe',
          maxBacklogBytes: MAX_RTMP_BACKLOG_BYTES,
          flowingWithinMs: RTMP_FLOWING_WITHIN_MS,
          beforeJoin: () => reachRtmpServer(url, signal, (reason) => downBecause(id, reason)),
        })(signal);
      addDestination({ id: 'recording', kind: 'recording', name: 'Recording' }, () => {
        segmentCount += 1;
        const file = path.join(showDir, `segment-${String(segmentCount).padStart(3, '0')}.mkv`);
        return remux('recording', buildRecordingArgs(file, 'matroska'))();
      });
      const addRoom = async (id: string, name: string, roomLeg: RoomLeg) => {
        // Pinned once per show: comedia locks each transport onto the first source port it sees.
        const [videoRtp = 0, videoRtcp = 0, audioRtp = 0, audioRtcp = 0] = await freeUdpPorts(4);
        legs.set(id, roomLeg);
        addDestination({ id, kind: 'room', name }, async () => {
          const target = await roomLeg.ensure();
          return remux(id, buildSfuRemuxArgs(rtpPlan, { ...target, localPorts: { videoRtp, videoRtcp, audioRtp, audioRtcp } }))();
        });
      };
      const broadcasterId = `studio-${showId}`;
      for (const target of await deps.pushTargets()) {
        if (target.kind === 'rtmp') addDestination({ id: target.id, kind: 'rtmp', name: target.name }, rtmpPush(target.id, target.url), { policy: rtmpRestartPolicy, host: serverHostOf(target.url) });
        else await addRoom(target.id, target.name, createRoomLeg({ roomUrl: target.roomUrl, token: target.token, plan: rtpPlan, broadcasterId, fetch, log: log.child(`room:${target.id}`) }));
      }

      let firstRun = true;
      const progress = createProgressParser((snapshot) => {
        recentProgress = [...recentProgress.slice(-9), snapshot];
        const health = healthOf(recentProgress, choice.encoding.encoder, spec.width * spec.height > 1280 * 720, spec.framesPerSecond);
        if (session.state !== 'live' && (snapshot.frame ?? 0) > 0) {
          transition({ type: 'encoderRunning' }, { health, liveAt: session.liveAt ?? deps.now() });
        } else publish({ health });
      });
      encoderSupervisor = createSupervisor({
        name: 'The encoder',
        policy: encoderRestartPolicy,
        nowMs: deps.now,
        schedule: deps.schedule,
        start: async () => {
          fanout.reset();
          const started = await startEncoder({ ffmpegPath, args: buildEncoderArgs(plan), spawn: deps.spawn, onStream: (chunk) => fanout.push(chunk), onProgress: (text) => progress.push(text) });
          encoder = started;
          // Every destination starts (again) on this run's stream: new timestamps, a new segment.
          if (firstRun) for (const destination of destinations) destination.supervisor.start();
          else for (const destination of destinations) void destination.supervisor.restart();
          firstRun = false;
          return started;
        },
        onState: (state, detail) => {
          if (state === 'retrying') {
            encoder = null;
            log.error('encoder stopped; restarting', { message: detail.message });
            transition({ type: 'encoderLost' }, { encoderRestarts: detail.restarts, message: detail.message });
          }
        },
      });
      publish({ showId, recordingPath: showDir });
      deps.setFrameSink(sink);
      encoderSupervisor.start();
      // FFmpeg stops taking video when its audio pipe goes quiet: with no audio from the
      // compositor (no microphone, a suspended audio context), it gets silence instead.
      stopSilence = deps.every(SILENCE_CHUNK_MS, () => {
        if (encoder && deps.now() - lastAudioAt > SILENCE_CHUNK_MS * 3) void encoder.writeAudio(silence);
      });
      stopChecks = deps.every(ROOM_CHECK_MS, checkRooms);
      return session;
    },

    stop() {
      if (stopping) return stopping;
      if (session.state === 'offline' || session.state === 'ending') return Promise.resolve(session);
      stopping = (async () => {
        transition({ type: 'stop' });
        deps.setFrameSink(null);
        stopChecks?.();
        stopChecks = null;
        stopSilence?.();
        stopSilence = null;
        await encoderSupervisor?.stop();
        encoder = null;
        encoderSupervisor = null;
        await Promise.all(destinations.map((destination) => destination.supervisor.stop()));
        await Promise.all([...legs.values()].map((roomLeg) => roomLeg.close()));
        legs = new Map();
        const ffmpegPath = await deps.findFfmpeg();
        const showDir = session.recordingPath;
        let recordingPath = showDir;
        if (ffmpegPath && showDir) {
          // The same join as a crash's repair: into a temporary MP4, read back whole, then renamed.
          // Nothing recorded: no recording. Not joined: the folder, whose segments are kept.
          const sizes = await Promise.all((await segmentsOf(showDir)).map((file) => stat(file).then((info) => info.size, () => 0)));
          const recorded = sizes.some((size) => size > 0);
          await deps.beforeJoin?.().catch((error: unknown) => log.warn('before the join', { error }));
          const joined = recorded ? await repairShow({ ffmpegPath, spawn: deps.spawn, log }, showDir) : null;
          recordingPath = joined === null ? null : joined.repaired ? joined.output : showDir;
        }
        transition({ type: 'stopped' }, { recordingPath, liveAt: null });
        stopping = null;
        return session;
      })();
      return stopping;
    },
  };
}
