import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createLogger } from '../main/log/logger.std';
import { startRoomHost } from '../main/room/roomHost.node';
import { createSfuArrivals, type Arrival } from './sfuArrivals.node';

// The Go Live benchmark's room, in a process of its own as the studio runs it: `npm run room`'s
// server (startRoomHost), started by the bench entry itself (`bench.node.js room-process`) so
// mediasoup's observer inside it can time the show's first RTP packet and keyframe at the SFU
// (sfuArrivals.node.ts). Times cross the process boundary as epoch milliseconds from each
// process's high-resolution clock (performance.timeOrigin + performance.now()).

type ToRoom = { type: 'arm' };
type FromRoom = { type: 'ready'; port: number } | { type: 'arrival'; firstRtpAt: number | null; firstKeyframeAt: number };

export interface BenchRoom {
  port: number;
  token: string;
  pid: number;
  /** Watches the next video producer made in the room (the next Go Live's). */
  arm(): Arrival;
  close(): Promise<void>;
}

const toEpoch = (at: number) => performance.timeOrigin + at;
const fromEpoch = (epoch: number) => epoch - performance.timeOrigin;

export interface BenchRoomOptions {
  /** The built bench entry (dist-bench/bench.node.js). */
  benchEntry: string;
  dataDir: string;
  packageRoot: string;
  viewerDir: string;
  /** Believe X-Forwarded-For from 127.0.0.1: the chat load's viewers each have an address. */
  trustLoopbackProxy: boolean;
}

export async function startBenchRoom(options: BenchRoomOptions): Promise<BenchRoom> {
  const token = `bench-room-${randomUUID()}`;
  const child: ChildProcess = fork(options.benchEntry, ['room-process', options.dataDir, options.packageRoot, options.viewerDir, options.trustLoopbackProxy ? 'trust-loopback' : 'no-proxy'], {
    env: { ...process.env, SHOPCAST_ROOM_TOKEN: token },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let armed: { arrival: Arrival; resolve: (at: number) => void } | null = null;
  const ready = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench room exited (${String(code)}) before it listened`)));
    child.on('message', (message: FromRoom) => {
      if (message.type === 'ready') resolve(message.port);
      else if (armed) {
        const { arrival, resolve: arrived } = armed;
        armed = null;
        arrival.firstRtpAt = message.firstRtpAt === null ? null : fromEpoch(message.firstRtpAt);
        arrived(fromEpoch(message.firstKeyframeAt));
      }
    });
  });
  const port = await ready;
  return {
    port,
    token,
    pid: child.pid ?? 0,
    arm() {
      let resolve: (at: number) => void = () => {};
      const arrival: Arrival = { firstRtpAt: null, firstKeyframeAt: new Promise<number>((done) => (resolve = done)) };
      armed = { arrival, resolve };
      const message: ToRoom = { type: 'arm' };
      child.send(message);
      return arrival;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** The child's side: `bench.node.js room-process <dataDir> <packageRoot> <viewerDir> <trust-loopback|no-proxy>`. */
export async function runBenchRoomProcess(args: readonly string[]): Promise<void> {
  const [dataDir = '', packageRoot = '', viewerDir = '', proxy = 'no-proxy'] = args;
  const arrivals = createSfuArrivals();
  const host = await startRoomHost({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    rooms: ['shop'],
    token: process.env['SHOPCAST_ROOM_TOKEN'] ?? '',
    packageRoot,
    viewerDir,
    publicUrl: null,
    trustedProxies: proxy === 'trust-loopback' ? ['127.0.0.1'] : [],
    env: process.env,
    requireModule: arrivals.requireModule(createRequire(__filename)),
    log: createLogger(() => {}),
    newId: randomUUID,
  });
  if (host.videoReason !== null) throw new Error(`the room's SFU is not available: ${host.videoReason}`);
  const send = (message: FromRoom) => process.send?.(message);
  process.on('message', (message: ToRoom) => {
    if (message.type !== 'arm') return;
    const arrival = arrivals.arm();
    void arrival.firstKeyframeAt.then((at) => send({ type: 'arrival', firstRtpAt: arrival.firstRtpAt === null ? null : toEpoch(arrival.firstRtpAt), firstKeyframeAt: toEpoch(at) }));
  });
  const stop = () => void host.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  send({ type: 'ready', port: host.port });
}
