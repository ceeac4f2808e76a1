import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { types } from 'mediasoup';
import { isExecutableFile, locateFfmpeg } from '../main/ffmpeg/ffmpegLocator.node';
import { createLogger, type LogRecord } from '../main/log/logger.std';
import { openSfu, type SfuOpening } from '../main/sfu/openSfu.node';
import { sfuConfigSchema } from '../main/sfu/sfuConfig.std';
import type { WorkerPool } from '../main/sfu/workerPool.node';
import { localSfuWorkerPlace, SFU_WORKER_ENV, sfuWorkerMissingMessage, sfuWorkerPath } from '../main/sfu/sfuWorkerPath.node';

// Shared by the SFU's tests (no test framework in here): the real worker, real FFmpeg, a logger
// that keeps its records. Each test file gives its own port range so files running side by side
// never compete for ports.

const root = fileURLToPath(new URL('..', import.meta.url));

/** The real worker binary, or why the real-worker tests are skipped. */
export const testWorkerBin = sfuWorkerPath(process.env, existsSync, localSfuWorkerPlace(root));
/** Puts the worker path a test file found in the environment back as it was (absent included). */
export function restoreWorkerEnv(previous: string | undefined): void {
  if (previous === undefined) Reflect.deleteProperty(process.env, SFU_WORKER_ENV);
  else process.env[SFU_WORKER_ENV] = previous;
}

export const skipWithoutWorker = testWorkerBin === null ? `skipped: ${sfuWorkerMissingMessage()}` : '';

export function recordingLogger(): { log: ReturnType<typeof createLogger>; records: LogRecord[] } {
  const records: LogRecord[] = [];
  return { log: createLogger((record) => records.push(record), 'test'), records };
}

/** `cpuCount` defaults to `maxWorkers`: one worker per core, as many as allowed. */
export async function openTestSfu(
  ports: { min: number; max: number },
  workers: { maxWorkers: number; cpuCount?: number },
  log = recordingLogger().log,
): Promise<Extract<SfuOpening, { available: true }>> {
  const config = sfuConfigSchema.parse({ rtcMinPort: ports.min, rtcMaxPort: ports.max, maxWorkers: workers.maxWorkers });
  const opening = await openSfu({
    env: process.env,
    exists: existsSync,
    place: localSfuWorkerPlace(root),
    requireModule: createRequire(import.meta.url),
    config,
    cpuCount: workers.cpuCount ?? workers.maxWorkers,
    log,
  });
  if (!opening.available) throw new Error(opening.reason);
  return opening;
}

/** mediasoup-demo's ffmpeg.sh plan for H.264: one set of numbers for the producer and FFmpeg. */
export const h264Plan = { payloadType: 101, ssrc: 2222, clockRate: 90000, profileLevelId: '42e01f' } as const;

export const h264RtpParameters = {
  codecs: [
    {
      mimeType: 'video/H264',
      payloadType: h264Plan.payloadType,
      clockRate: h264Plan.clockRate,
      parameters: { 'packetization-mode': 1, 'profile-level-id': h264Plan.profileLevelId },
    },
  ],
  encodings: [{ ssrc: h264Plan.ssrc }],
};

/** H.264 test pattern in real time as RTP, SPS/PPS in-band before each keyframe (no global header). */
export function h264PushArgs(ip: string, port: number, rtcpPort: number, seconds: number): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-re', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30', '-t', String(seconds),
    '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'baseline',
    '-pix_fmt', 'yuv420p', '-g', '30',
    '-f', 'rtp', '-ssrc', String(h264Plan.ssrc), '-payload_type', String(h264Plan.payloadType),
    `rtp://${ip}:${port}?rtcpport=${rtcpPort}&pkt_size=1200`,
  ];
}

export interface FfmpegPush {
  process: ChildProcess;
  /** Rejects with FFmpeg's own words if it fails before stop(). */
  failed: Promise<never>;
  stop(): Promise<void>;
}

export async function startFfmpeg(args: string[]): Promise<FfmpegPush> {
  const location = await locateFfmpeg({ env: process.env, ffmpegStaticPath: () => null, isExecutable: isExecutableFile, platform: process.platform });
  if (location === null) throw new Error('FFmpeg is missing: run `npm run setup`.');
  const child = spawn(location.path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  let stopping = false;
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const failed = new Promise<never>((_resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!stopping && code !== 0) reject(new Error(`FFmpeg exited with ${code}: ${errors}`));
    });
  });
  failed.catch(() => undefined);
  return {
    process: child,
    failed,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Every producer made on the pool's current workers, by id, through mediasoup's observer API. */
export function watchProducers(pool: WorkerPool): Map<string, types.Producer> {
  const seen = new Map<string, types.Producer>();
  for (const worker of pool.workers()) {
    worker?.observer.on('newrouter', (router) =>
      router.observer.on('newtransport', (transport) => transport.observer.on('newproducer', (producer) => seen.set(producer.id, producer))),
    );
  }
  return seen;
}
