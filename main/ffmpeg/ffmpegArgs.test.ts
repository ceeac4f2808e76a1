import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createEncodePlan, videoEncodingFor, type VideoEncoding } from './encodePlan.std';
import {
  buildConcatList,
  buildEncoderArgs,
  buildEncoderTestArgs,
  buildFinalizeRecordingArgs,
  buildRecordingArgs,
  buildRtmpRemuxArgs,
  buildSfuRemuxArgs,
  redactArgs,
  videoEncoderArgs,
} from './ffmpegArgs.std';
import { outputProfileSpec } from './outputProfiles.std';
import type { RtpPlan } from './rtpPlan.std';

// Golden argument arrays: a change here changes what every show sends, so it must be deliberate.
// goLivePipeline.test.ts runs these same builders against the real FFmpeg.

const x264: VideoEncoding = { encoder: 'libx264', preset: 'veryfast' };

const encoderHead = ['-hide_banner', '-nostdin', '-loglevel', 'level+warning', '-nostats', '-progress', 'pipe:4', '-stats_period', '1'];
const remuxHead = ['-hide_banner', '-nostdin', '-loglevel', 'level+warning', '-nostats', '-progress', 'pipe:3', '-stats_period', '1'];
const nutIn = ['-f', 'nut', '-fpsprobesize', '0', '-i', 'pipe:0'];
const audioOut = ['-filter:a', 'aresample=async=1000', '-c:a:0', 'aac', '-b:a:0', '128k', '-c:a:1', 'libopus', '-b:a:1', '96k', '-ar', '48000', '-ac', '2'];
const nutOut = ['-flags', '+global_header', '-f', 'nut', '-write_index', '0', '-flush_packets', '1', 'pipe:1'];

function encoderGolden(size: string, level: string, kbps: string): string[] {
  return [
    ...encoderHead,
    '-use_wallclock_as_timestamps', '1',
    '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', size, '-framerate', '30', '-i', 'pipe:0',
    '-use_wallclock_as_timestamps', '1', '-thread_queue_size', '64',
    '-f', 's16le', '-sample_rate', '48000', '-ch_layout', 'stereo', '-i', 'pipe:3',
    '-map', '0:v:0', '-map', '1:a:0', '-map', '1:a:0',
    '-fps_mode', 'cfr', '-r', '30',
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'baseline', '-level:v', level, '-pix_fmt', 'yuv420p',
    '-b:v', kbps, '-minrate', kbps, '-maxrate', kbps, '-bufsize', kbps, '-g', '30', '-keyint_min', '30', '-sc_threshold', '0',
    ...audioOut,
    ...nutOut,
  ];
}

describe('buildEncoderArgs, per output profile', () => {
  it('720p30: 2500k CBR, level 3.1', () => {
    expect(buildEncoderArgs(createEncodePlan({ profile: '720p30', video: x264 }))).toEqual(encoderGolden('1280x720', '3.1', '2500k'));
  });

  it('1080p30: 4500k CBR, level 4.0', () => {
    expect(buildEncoderArgs(createEncodePlan({ profile: '1080p30', video: x264 }))).toEqual(encoderGolden('1920x1080', '4.0', '4500k'));
  });

  it('vertical 720×1280: 2500k CBR, level 3.1', () => {
    expect(buildEncoderArgs(createEncodePlan({ profile: 'vertical720x1280', video: x264 }))).toEqual(encoderGolden('720x1280', '3.1', '2500k'));
  });

  it('counted timestamps drop the wall clock and the audio resampler; other input sizes are scaled', () => {
    const args = buildEncoderArgs(createEncodePlan({ profile: '1080p30', video: x264, input: { width: 1280, height: 720, timestamps: 'counted' } }));
    expect(args).not.toContain('-use_wallclock_as_timestamps');
    expect(args).not.toContain('aresample=async=1000');
    expect(args.slice(args.indexOf('-filter:v'), args.indexOf('-filter:v') + 2)).toEqual(['-filter:v', 'scale=1920:1080']);
    expect(args.slice(args.indexOf('-video_size'), args.indexOf('-video_size') + 2)).toEqual(['-video_size', '1280x720']);
  });

  it('VAAPI opens its device before the inputs and uploads frames after any scaling', () => {
    const args = buildEncoderArgs(
      createEncodePlan({ profile: '720p30', video: videoEncodingFor('h264_vaapi'), input: { width: 1920, height: 1080 } }),
    );
    expect(args.indexOf('-vaapi_device')).toBeLessThan(args.indexOf('-i'));
    expect(args[args.indexOf('-vaapi_device') + 1]).toBe('/dev/dri/renderD128');
    expect(args[args.indexOf('-filter:v') + 1]).toBe('scale=1280:720,format=nv12,hwupload');
  });
});

