import { h264ProfileOf, type EncodePlan, type VideoEncoding } from './encodePlan.std';
import { keyframeIntervalFrames, KEYFRAME_INTERVAL_SECONDS, vbvBufferKbits, type OutputProfileSpec } from './outputProfiles.std';
import { ffmpegProfileName, ffmpegSsrcArg, RTP_PACKET_SIZE, type RtpPlan } from './rtpPlan.std';

// FFmpeg argument arrays for the go-live pipeline (issue 5), built from typed plans and handed to
// spawn as they are: never a shell string, so no quoting and no injection through a file name or
// stream key.
//
//   composed I420 (fd 0) ─┐
//   PCM s16le     (fd 3) ─┴─ encoder ── NUT (fd 1) ──┬─ SFU remuxer ─────── RTP to mediasoup
//                            (progress on fd 4)      ├─ RTMP remuxer ×N ─── FLV over RTMP(S)
//                                                    └─ recording remuxer ─ Matroska segment
//
// H.264, AAC and Opus are encoded once; each destination is a `-c copy` remuxer that can die and
// restart alone. Progress: every process writes `-progress` key=value blocks (ffmpegProgress.std.ts)
// to a pipe of its own, once a second, so stderr stays for warnings (`level+` prefixes each line
// with its level) and `-nostats` keeps the human status line out of it.

/** File descriptors of the encoder process: spawn with stdio ['pipe', 'pipe', 'pipe', 'pipe', 'pipe']. */
export const ENCODER_FD = { video: 0, nut: 1, log: 2, audio: 3, progress: 4 } as const;
/**
 * File descriptors of every remuxer (and the finalizer): stdio ['pipe', 'ignore', 'pipe', 'pipe'].
 * Not stdout for progress: FFmpeg's RTP muxer prints an SDP there when no `-sdp_file` is given.
 */
export const REMUX_FD = { nut: 0, log: 2, progress: 3 } as const;
/** Stream order in the encoder's NUT output, as mapped by `buildEncoderArgs`. */
export const NUT_STREAM = { video: 0, aac: 1, opus: 2 } as const;

export const PROGRESS_PERIOD_SECONDS = 1;

export const commonArgs = ['-hide_banner', '-nostdin', '-loglevel', 'level+warning', '-nostats'] as const;

function progressTo(fd: number): string[] {
  return ['-progress', `pipe:${fd}`, '-stats_period', String(PROGRESS_PERIOD_SECONDS)];
}

const kbps = (value: number): string => `${value}k`;

/** Every keyframe at an exact multiple of the interval, for encoders whose `-g` is only a hint. */
const forcedKeyframes = ['-force_key_frames', `expr:gte(t,n_forced*${KEYFRAME_INTERVAL_SECONDS})`];

export interface VideoEncoderArgs {
  /** Global options that must come before the inputs (hardware devices). */
  beforeInputs: string[];
  /** Filters appended to the video filter chain (hardware upload). */
  filters: string[];
  codec: string[];
}

