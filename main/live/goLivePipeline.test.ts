import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isSameProfile } from 'h264-profile-level-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i420Bytes } from '../../contract/media.std';
import { createEncodePlan } from '../ffmpeg/encodePlan.std';
import { outputProfileSpec } from '../ffmpeg/outputProfiles.std';
import {
  buildConcatList,
  buildEncoderArgs,
  buildFinalizeRecordingArgs,
  buildRecordingArgs,
  buildRtmpRemuxArgs,
  buildSfuRemuxArgs,
  ENCODER_FD,
  REMUX_FD,
  type SfuTarget,
} from '../ffmpeg/ffmpegArgs.std';
import { createProgressParser, type FfmpegProgress } from '../ffmpeg/ffmpegProgress.std';
import { isExecutableFile, locateFfmpeg } from '../ffmpeg/ffmpegLocator.node';
import { createRtpPlan, h264ProfileLevelId } from '../ffmpeg/rtpPlan.std';
import { freeUdpPorts } from './udpPorts.node';
import { listen, nalUnitsOf, parseRtp } from '../../testing/rtpTestKit.node';

// The whole go-live pipeline with the real FFmpeg, no mocks: Node feeds 3 s of composed I420 and
// PCM at real-time pace (the production plan stamps input with the wall clock), the encoder's NUT
// is teed to a recording remuxer, an SFU (RTP) remuxer aimed at UDP sockets of this test, and an
// RTMP remuxer writing FLV to a file; then the recording is checked, finalized and checked again.

const SECONDS = 3;
const FPS = 30;
const WIDTH = 1280;
const HEIGHT = 720;
const SAMPLE_RATE = 48_000;
const CHUNK_SAMPLES = 960; // 20 ms, as the compositor sends

let ffmpeg = '';
let ffprobe = '';
let dir = '';

beforeAll(async () => {
  const found = await locateFfmpeg({ env: process.env, ffmpegStaticPath: () => null, isExecutable: isExecutableFile, platform: process.platform });
  if (!found) throw new Error('FFmpeg is not installed on this machine');
  ffmpeg = found.path;
  ffprobe = path.join(path.dirname(found.path), 'ffprobe');
  dir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-golive-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  stderr: string;
}

/** Resolves when the process has exited and its pipes are closed; stderr kept for the message. */
function exited(child: ChildProcess): Promise<Exit> {
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

function progressOf(stream: Readable): FfmpegProgress[] {
  const snapshots: FfmpegProgress[] = [];
  const parser = createProgressParser((snapshot) => snapshots.push(snapshot));
  stream.setEncoding('utf8');
  stream.on('data', (text: string) => parser.push(text));
  return snapshots;
}

function fdStream<T extends Readable | Writable>(child: ChildProcess, fd: number): T {
  const stream = child.stdio[fd];
  if (!stream) throw new Error(`fd ${fd} is not piped`);
  return stream as T;
}

/** One frame of a pattern that moves every frame: diagonal luma bands, drifting chroma. */
function i420Frame(index: number, width = WIDTH, height = HEIGHT): Buffer {
  const frame = Buffer.alloc(i420Bytes(width, height));
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) frame[row + x] = (x + y + index * 8) & 0xff;
  }
  const chroma = (width / 2) * (height / 2);
  frame.fill((64 + index * 2) & 0xff, width * height, width * height + chroma);
  frame.fill((192 - index * 2) & 0xff, width * height + chroma);
  return frame;
}

/** 20 ms of a 440 Hz tone, stereo s16le. */
function pcmChunk(index: number): Buffer {
  const chunk = Buffer.alloc(CHUNK_SAMPLES * 4);
  for (let i = 0; i < CHUNK_SAMPLES; i += 1) {
    const sample = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (index * CHUNK_SAMPLES + i)) / SAMPLE_RATE));
    chunk.writeInt16LE(sample, i * 4);
    chunk.writeInt16LE(sample, i * 4 + 2);
  }
  return chunk;
}

function write(stream: Writable, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => stream.write(data, (error) => (error ? reject(error) : resolve())));
}

/**
 * Sends frames and PCM chunks when they are due on the clock, as the compositor does, honouring
 * backpressure; ends both pipes after `SECONDS`. The timer is the source's clock, not a wait.
 * The clock starts once the encoder has taken frame 0 (a frame is bigger than the pipe's buffer,
 * so its write completes only when FFmpeg reads): frames queued while FFmpeg starts up would be
 * stamped by the wall clock in one burst, and the constant-rate output drops all but one of them.
 */