describe('videoEncoderArgs, hardware encoders at 720p30', () => {
  const spec = outputProfileSpec('720p30');
  const cbr = ['-b:v', '2500k', '-maxrate', '2500k', '-bufsize', '2500k'];
  const gop1s = ['-g', '30', '-bf', '0'];
  const forced = ['-force_key_frames', 'expr:gte(t,n_forced*1)'];

  it.each([
    ['h264_nvenc', [], [], ['-c:v', 'h264_nvenc', '-preset', 'p4', '-tune', 'll', '-profile:v', 'main', '-rc', 'cbr', ...cbr, ...gop1s, '-no-scenecut', '1', '-forced-idr', '1', '-zerolatency', '1', ...forced]],
    ['h264_qsv', [], [], ['-c:v', 'h264_qsv', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'nv12', ...cbr, ...gop1s, '-look_ahead', '0', '-async_depth', '1', ...forced]],
    ['h264_vaapi', ['-vaapi_device', '/dev/dri/renderD128'], ['format=nv12', 'hwupload'], ['-c:v', 'h264_vaapi', '-profile:v', 'main', '-rc_mode', 'CBR', ...cbr, ...gop1s, ...forced]],
    ['h264_videotoolbox', [], [], ['-c:v', 'h264_videotoolbox', '-realtime', '1', '-allow_sw', '0', '-profile:v', 'main', ...cbr, ...gop1s, ...forced]],
    ['h264_amf', [], [], ['-c:v', 'h264_amf', '-usage', 'lowlatency', '-quality', 'speed', '-profile:v', 'main', '-rc', 'cbr', ...cbr, ...gop1s, ...forced]],
  ] as const)('%s', (encoder, beforeInputs, filters, codec) => {
    expect(videoEncoderArgs(videoEncodingFor(encoder), spec)).toEqual({ beforeInputs, filters, codec });
  });

  // Debian's FFmpeg 5.1 ships nvenc, qsv and vaapi (without the hardware): their option tables
  // are real even here, so every private option and named value we pass must be in them.
  it.each(['h264_nvenc', 'h264_qsv', 'h264_vaapi'] as const)('%s: every private option and named value exists in this FFmpeg', async (encoder) => {
    const { stdout: help } = await promisify(execFile)('ffmpeg', ['-hide_banner', '-h', `encoder=${encoder}`]);
    const generic = new Set(['-c:v', '-b:v', '-maxrate', '-bufsize', '-g', '-bf', '-pix_fmt', '-force_key_frames']);
    const { codec } = videoEncoderArgs(videoEncodingFor(encoder), spec);
    for (let index = 2; index < codec.length; index += 2) {
      const option = codec[index] ?? '';
      const value = codec[index + 1] ?? '';
      if (generic.has(option)) continue;
      const name = option.replace(/^-/, '').replace(/:v$/, '');
      expect(help, `${encoder} ${option}`).toMatch(new RegExp(`^\\s+-${name}\\s`, 'm'));
      if (!/^\d+$/.test(value)) expect(help, `${encoder} ${option} ${value}`).toMatch(new RegExp(`^\\s+${value}\\s`, 'm'));
    }
  });
});

const plan: RtpPlan = {
  video: { ssrc: 2222, payloadType: 101, profile: 'constrained-baseline', level: 31 },
  audio: { ssrc: 1111, payloadType: 100 },
};

