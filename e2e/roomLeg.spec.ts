import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { buildSfuRemuxArgs, REMUX_FD } from '../main/ffmpeg/ffmpegArgs.std';
import { createRtpPlan, type RtpPlan } from '../main/ffmpeg/rtpPlan.std';
import { createRoomLeg, type BroadcasterPorts, type RoomLeg } from '../main/live/roomLeg.node';
import { freeUdpPorts } from '../main/live/udpPorts.node';
import { createLogger } from '../main/log/logger.std';
import { spawnRoom } from '../testing/spawnRoom.node';
import { roomAnswers, roomChildLauncher } from '../main/roomProcess/roomChildProcess.node';
import { superviseRoom } from '../main/roomProcess/roomSupervisor.std';
import { ROOM_ENTRY } from './roomPeers';
import { tempDataDir } from './studioProcess';

// The one room leg, against both rooms it serves: the studio's own (started and supervised as the
// studio does, main/roomProcess/) and a room on a shop's server (`npm run room`). The same suite
// for both: a broadcaster made, real FFmpeg RTP (the live controller's own remux arguments) taken
// by the SFU, a resync for a restarted FFmpeg, the room restarted under it (alive() says so and the
// next ensure() makes a new broadcaster), and a clean close.

interface RoomUnderTest {
  roomUrl: string;
  token: string;
  /** Kills the room's process and waits until a room listens there again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const token = 'room-leg-e2e-token-0123456789abcdef';
const log = createLogger(() => {});
const schedule = (ms: number, run: () => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

const rooms: Record<string, () => Promise<RoomUnderTest>> = {
  'the studio’s own room': async () => {
    const dataDir = await tempDataDir();
    const supervisor = superviseRoom({
      launch: roomChildLauncher({ entry: ROOM_ENTRY, args: ['--host', '127.0.0.1', '--data-dir', dataDir, '--room', 'shop'], env: { ...process.env, SHOPCAST_ROOM_TOKEN: token }, execPath: process.execPath }),
      roomId: 'shop',
      token,
      port: 0,
      portChosen: true,
      answers: roomAnswers,
      schedule,
      now: Date.now,
      log,
    });
    const started = await supervisor.firstStart;
    if (started.roomUrl === null) throw new Error(`the studio's room did not start: ${started.message ?? ''}`);
    const roomUrl = started.roomUrl;
    return {
      roomUrl,
      token,
      async restart() {
        const back = new Promise<void>((resolve) => {
          const unsubscribe = supervisor.subscribe((room) => {
            if (room.state === 'running' && room.restarts > 0) {
              unsubscribe();
              resolve();
            }
          });
        });
        const pid = supervisor.pid();
        if (pid === undefined) throw new Error('no room process to kill');
        process.kill(pid, 'SIGKILL');
        await back;
      },
      async stop() {
        await supervisor.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
  'a room on a shop’s server (npm run room)': async () => {
    const dataDir = await tempDataDir();
    let room = await spawnRoom(ROOM_ENTRY, { dataDir, port: 0, token });
    const port = room.port;
    return {
      roomUrl: `http://127.0.0.1:${port}/rooms/shop`,
      token,
      async restart() {
        await room.kill();
        room = await spawnRoom(ROOM_ENTRY, { dataDir, port, token });
      },
      async stop() {
        await room.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/** FFmpeg encoding a test pattern into the encoder's NUT layout, piped into the SFU remuxer the live controller runs. */
async function pushRtp(plan: RtpPlan, target: BroadcasterPorts): Promise<{ stop(): Promise<void> }> {
  const [videoRtp = 0, videoRtcp = 0, audioRtp = 0, audioRtcp = 0] = await freeUdpPorts(4);
  const source = spawn(
    'ffmpeg',
    [
      '-hide_banner', '-loglevel', 'error', '-nostdin', '-re',
      '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      '-map', '0:v', '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-g', '30',
      '-map', '1:a', '-c:a', 'aac', '-map', '1:a', '-c:a:1', 'libopus', '-ac', '2',
      '-f', 'nut', 'pipe:1',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const remuxer = spawn('ffmpeg', [...buildSfuRemuxArgs(plan, { ...target, localPorts: { videoRtp, videoRtcp, audioRtp, audioRtcp } })], { stdio: ['pipe', 'ignore', 'ignore', 'ignore'] });
  const stdin = remuxer.stdio[REMUX_FD.nut];
  if (!stdin || !('write' in stdin)) throw new Error('the remuxer has no stdin');
  stdin.on('error', () => undefined);
  source.stdout.pipe(stdin);
  const end = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  };
  return { stop: async () => Promise.all([end(source), end(remuxer)]).then(() => undefined) };
}

async function broadcaster(room: RoomUnderTest, id: string): Promise<{ status: number; producers: { kind: string; score: number }[] }> {
  const response = await fetch(`${room.roomUrl}/broadcasters/${id}`, { headers: { Authorization: `Bearer ${room.token}` } });
  const body = (await response.json().catch(() => ({}))) as { producers?: { kind: string; score: number }[] };
  return { status: response.status, producers: body.producers ?? [] };
}

const videoScore = async (room: RoomUnderTest, id: string) => (await broadcaster(room, id)).producers.find((producer) => producer.kind === 'video')?.score ?? 0;

for (const [kind, startRoom] of Object.entries(rooms)) {
  test.describe(`the room leg into ${kind}`, () => {
    test('makes a broadcaster the SFU takes RTP on, resyncs it, makes it anew after the room restarts, and closes it', async () => {
      test.setTimeout(90_000);
      const room = await startRoom();
      const plan = createRtpPlan({ profile: 'constrained-baseline', level: 31, randomUint32: () => Math.floor(Math.random() * 2 ** 32) });
      const id = `leg-e2e-${Math.random().toString(36).slice(2, 8)}`;
      const leg: RoomLeg = createRoomLeg({ roomUrl: room.roomUrl, token: room.token, plan, broadcasterId: id, fetch, log });
      let push: { stop(): Promise<void> } | null = null;
      try {
        expect(await leg.alive()).toBe(false);
        const target = await leg.ensure();
        expect(target.ip).toBe('127.0.0.1');
        expect((await broadcaster(room, id)).producers.map((producer) => producer.kind).sort()).toEqual(['audio', 'video']);
        push = await pushRtp(plan, target);
        await expect.poll(() => videoScore(room, id), { timeout: 20_000 }).toBeGreaterThan(0);
        expect(await leg.alive()).toBe(true);

        // A restarted FFmpeg: the same broadcaster, resynced.
        await push.stop();
        expect(await leg.ensure()).toEqual(target);
        push = await pushRtp(plan, target);
        await expect.poll(() => videoScore(room, id), { timeout: 20_000 }).toBeGreaterThan(0);

        // The room's process killed and back: the broadcaster is gone, and made anew.
        await push.stop();
        await room.restart();
        expect(await leg.alive()).toBe(false);
        const again = await leg.ensure();
        push = await pushRtp(plan, again);
        await expect.poll(() => videoScore(room, id), { timeout: 20_000 }).toBeGreaterThan(0);

        await push.stop();
        push = null;
        await leg.close();
        expect((await broadcaster(room, id)).status).toBe(404);
        expect(await leg.alive()).toBe(false);
      } finally {
        await push?.stop();
        await room.stop();
      }
    });

    test('says in words when the room refuses its token', async () => {
      const room = await startRoom();
      try {
        let drawn = 1000;
        const plan = createRtpPlan({ profile: 'constrained-baseline', level: 31, randomUint32: () => (drawn += 1) });
        const leg = createRoomLeg({ roomUrl: room.roomUrl, token: 'not-the-token-0123456789abcdef', plan, broadcasterId: 'refused', fetch, log });
        await expect(leg.ensure()).rejects.toThrow('the room server refused the token');
      } finally {
        await room.stop();
      }
    });
  });
}
