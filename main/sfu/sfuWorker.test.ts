import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { types as mediasoupTypes } from 'mediasoup';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isExecutableFile, locateFfmpeg } from '../ffmpeg/ffmpegLocator.node';
import { localSfuWorkerPlace, SFU_WORKER_ENV, sfuWorkerMissingMessage, sfuWorkerPath } from './sfuWorkerPath.node';
import { restoreWorkerEnv } from '../../testing/sfuTesting.node';

// The real mediasoup worker (built by `npm run setup`, see ../shared/SFU.md) fed by real FFmpeg
// over plain RTP: the ingest half of the SFU (issue 4), without the app around it yet.

const root = fileURLToPath(new URL('../..', import.meta.url));

// One RTP plan for both ends: the producer is told what FFmpeg sends.
const videoPlan = { payloadType: 102, ssrc: 1111, clockRate: 90000 } as const;
const h264 = { 'packetization-mode': 1, 'profile-level-id': '42e01f' } as const;

const mediaCodecs: mediasoupTypes.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/H264', clockRate: 90000, parameters: { ...h264, 'level-asymmetry-allowed': 1 } },
];

/** ~3 s of H.264 test pattern at real-time pace, as RTP to the transport's two ports. */
function ffmpegPushArgs(rtpPort: number, rtcpPort: number): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-t', '3',
    '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'baseline',
    '-pix_fmt', 'yuv420p', '-g', '30',
    // No -flags +global_header here, so libx264 repeats SPS/PPS in-band before every keyframe,
    // which mediasoup needs to see a keyframe (MEDIA-NOTES.md).
    '-f', 'rtp', '-ssrc', String(videoPlan.ssrc), '-payload_type', String(videoPlan.payloadType),
    `rtp://127.0.0.1:${rtpPort}?rtcpport=${rtcpPort}&pkt_size=1200`,
  ];
}

const previousWorkerBin = process.env[SFU_WORKER_ENV];
let worker: mediasoupTypes.Worker | undefined;
let ffmpeg: ChildProcess | undefined;
afterAll(async () => {
  if (ffmpeg && ffmpeg.exitCode === null && ffmpeg.signalCode === null) {
    const exited = once(ffmpeg, 'exit');
    ffmpeg.kill('SIGKILL');
    await exited;
  }
  worker?.close();
  restoreWorkerEnv(previousWorkerBin);
});

describe('the mediasoup SFU worker', () => {
  it('takes H.264 that FFmpeg pushes over plain RTP into a producer, keyframes included', async () => {
    const workerBin = sfuWorkerPath(process.env, existsSync, localSfuWorkerPlace(root));
    if (workerBin === null) throw new Error(sfuWorkerMissingMessage());
    // mediasoup reads MEDIASOUP_WORKER_BIN once, when it is loaded: set it, then import.
    process.env[SFU_WORKER_ENV] = workerBin;
    const mediasoup = await import('mediasoup');
    expect(mediasoup.workerBin).toBe(workerBin);

    worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: 47000, rtcMaxPort: 47099 });
    const router = await worker.createRouter({ mediaCodecs });
    const transport = await router.createPlainTransport({ listenIp: '127.0.0.1', comedia: true, rtcpMux: false });
    const rtpPort = transport.tuple.localPort;
    const rtcpPort = transport.rtcpTuple?.localPort;
    expect(rtpPort).toBeGreaterThan(0);
    if (rtcpPort === undefined) throw new Error('the plain transport has no RTCP port although rtcpMux is off');
    expect(rtcpPort).toBeGreaterThan(0);

    const producer = await transport.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [{ mimeType: 'video/H264', payloadType: videoPlan.payloadType, clockRate: videoPlan.clockRate, parameters: h264 }],
        encodings: [{ ssrc: videoPlan.ssrc }],
      },
    });
    expect(producer.kind).toBe('video');
    // mediasoup flags a keyframe only when SPS/PPS travel in-band; viewers need that to start.
    await producer.enableTraceEvent(['keyframe']);
    let keyframes = 0;
    producer.on('trace', (trace) => {
      if (trace.type === 'keyframe') keyframes += 1;
    });

    const ffmpegLocation = await locateFfmpeg({ env: process.env, ffmpegStaticPath: () => null, isExecutable: isExecutableFile, platform: process.platform });
    if (ffmpegLocation === null) throw new Error('FFmpeg is missing: run `npm run setup`.');
    const push = spawn(ffmpegLocation.path, ffmpegPushArgs(rtpPort, rtcpPort), { stdio: ['ignore', 'ignore', 'pipe'] });
    ffmpeg = push;
    let ffmpegErrors = '';
    push.stderr?.on('data', (chunk: Buffer) => (ffmpegErrors += chunk.toString()));
    // FFmpeg failing ends the wait at once, with its own words, instead of at the timeout.
    const ffmpegFailed = new Promise<never>((_resolve, reject) => {
      push.on('error', reject);
      push.on('exit', (code) => {
        if (code !== 0) reject(new Error(`FFmpeg exited with ${code}: ${ffmpegErrors}`));
      });
    });
    // Stopped by afterAll once the test has what it needs: not a failure then.
    ffmpegFailed.catch(() => undefined);

    const received = await Promise.race([
      ffmpegFailed,
      vi.waitFor(
        async () => {
          const inbound = (await producer.getStats()).find((stat) => stat.type === 'inbound-rtp');
          if (!inbound || inbound.packetCount === 0 || inbound.score === 0 || keyframes === 0) {
            throw new Error(`not yet: ${keyframes} keyframes, stats ${JSON.stringify(inbound)}`);
          }
          return inbound;
        },
        { timeout: 20_000, interval: 100 },
      ),
    ]);
    expect(received.ssrc).toBe(videoPlan.ssrc);
    expect(received.mimeType).toBe('video/H264');
    expect(received.packetCount).toBeGreaterThan(0);
    expect(received.byteCount).toBeGreaterThan(0);
    expect(received.score).toBeGreaterThan(0);
    expect(keyframes).toBeGreaterThan(0);
  }, 60_000);
});