/** The encoder-specific part: CBR with a one-second VBV, a keyframe every second, no B-frames. */
export function videoEncoderArgs(encoding: VideoEncoding, output: OutputProfileSpec): VideoEncoderArgs {
  const gop = String(keyframeIntervalFrames(output));
  const rate = kbps(output.videoKbps);
  const cbr = ['-b:v', rate, '-maxrate', rate, '-bufsize', kbps(vbvBufferKbits(output))];
  // The profile the RTP plan announces to the SFU comes from the same function (h264ProfileOf).
  const profile = ffmpegProfileName(h264ProfileOf(encoding));
  switch (encoding.encoder) {
    case 'libx264':
      return {
        beforeInputs: [],
        filters: [],
        codec: [
          '-c:v', 'libx264', '-preset', encoding.preset, '-tune', 'zerolatency',
          // The level is forced so the SPS says exactly what the RTP plan's profile-level-id says.
          '-profile:v', profile, '-level:v', (output.h264Level / 10).toFixed(1), '-pix_fmt', 'yuv420p',
          '-b:v', rate, '-minrate', rate, '-maxrate', rate, '-bufsize', kbps(vbvBufferKbits(output)),
          // keyint_min = g and no scene-cut: keyframes exactly on the interval.
          '-g', gop, '-keyint_min', gop, '-sc_threshold', '0',
        ],
      };
    case 'h264_nvenc':
      return {
        beforeInputs: [],
        filters: [],
        codec: [
          '-c:v', 'h264_nvenc', '-preset', 'p4', '-tune', 'll', '-profile:v', profile, '-rc', 'cbr', ...cbr,
          '-g', gop, '-bf', '0', '-no-scenecut', '1', '-forced-idr', '1', '-zerolatency', '1', ...forcedKeyframes,
        ],
      };
    case 'h264_qsv':
      return {
        beforeInputs: [],
        filters: [],
        // QSV runs CBR when maxrate equals the bitrate; it takes NV12 from system memory.
        codec: [
          '-c:v', 'h264_qsv', '-preset', 'veryfast', '-profile:v', profile, '-pix_fmt', 'nv12', ...cbr,
          '-g', gop, '-bf', '0', '-look_ahead', '0', '-async_depth', '1', ...forcedKeyframes,
        ],
      };
    case 'h264_vaapi':
      return {
        beforeInputs: ['-vaapi_device', encoding.device],
        filters: ['format=nv12', 'hwupload'],
        codec: ['-c:v', 'h264_vaapi', '-profile:v', profile, '-rc_mode', 'CBR', ...cbr, '-g', gop, '-bf', '0', ...forcedKeyframes],
      };
    case 'h264_videotoolbox':
      return {
        beforeInputs: [],
        filters: [],
        // allow_sw 0: Apple's software fallback is slower than libx264; let selection fall through.
        codec: [
          '-c:v', 'h264_videotoolbox', '-realtime', '1', '-allow_sw', '0', '-profile:v', profile, ...cbr,
          '-g', gop, '-bf', '0', ...forcedKeyframes,
        ],
      };
    case 'h264_amf':
      return {
        beforeInputs: [],
        filters: [],
        codec: [
          '-c:v', 'h264_amf', '-usage', 'lowlatency', '-quality', 'speed', '-profile:v', profile, '-rc', 'cbr', ...cbr,
          '-g', gop, '-bf', '0', ...forcedKeyframes,
        ],
      };
  }
}

/**
 * The one encoder: raw I420 on fd 0, PCM on fd 3 → H.264 + AAC + Opus in NUT on fd 1.
 * `-flags +global_header` puts SPS/PPS and the AAC config into extradata, which FLV, MP4 and
 * Matroska need; the SFU remuxer puts SPS/PPS back in-band (`buildSfuRemuxArgs`).
 */
export function buildEncoderArgs(plan: EncodePlan): readonly string[] {
  const { input, output, audioInput } = plan;
  const video = videoEncoderArgs(plan.video, output);
  const wallclock = input.timestamps === 'wallclock' ? ['-use_wallclock_as_timestamps', '1'] : [];
  const filters = [
    ...(input.width !== output.width || input.height !== output.height ? [`scale=${output.width}:${output.height}`] : []),
    ...video.filters,
  ];
  return [
    ...commonArgs,
    ...progressTo(ENCODER_FD.progress),
    ...video.beforeInputs,
    // `-framerate`, not `-r`: as an input option `-r` would overwrite the wall-clock timestamps.
    ...wallclock,
    '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${input.width}x${input.height}`,
    '-framerate', String(input.framesPerSecond), '-i', `pipe:${ENCODER_FD.video}`,
    // PCM packets are small: a deeper queue costs little and keeps audio from blocking its reader.
    ...wallclock,
    '-thread_queue_size', '64',
    '-f', 's16le', '-sample_rate', String(audioInput.sampleRate), '-ch_layout', audioInput.channels === 2 ? 'stereo' : 'mono',
    '-i', `pipe:${ENCODER_FD.audio}`,
    '-map', '0:v:0', '-map', '1:a:0', '-map', '1:a:0',
    ...(filters.length > 0 ? ['-filter:v', filters.join(',')] : []),
    // Constant frame rate out: late or missing frames are duplicated, early ones dropped (both
    // counted in -progress), so every destination gets exactly 30 fps.
    '-fps_mode', 'cfr', '-r', String(output.framesPerSecond),
    ...video.codec,
    // Wall-clock PCM timestamps jitter by a packet; aresample stretches by at most 1000 samples a
    // second (inaudible) and pads or trims real gaps, so AAC and Opus get a seamless timeline.
    ...(input.timestamps === 'wallclock' ? ['-filter:a', 'aresample=async=1000'] : []),
    // The two audio outputs are a:0 (AAC, NUT stream 1) and a:1 (Opus, NUT stream 2).
    '-c:a:0', 'aac', '-b:a:0', kbps(plan.audio.aacKbps),
    '-c:a:1', 'libopus', '-b:a:1', kbps(plan.audio.opusKbps),
    '-ar', String(audioInput.sampleRate), '-ac', String(audioInput.channels),
    '-flags', '+global_header',
    // NUT carries H.264, AAC and Opus with their extradata; packets leave as soon as they are
    // muxed, and no index is written at the end (nobody can seek a pipe).
    '-f', 'nut', '-write_index', '0', '-flush_packets', '1', `pipe:${ENCODER_FD.nut}`,
  ];
}