async function feedRealTime(video: Writable, audio: Writable): Promise<void> {
  const firstChunk = write(audio, pcmChunk(0));
  await write(video, i420Frame(0));
  await firstChunk;
  const start = performance.now();
  const frames = SECONDS * FPS;
  const chunks = (SECONDS * SAMPLE_RATE) / CHUNK_SAMPLES;
  let frame = 1;
  let chunk = 1;
  while (frame < frames || chunk < chunks) {
    const nextFrameAt = frame < frames ? (frame * 1000) / FPS : Infinity;
    const nextChunkAt = chunk < chunks ? (chunk * CHUNK_SAMPLES * 1000) / SAMPLE_RATE : Infinity;
    const dueAt = Math.min(nextFrameAt, nextChunkAt);
    const wait = start + dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (nextFrameAt <= nextChunkAt) await write(video, i420Frame(frame++));
    else await write(audio, pcmChunk(chunk++));
  }
  video.end();
  audio.end();
}

interface Probe {
  format: { duration?: string };
  streams: { codec_type: string; codec_name: string; profile?: string; level?: number; width?: number; height?: number; sample_rate?: string }[];
}

async function probe(file: string): Promise<Probe> {
  const child = spawn(ffprobe, ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name,profile,level,width,height,sample_rate', '-of', 'json', file]);
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (out += text));
  const exit = await exited(child);
  expect(exit, exit.stderr).toMatchObject({ code: 0 });
  return JSON.parse(out) as Probe;
}

/** Top-level MP4 box types in file order. */
function topLevelBoxes(file: Buffer): string[] {
  const types: string[] = [];
  for (let offset = 0; offset + 8 <= file.length; ) {
    let size = file.readUInt32BE(offset);
    types.push(file.toString('latin1', offset + 4, offset + 8));
    if (size === 1) size = Number(file.readBigUInt64BE(offset + 8));
    if (size === 0) break;
    offset += size;
  }
  return types;
}