describe('remuxer arguments, per destination', () => {
  it('SFU: H.264 with SPS/PPS in-band and Opus, each to its transport from pinned local ports', () => {
    const target = {
      ip: '127.0.0.1',
      videoPort: 40000,
      videoRtcpPort: 40001,
      audioPort: 40002,
      audioRtcpPort: 40003,
      localPorts: { videoRtp: 50000, videoRtcp: 50001, audioRtp: 50002, audioRtcp: 50003 },
    };
    expect(buildSfuRemuxArgs(plan, target)).toEqual([
      ...remuxHead,
      ...nutIn,
      '-map', '0:0', '-c:v', 'copy', '-bsf:v', 'dump_extra=freq=keyframe',
      '-f', 'rtp', '-rtpflags', 'send_bye', '-ssrc', '2222', '-payload_type', '101',
      'rtp://127.0.0.1:40000?rtcpport=40001&localrtpport=50000&localrtcpport=50001&pkt_size=1200',
      '-map', '0:2', '-c:a', 'copy',
      '-f', 'rtp', '-rtpflags', 'send_bye', '-ssrc', '1111', '-payload_type', '100',
      'rtp://127.0.0.1:40002?rtcpport=40003&localrtpport=50002&localrtcpport=50003&pkt_size=1200',
    ]);
    const ipv6 = buildSfuRemuxArgs(plan, { ...target, ip: '::1' });
    expect(ipv6.filter((arg) => arg.startsWith('rtp://')).map((url) => url.split('?')[0])).toEqual(['rtp://[::1]:40000', 'rtp://[::1]:40002']);
  });

  it('RTMP: H.264 + AAC in FLV, from NUT\'s stream headers without probing', () => {
    expect(buildRtmpRemuxArgs('rtmp://live.example.com/app/secret-key')).toEqual([
      ...remuxHead,
      '-f', 'nut', '-fpsprobesize', '0', '-analyzeduration', '1', '-probesize', '32', '-i', 'pipe:0',
      '-map', '0:0', '-map', '0:1', '-c', 'copy',
      '-f', 'flv', '-flvflags', 'no_duration_filesize', 'rtmp://live.example.com/app/secret-key',
    ]);
  });

  it('recording: H.264 + AAC in Matroska (1 s clusters) or fragmented MP4, never overwriting', () => {
    expect(buildRecordingArgs('/rec/show-1/segment-001.mkv', 'matroska')).toEqual([
      ...remuxHead,
      '-n',
      ...nutIn,
      '-map', '0:0', '-map', '0:1', '-c', 'copy',
      '-f', 'matroska', '-cluster_time_limit', '1000', '-flush_packets', '1', '/rec/show-1/segment-001.mkv',
    ]);
    expect(buildRecordingArgs('/rec/show-1/segment-001.mp4', 'fragmented-mp4')).toEqual([
      ...remuxHead,
      '-n',
      ...nutIn,
      '-map', '0:0', '-map', '0:1', '-c', 'copy',
      '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-flush_packets', '1', '/rec/show-1/segment-001.mp4',
    ]);
  });

  it('finalize: the segments through the concat demuxer into a faststart MP4', () => {
    expect(buildFinalizeRecordingArgs('/rec/show-1/segments.ffconcat', '/rec/show-1.mp4')).toEqual([
      ...remuxHead,
      '-n',
      '-f', 'concat', '-safe', '0', '-i', '/rec/show-1/segments.ffconcat',
      '-map', '0:v:0', '-map', '0:a:0', '-c', 'copy',
      '-movflags', '+faststart', '-f', 'mp4', '/rec/show-1.mp4',
    ]);
  });
});

describe('buildConcatList', () => {
  it('quotes every path, single quotes included', () => {
    expect(buildConcatList(['/rec/a.mkv', "/rec/Bob's show/b.mkv"])).toBe(
      "ffconcat version 1.0\nfile '/rec/a.mkv'\nfile '/rec/Bob'\\''s show/b.mkv'\n",
    );
  });

  it('refuses a path with a line break, which would end the line early', () => {
    expect(() => buildConcatList(['/rec/a\nfile /etc/passwd'])).toThrow('line break');
  });
});

describe('redactArgs', () => {
  it('hides the app and stream key of RTMP(S) URLs and leaves everything else alone', () => {
    const args = buildRtmpRemuxArgs('rtmps://live-api-s.facebook.com:443/rtmp/FB-123-secret');
    expect(redactArgs(args).at(-1)).toBe('rtmps://live-api-s.facebook.com:443/***');
    expect(redactArgs(args).slice(0, -1)).toEqual(args.slice(0, -1));
    expect(redactArgs(['/rec/rtmp://not-a-url'])).toEqual(['/rec/rtmp://not-a-url']);
  });
});

describe('buildEncoderTestArgs', () => {
  it('encodes 0.3 s of a small test picture with the show’s own encoder options', () => {
    const spec = outputProfileSpec('720p30');
    expect(buildEncoderTestArgs(videoEncodingFor('h264_vaapi'), spec)).toEqual([
      '-hide_banner', '-nostdin', '-loglevel', 'error',
      '-vaapi_device', '/dev/dri/renderD128',
      '-f', 'lavfi', '-i', 'testsrc2=size=256x144:rate=30', '-t', '0.3',
      '-filter:v', 'format=nv12,hwupload',
      ...videoEncoderArgs(videoEncodingFor('h264_vaapi'), spec).codec,
      '-f', 'null', '-',
    ]);
  });
});