/** A remuxer reads the encoder's NUT on stdin. fpsprobesize 0: NUT states the stream's time
 * base, so probing need not wait for 20 frames (≈ 0.7 s) before the first packet goes out. */
function nutInput(globalArgs: readonly string[] = [], probe: readonly string[] = []): string[] {
  return [...commonArgs, ...progressTo(REMUX_FD.progress), ...globalArgs, '-f', 'nut', '-fpsprobesize', '0', ...probe, '-i', `pipe:${REMUX_FD.nut}`];
}

/**
 * No probing beyond NUT's own stream headers (codecs, sizes, rates, extradata), which is all a
 * copy into FLV needs: FFmpeg would otherwise decode 7 H.264 frames first, and what arrives
 * meanwhile would go out in a burst once the push connects.
 */
const headersOnly = ['-analyzeduration', '1', '-probesize', '32'];

export interface SfuTarget {
  /** Where the SFU's plain transports listen (the broadcaster API's answer). */
  ip: string;
  videoPort: number;
  videoRtcpPort: number;
  audioPort: number;
  audioRtcpPort: number;
  /**
   * The UDP ports FFmpeg sends from. `comedia` locks each transport onto the first source
   * address it sees, so a restarted remuxer must send from the same ports (MEDIA-NOTES.md).
   */
  localPorts: { videoRtp: number; videoRtcp: number; audioRtp: number; audioRtcp: number };
}

function rtpUrl(ip: string, port: number, rtcpPort: number, localRtpPort: number, localRtcpPort: number): string {
  const host = ip.includes(':') ? `[${ip}]` : ip;
  const query = [`rtcpport=${rtcpPort}`, `localrtpport=${localRtpPort}`, `localrtcpport=${localRtcpPort}`, `pkt_size=${RTP_PACKET_SIZE}`];
  return `rtp://${host}:${port}?${query.join('&')}`;
}

/** The SFU leg: H.264 and Opus from the NUT, each to its own plain transport, as the plan says. */
export function buildSfuRemuxArgs(plan: RtpPlan, target: SfuTarget): readonly string[] {
  const { localPorts } = target;
  return [
    ...nutInput(),
    '-map', `0:${NUT_STREAM.video}`, '-c:v', 'copy',
    // SPS/PPS live in extradata (global header): mediasoup sees a keyframe only with them in-band.
    '-bsf:v', 'dump_extra=freq=keyframe',
    // send_bye: an RTCP BYE marks a clean end (mediasoup 3.12 ignores it; tests wait on it).
    '-f', 'rtp', '-rtpflags', 'send_bye', '-ssrc', ffmpegSsrcArg(plan.video.ssrc), '-payload_type', String(plan.video.payloadType),
    rtpUrl(target.ip, target.videoPort, target.videoRtcpPort, localPorts.videoRtp, localPorts.videoRtcp),
    '-map', `0:${NUT_STREAM.opus}`, '-c:a', 'copy',
    '-f', 'rtp', '-rtpflags', 'send_bye', '-ssrc', ffmpegSsrcArg(plan.audio.ssrc), '-payload_type', String(plan.audio.payloadType),
    rtpUrl(target.ip, target.audioPort, target.audioRtcpPort, localPorts.audioRtp, localPorts.audioRtcp),
  ];
}

/**
 * One RTMP(S) destination: H.264 + AAC in FLV. The URL carries the stream key: these arguments
 * are secret, log them only through `redactArgs`. `-f flv` also accepts a file (tests).
 */
export function buildRtmpRemuxArgs(url: string): readonly string[] {
  return [
    ...nutInput([], headersOnly),
    '-map', `0:${NUT_STREAM.video}`, '-map', `0:${NUT_STREAM.aac}`, '-c', 'copy',
    // Nothing to seek back to on a live push: don't try to patch duration and size at the end.
    '-f', 'flv', '-flvflags', 'no_duration_filesize', url,
  ];
}