describe('the go-live pipeline with the real FFmpeg', () => {
  it('encodes once and fans out to RTP (planned SSRCs, in-band SPS), a Matroska recording and FLV; the recording finalizes to a faststart MP4', async () => {
    const [videoRtp, videoRtcp, audioRtp, audioRtcp] = await Promise.all([listen(), listen(), listen(), listen()]);
    // The ports FFmpeg sends from, as the live controller pins them.
    const sendPorts = await freeUdpPorts(4);
    const listeners = [videoRtp, videoRtcp, audioRtp, audioRtcp];
    try {
      const encodePlan = createEncodePlan({ profile: '720p30', video: { encoder: 'libx264', preset: 'veryfast' } });
      // A video SSRC above 2^31 on purpose: FFmpeg's -ssrc is a signed int (ffmpegSsrcArg).
      const drawn = createRtpPlan({ profile: 'constrained-baseline', level: encodePlan.output.h264Level, randomUint32: () => Math.floor(Math.random() * 2 ** 32) });
      const rtpPlan = { ...drawn, video: { ...drawn.video, ssrc: 0xdeadbeef } };
      const target: SfuTarget = {
        ip: '127.0.0.1',
        videoPort: videoRtp.port,
        videoRtcpPort: videoRtcp.port,
        audioPort: audioRtp.port,
        audioRtcpPort: audioRtcp.port,
        localPorts: { videoRtp: sendPorts[0] ?? 0, videoRtcp: sendPorts[1] ?? 0, audioRtp: sendPorts[2] ?? 0, audioRtcp: sendPorts[3] ?? 0 },
      };
      const segment = path.join(dir, 'segment-001.mkv');
      const flv = path.join(dir, 'rtmp-push.flv');

      const remuxStdio = ['pipe', 'ignore', 'pipe', 'pipe'] as const;
      const sfu = spawn(ffmpeg, [...buildSfuRemuxArgs(rtpPlan, target)], { stdio: [...remuxStdio] });
      const recording = spawn(ffmpeg, [...buildRecordingArgs(segment, 'matroska')], { stdio: [...remuxStdio] });
      const rtmp = spawn(ffmpeg, [...buildRtmpRemuxArgs(flv)], { stdio: [...remuxStdio] });
      const remuxers = [sfu, recording, rtmp];
      const remuxerExits = remuxers.map(exited);
      const remuxerProgress = remuxers.map((child) => progressOf(fdStream(child, REMUX_FD.progress)));

      const startedAt = performance.now();
      const encoder = spawn(ffmpeg, [...buildEncoderArgs(encodePlan)], { stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe'] });
      const encoderExit = exited(encoder);
      const encoderProgress = progressOf(fdStream(encoder, ENCODER_FD.progress));
      const nut = fdStream<Readable>(encoder, ENCODER_FD.nut);
      let firstNutMs = Infinity;
      nut.once('data', () => (firstNutMs = performance.now() - startedAt));
      // The fan-out: Readable.pipe to several destinations pauses the source for the slowest.
      // A remuxer that dies makes its stdin fail with EPIPE: recorded, and its exit code tells.
      const pipeErrors: Error[] = [];
      for (const child of remuxers) {
        const stdin = fdStream<Writable>(child, REMUX_FD.nut);
        stdin.on('error', (error) => pipeErrors.push(error));
        nut.pipe(stdin);
      }

      await feedRealTime(fdStream(encoder, ENCODER_FD.video), fdStream(encoder, ENCODER_FD.audio));
      const encoded = await encoderExit;
      expect(encoded, encoded.stderr).toMatchObject({ code: 0 });
      const remuxed = await Promise.all(remuxerExits);
      for (const exit of remuxed) expect(exit, exit.stderr).toMatchObject({ code: 0 });
      await Promise.all([videoRtcp.bye, audioRtcp.bye]);
      expect(pipeErrors).toEqual([]);

      // The encoder's own account: 90 frames at a constant 30 fps, and how much it had to fix up.
      const last = encoderProgress.at(-1);
      expect(last?.ended).toBe(true);
      expect(last?.frame).toBeGreaterThanOrEqual(SECONDS * FPS - 3);
      expect(last?.frame).toBeLessThanOrEqual(SECONDS * FPS + 3);
      // A wrong time base or clock would dup or drop tens of frames; a busy machine's late writes
      // (the feed is real time) a few: seen 4 of 90 with another FFmpeg job running alongside.
      expect((last?.dupFrames ?? 0) + (last?.dropFrames ?? 0)).toBeLessThanOrEqual(9);
      expect(encoderProgress.length).toBeGreaterThanOrEqual(SECONDS);
      for (const progress of remuxerProgress) expect(progress.at(-1)?.ended).toBe(true);

      // RTP: the planned SSRCs and payload types, sent from the pinned local ports.
      const video = videoRtp.packets.map(parseRtp).filter((packet) => packet !== null);
      const audio = audioRtp.packets.map(parseRtp).filter((packet) => packet !== null);
      expect(video.length).toBeGreaterThan(100);
      expect(audio.length).toBeGreaterThanOrEqual(SECONDS * 50 - 10); // one Opus packet per 20 ms
      expect(new Set(video.map((packet) => `${packet.ssrc}/${packet.payloadType}/${packet.fromPort}`))).toEqual(
        new Set([`${rtpPlan.video.ssrc}/${rtpPlan.video.payloadType}/${target.localPorts.videoRtp}`]),
      );
      expect(new Set(audio.map((packet) => `${packet.ssrc}/${packet.payloadType}/${packet.fromPort}`))).toEqual(
        new Set([`${rtpPlan.audio.ssrc}/${rtpPlan.audio.payloadType}/${target.localPorts.audioRtp}`]),
      );
      expect(Math.max(...videoRtp.packets.map((packet) => packet.message.length))).toBeLessThanOrEqual(1200);
      expect(new Set(videoRtcp.packets.map((packet) => packet.fromPort))).toEqual(new Set([target.localPorts.videoRtcp]));
      expect(new Set(audioRtcp.packets.map((packet) => packet.fromPort))).toEqual(new Set([target.localPorts.audioRtcp]));

      // In-band SPS before every keyframe (one a second), despite the encoder's global header,
      // and it says what the plan told the SFU: same profile (mediasoup's own check), same level.
      const nalTypes = video.flatMap((packet) => nalUnitsOf(packet.payload).map((unit) => ({ type: unit.readUInt8(0) & 0x1f, unit })));
      const spsUnits = nalTypes.filter((nal) => nal.type === 7).map((nal) => nal.unit);
      // Frames, not slices: zerolatency's sliced threads cut each picture into several NAL units.
      const idrFrames = new Set(video.filter((packet) => nalUnitsOf(packet.payload).some((unit) => (unit.readUInt8(0) & 0x1f) === 5)).map((packet) => packet.timestamp));
      expect(spsUnits.length).toBeGreaterThanOrEqual(SECONDS);
      expect(nalTypes.filter((nal) => nal.type === 8)).toHaveLength(spsUnits.length);
      expect(idrFrames.size).toBe(spsUnits.length);
      const [sps] = spsUnits;
      if (!sps) throw new Error('no SPS');
      const spsProfileLevelId = sps.subarray(1, 4).toString('hex');
      const plannedProfileLevelId = h264ProfileLevelId(rtpPlan.video);
      expect(isSameProfile({ 'profile-level-id': spsProfileLevelId }, { 'profile-level-id': plannedProfileLevelId })).toBe(true);
      expect(sps[3]).toBe(rtpPlan.video.level);
      // Encoder spawn → first H.264 RTP packet (the remuxers were already waiting): the go-live
      // goal is 1 s end to end; ≈ 0.5 s here, loose bound for a shared machine.
      const firstVideoMs = Math.min(...video.map((packet) => packet.atMs)) - startedAt;
      expect(firstVideoMs).toBeLessThan(2000);

      // The recording: h264 + aac, about 3 s.
      const recorded = await probe(segment);
      expect(recorded.streams.map((stream) => stream.codec_name)).toEqual(['h264', 'aac']);
      expect(recorded.streams[0]).toMatchObject({ width: WIDTH, height: HEIGHT, profile: 'Constrained Baseline' });
      const recordedSeconds = Number(recorded.format.duration);
      expect(recordedSeconds).toBeGreaterThan(SECONDS - 0.2);
      expect(recordedSeconds).toBeLessThan(SECONDS + 0.2);

      // The RTMP arguments, pointed at a file: FLV with h264 + aac.
      const pushed = await probe(flv);
      expect(pushed.streams.map((stream) => stream.codec_name)).toEqual(['h264', 'aac']);

      // A clean stop: two segments (as after one encoder restart) into one faststart MP4.
      const list = path.join(dir, 'segments.ffconcat');
      await writeFile(list, buildConcatList([segment, segment]));
      const finalMp4 = path.join(dir, 'show.mp4');
      const finalize = spawn(ffmpeg, [...buildFinalizeRecordingArgs(list, finalMp4)], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
      const finalizeProgress = progressOf(fdStream(finalize, REMUX_FD.progress));
      const finalized = await exited(finalize);
      expect(finalized, finalized.stderr).toMatchObject({ code: 0 });
      expect(finalizeProgress.at(-1)?.ended).toBe(true);
      const final = await probe(finalMp4);
      expect(final.streams.map((stream) => stream.codec_name)).toEqual(['h264', 'aac']);
      const finalSeconds = Number(final.format.duration);
      expect(finalSeconds).toBeGreaterThan(2 * SECONDS - 0.3);
      expect(finalSeconds).toBeLessThan(2 * SECONDS + 0.3);
      const boxes = topLevelBoxes(await readFile(finalMp4));
      expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
      expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

      console.info(
        JSON.stringify({
          firstVideoRtpMs: Math.round(firstVideoMs),
          firstNutMs: Math.round(firstNutMs),
          videoRtpPackets: video.length,
          opusRtpPackets: audio.length,
          sps: spsProfileLevelId,
          encoder: last,
          recordedSeconds,
          flvSeconds: Number(pushed.format.duration),
          finalSeconds,
          boxes,
        }),
      );
    } finally {
      await Promise.all(listeners.map((listener) => new Promise<void>((resolve) => listener.socket.close(() => resolve()))));
    }
  }, 30_000);
});

describe('the encoder arguments of every output profile, with the real FFmpeg', () => {
  // Counted timestamps, so frames can be fed as fast as FFmpeg takes them: one keyframe interval.
  it.each(['720p30', '1080p30', 'vertical720x1280'] as const)('%s: H.264 at the planned size and level, AAC and Opus, in NUT', async (profile) => {
    const spec = outputProfileSpec(profile);
    const plan = createEncodePlan({ profile, video: { encoder: 'libx264', preset: 'veryfast' }, input: { timestamps: 'counted' } });
    const file = path.join(dir, `${profile}.nut`);
    const encoder = spawn(ffmpeg, [...buildEncoderArgs(plan)], { stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe'] });
    const encoderExit = exited(encoder);
    const progress = progressOf(fdStream(encoder, ENCODER_FD.progress));
    const saved = pipeline(fdStream<Readable>(encoder, ENCODER_FD.nut), createWriteStream(file));
    const video = fdStream<Writable>(encoder, ENCODER_FD.video);
    const audio = fdStream<Writable>(encoder, ENCODER_FD.audio);
    const frames = 2 * FPS;
    await Promise.all([
      (async () => {
        for (let frame = 0; frame < frames; frame += 1) await write(video, i420Frame(frame, spec.width, spec.height));
        video.end();
      })(),
      (async () => {
        for (let chunk = 0; chunk < 100; chunk += 1) await write(audio, pcmChunk(chunk));
        audio.end();
      })(),
    ]);
    const exit = await encoderExit;
    expect(exit, exit.stderr).toMatchObject({ code: 0 });
    await saved;
    expect(progress.at(-1)).toMatchObject({ ended: true, frame: frames, dupFrames: 0, dropFrames: 0 });
    const probed = await probe(file);
    expect(probed.streams.map((stream) => stream.codec_name)).toEqual(['h264', 'aac', 'opus']);
    expect(probed.streams[0]).toMatchObject({ width: spec.width, height: spec.height, level: spec.h264Level, profile: 'Constrained Baseline' });
  });
});
