import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import WebSocket from 'ws';
import { i420Bytes, MEDIA_HEADER_BYTES, type MediaCreditMessage } from '../contract/media.std';
import { createMediaSender } from '../contract/mediaSender.std';
import { pairFromNode } from '../testing/pairFromNode.node';
import { spawnStudio } from '../testing/spawnStudio.node';
import { processCpuSeconds } from './processCpu.node';

export interface MediaChannelOptions {
  seconds: number;
  width: number;
  height: number;
  fps: number;
}

const frameBytes = (o: MediaChannelOptions) => i420Bytes(o.width, o.height);

/**
 * Sends I420 frames at `fps` for `seconds` through the studio's real media socket, in whichever
 * mode: paced (the compositor's real rate: what does it cost?) or flat out (how much does it carry?).
 */
async function runChannel(options: MediaChannelOptions, paced: boolean) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-bench-'));
  const studio = await spawnStudio(path.resolve(__dirname, '..', 'dist', 'main', 'studio.node.js'), dataDir);
  const { url } = studio;
  const child = studio.process;
  try {
    const cookie = await pairFromNode(url);
    const origin = new URL(url).origin;
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/media`, { headers: { Cookie: cookie, Origin: origin } });
    const sender = createMediaSender((message) => socket.send(message));
    let granted!: () => void;
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = JSON.parse(String(data)) as MediaCreditMessage;
      sender.grant(message.grant);
      granted?.();
    });
    await once(socket, 'open');
    const header = { kind: 'video-i420' as const, width: options.width, height: options.height, sampleRate: 0, payloadBytes: frameBytes(options) };
    const fill = (payload: Uint8Array) => payload.fill(128);
    const coreBefore = await processCpuSeconds(child.pid ?? 0);
    const selfBefore = process.cpuUsage();
    const started = performance.now();
    const end = started + options.seconds * 1000;
    let offered = 0;
    while (performance.now() < end) {
      if (paced) {
        const due = started + (offered * 1000) / options.fps;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        sender.offer({ ...header, captureTimeMs: performance.now() }, fill);
        offered += 1;
      } else if (sender.stats().credits > 0) {
        sender.offer({ ...header, captureTimeMs: performance.now() }, fill);
        offered += 1;
      } else {
        await new Promise<void>((resolve) => (granted = resolve));
      }
    }
    const elapsed = (performance.now() - started) / 1000;
    const coreCpu = (await processCpuSeconds(child.pid ?? 0)) - coreBefore;
    const self = process.cpuUsage(selfBefore);
    socket.close();
    const stats = sender.stats();
    return {
      elapsed,
      offered,
      sent: stats.sent,
      dropped: stats.dropped,
      coreCores: coreCpu / elapsed,
      senderCores: (self.user + self.system) / 1e6 / elapsed,
      megabytesPerSecond: (stats.sent * (frameBytes(options) + MEDIA_HEADER_BYTES)) / 1e6 / elapsed,
    };
  } finally {
    await studio.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The floor: the same frames written to a child that only reads them (cat > /dev/null) through a pipe. */
async function runPipeFloor(options: MediaChannelOptions) {
  const child = spawn('cat', [], { stdio: ['pipe', 'ignore', 'ignore'] });
  const frame = Buffer.alloc(frameBytes(options) + MEDIA_HEADER_BYTES, 128);
  const childBefore = await processCpuSeconds(child.pid ?? 0);
  const selfBefore = process.cpuUsage();
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < options.seconds * 1000) {
    const due = started + (sent * 1000) / options.fps;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // A fresh copy per frame, as the channel allocates a message per frame.
    if (!child.stdin.write(Buffer.from(frame))) await once(child.stdin, 'drain');
    sent += 1;
  }
  const elapsed = (performance.now() - started) / 1000;
  const childCpu = (await processCpuSeconds(child.pid ?? 0)) - childBefore;
  const self = process.cpuUsage(selfBefore);
  child.stdin.end();
  await once(child, 'exit');
  return { elapsed, sent, cores: childCpu / elapsed + (self.user + self.system) / 1e6 / elapsed };
}

export async function benchMediaChannel(options: MediaChannelOptions, print: (figures: object) => void): Promise<void> {
  const common = { bench: 'media-channel', width: options.width, height: options.height, seconds: options.seconds };
  const floor = await runPipeFloor(options);
  const paced = await runChannel(options, true);
  print({
    ...common,
    figures: 'paced',
    fps: options.fps,
    framesOffered: paced.offered,
    framesSent: paced.sent,
    framesDropped: paced.dropped,
    coreCpuCores: round(paced.coreCores),
    senderCpuCores: round(paced.senderCores),
    pipeFloorCpuCores: round(floor.cores),
    cpuRatioVsPipe: round((paced.coreCores + paced.senderCores) / floor.cores),
    megabytesPerSecond: round(paced.megabytesPerSecond),
  });
  const flat = await runChannel(options, false);
  print({
    ...common,
    figures: 'flat-out',
    framesPerSecond: round(flat.sent / flat.elapsed),
    megabytesPerSecond: round(flat.megabytesPerSecond),
    coreCpuCores: round(flat.coreCores),
    senderCpuCores: round(flat.senderCores),
  });
}

const round = (value: number) => Math.round(value * 1000) / 1000;