/** How long the pre-flight's test publish to an RTMP(S) destination sends, seconds. */
export const RTMP_TEST_SECONDS = 1;

/**
 * The pre-flight's test of one RTMP(S) destination: connect, publish a second of a tiny test
 * picture and silence in H.264 + AAC (what the show sends, so a platform that checks codecs says
 * so now), then stop. `verbose`: FFmpeg then says "Successfully connected to …", which tells a
 * server that closed the door on the stream key from one that could not be reached
 * (destinationTest.std.ts). The URL carries the stream key: log these only through `redactArgs`.
 */
export function buildRtmpTestArgs(url: string): readonly string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'level+verbose', '-nostats',
    '-re', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30',
    '-re', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo',
    '-t', String(RTMP_TEST_SECONDS), '-map', '0:v', '-map', '1:a',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '30', '-b:v', '300k',
    '-c:a', 'aac', '-b:a', '64k',
    '-f', 'flv', '-flvflags', 'no_duration_filesize', url,
  ];
}

export type RecordingContainer = 'matroska' | 'fragmented-mp4';

/**
 * One recording segment (one per encoder or remuxer run), H.264 + AAC, in a container that stays
 * readable up to the last flushed block after a SIGKILL or power loss (MEDIA-NOTES.md). `-n`: a
 * recording is never overwritten, whatever name a bug produces.
 */
export function buildRecordingArgs(file: string, container: RecordingContainer): readonly string[] {
  const format =
    container === 'matroska'
      ? // One-second clusters: at most about a second is lost in a crash.
        ['-f', 'matroska', '-cluster_time_limit', '1000']
      : // A fragment per keyframe (1 s), each self-contained after an empty moov.
        ['-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof'];
  return [
    ...nutInput(['-n']),
    '-map', `0:${NUT_STREAM.video}`, '-map', `0:${NUT_STREAM.aac}`, '-c', 'copy',
    ...format, '-flush_packets', '1', file,
  ];
}

/**
 * After a clean stop: the show's segments, in order, into one normal MP4 with the index first
 * (+faststart) so it plays while downloading. `listFile` holds `buildConcatList(segments)`.
 */
export function buildFinalizeRecordingArgs(listFile: string, outputMp4: string, chaptersFile: string | null = null): readonly string[] {
  return [
    ...commonArgs,
    ...progressTo(REMUX_FD.progress),
    '-n',
    // safe 0: segment paths are absolute (the concat demuxer refuses them otherwise).
    '-f', 'concat', '-safe', '0', '-i', listFile,
    // A chapter per promotion (chapterMetadata.std.ts buildChapterMetadata).
    ...(chaptersFile === null ? [] : ['-f', 'ffmetadata', '-i', chaptersFile, '-map_chapters', '1']),
    '-map', '0:v:0', '-map', '0:a:0', '-c', 'copy',
    '-movflags', '+faststart', '-f', 'mp4', outputMp4,
  ];
}

/** The concat demuxer's list: one `file` line per segment, single-quoted ('\'' inside quotes). */
export function buildConcatList(segmentFiles: readonly string[]): string {
  const lines = segmentFiles.map((file) => {
    if (/[\n\r]/.test(file)) throw new Error(`a segment file name holds a line break: ${JSON.stringify(file)}`);
    return `file '${file.replaceAll("'", "'\\''")}'`;
  });
  return ['ffconcat version 1.0', ...lines, ''].join('\n');
}

/** Arguments fit for a log: the path of an RTMP(S) URL (app and stream key) becomes `***`. */
export function redactArgs(args: readonly string[]): string[] {
  return args.map((arg) => arg.replace(/^(rtmps?[te]?:\/\/[^/]+)\/.*$/i, '$1/***'));
}

/** A short real encode that proves an encoder works on this machine, with the options we use. */
export function buildEncoderTestArgs(encoding: VideoEncoding, output: OutputProfileSpec): readonly string[] {
  const video = videoEncoderArgs(encoding, output);
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    ...video.beforeInputs,
    '-f', 'lavfi', '-i', 'testsrc2=size=256x144:rate=30', '-t', '0.3',
    ...(video.filters.length > 0 ? ['-filter:v', video.filters.join(',')] : []),
    ...video.codec,
    '-f', 'null', '-',
  ];
}
