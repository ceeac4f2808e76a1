import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createProgressParser, type FfmpegProgress } from '../main/ffmpeg/ffmpegProgress.std';
import type { VideoEncoding } from '../main/ffmpeg/encodePlan.std';
import { videoEncoderArgs } from '../main/ffmpeg/ffmpegArgs.std';
import { AAC_KBPS, OPUS_KBPS, outputProfileSpec } from '../main/ffmpeg/outputProfiles.std';
import { ffmpegSsrcArg, RTP_PACKET_SIZE, type RtpPlan } from '../main/ffmpeg/rtpPlan.std';
import type { BroadcasterPorts } from '../main/live/roomLeg.node';
import { BENCH_TEXT } from './benchScene.node';

// The plain-FFmpeg floor of ../shared/BENCH-SCENE.md's picture (the camera looped in real time,
// the card overlaid, the text drawn), doing the same work as Shopcast's Go Live (issue 15: "both
// sides do the same work from the same kind of input with the same encoder settings"):
//  - the camera is the raw .y4m Chromium's fake capture device reads, not an H.264 clip the floor
//    would have to decode and Shopcast does not;
//  - the video encoder's arguments are Shopcast's own (`videoEncoderArgs` for the encoder the
//    Shopcast window chose, at the 720p30 profile: its H.264 profile and level, one-second VBV,
//    keyframe interval), not BENCH-SCENE's High profile with 2 s keyframes;
//  - it pushes to the same destinations in one tee: the RTMP push, a Matroska recording, and the
//    room's SFU over plain RTP (H.264 with SPS/PPS in-band before keyframes + Opus, to a
//    broadcaster of its own). So the floor encodes Opus too, as Shopcast must for WebRTC viewers.

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

export interface FloorDestinations {
  rtmpUrl: string;
  recordingFile: string;
  sfu: { plan: RtpPlan; target: BroadcasterPorts };
}

/** Tee slave options need `\` before `'`, `:` and `|` of values; these values have none but select lists. `camera`: the .y4m. */
export function floorArgs(camera: string, card: string, to: FloorDestinations, encoding: VideoEncoding): string[] {
  const video = videoEncoderArgs(encoding, outputProfileSpec('720p30'));
  const { plan, target } = to.sfu;
  const rtp = (port: number, rtcpPort: number) => `rtp://${target.ip}:${port}?rtcpport=${rtcpPort}&pkt_size=${RTP_PACKET_SIZE}`;
  const slaves = [
    `[f=flv:select=\\'v:0,a:0\\':onfail=ignore:flvflags=no_duration_filesize]${to.rtmpUrl}`,
    `[f=matroska:select=\\'v:0,a:0\\':cluster_time_limit=1000]${to.recordingFile}`,
    `[f=rtp:select=\\'v:0\\':ssrc=${ffmpegSsrcArg(plan.video.ssrc)}:payload_type=${plan.video.payloadType}:bsfs/v=dump_extra=freq=keyframe:onfail=ignore]${rtp(target.videoPort, target.videoRtcpPort)}`,
    `[f=rtp:select=\\'a:1\\':ssrc=${ffmpegSsrcArg(plan.audio.ssrc)}:payload_type=${plan.audio.payloadType}:onfail=ignore]${rtp(target.audioPort, target.audioRtcpPort)}`,
  ];
  const filter =
    `[0:v][1:v]overlay=x=20:y=H-h-20:format=yuv420,drawtext=fontfile=${FONT}:expansion=none:` +
    `text='${BENCH_TEXT}':x=20:y=20:fontsize=36:fontcolor=white${video.filters.map((added) => `,${added}`).join('')}[v]`;
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-nostats', '-progress', 'pipe:1', '-stats_period', '1',
    ...video.beforeInputs,
    '-re', '-stream_loop', '-1', '-i', camera, '-loop', '1', '-framerate', '30', '-i', card,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-filter_complex', filter,
    '-map', '[v]', '-map', '2:a', '-map', '2:a',
    ...video.codec, '-r', '30',
    '-c:a:0', 'aac', '-b:a:0', `${AAC_KBPS}k`, '-c:a:1', 'libopus', '-b:a:1', `${OPUS_KBPS}k`, '-ar', '48000', '-ac', '2',
    '-flags', '+global_header',
    '-f', 'tee', slaves.join('|'),
  ];
}

export interface FloorProcess {
  child: ChildProcess;
  pid: number;
  /** The latest `-progress` block (frames, dup/drop, speed). */
  progress(): FfmpegProgress | null;
  stderr(): string;
  stop(): Promise<void>;
}

export function startFloor(ffmpeg: string, args: readonly string[]): FloorProcess {
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let latest: FfmpegProgress | null = null;
  let errors = '';
  const parser = createProgressParser((snapshot) => (latest = snapshot));
  child.stdout?.setEncoding('utf8').on('data', (text: string) => parser.push(text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (errors = (errors + text).slice(-2000)));
  return {
    child,
    pid: child.pid ?? 0,
    progress: () => latest,
    stderr: () => errors,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM'); // FFmpeg finishes its files on SIGTERM
      const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(hard);
    },
  };
}
