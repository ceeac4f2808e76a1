import { describe, expect, it } from 'vitest';
import { createRtpPlan, ffmpegSsrcArg, h264ProfileLevelId, producerRtpParameters, type RtpPlan } from './rtpPlan.std';

const plan: RtpPlan = {
  video: { ssrc: 2222, payloadType: 101, profile: 'constrained-baseline', level: 31 },
  audio: { ssrc: 1111, payloadType: 100 },
};

describe('createRtpPlan', () => {
  it('draws distinct non-zero SSRCs below 2^31 and uses the demo scripts’ payload types', () => {
    const draws = [0, 0xffffffff, 0x7fffffff, 42];
    const drawn = createRtpPlan({ profile: 'main', level: 40, randomUint32: () => draws.shift() ?? 7 });
    expect(drawn).toEqual({
      video: { ssrc: 0x7fffffff, payloadType: 101, profile: 'main', level: 40 },
      audio: { ssrc: 42, payloadType: 100 },
    });
  });

  it('draws again when audio would share the video SSRC', () => {
    const draws = [5, 5, 6];
    const drawn = createRtpPlan({ profile: 'constrained-baseline', level: 31, randomUint32: () => draws.shift() ?? 0 });
    expect([drawn.video.ssrc, drawn.audio.ssrc]).toEqual([5, 6]);
  });

  it('gives up on a random source that only says 0', () => {
    expect(() => createRtpPlan({ profile: 'main', level: 31, randomUint32: () => 0 })).toThrow('keeps answering 0');
  });
});

describe('h264ProfileLevelId', () => {
  it('writes profile, constraint flags and level as six hex digits', () => {
    expect(h264ProfileLevelId({ profile: 'constrained-baseline', level: 31 })).toBe('42e01f');
    expect(h264ProfileLevelId({ profile: 'constrained-baseline', level: 40 })).toBe('42e028');
    expect(h264ProfileLevelId({ profile: 'main', level: 31 })).toBe('4d001f');
    expect(() => h264ProfileLevelId({ profile: 'main', level: 3.1 })).toThrow(RangeError);
  });
});

describe('ffmpegSsrcArg', () => {
  it('passes the SSRC’s 32 bits as the signed int FFmpeg 5.1’s -ssrc option takes', () => {
    expect(ffmpegSsrcArg(1111)).toBe('1111');
    expect(ffmpegSsrcArg(0x7fffffff)).toBe('2147483647');
    expect(ffmpegSsrcArg(0xdeadbeef)).toBe('-559038737');
    expect(() => ffmpegSsrcArg(2 ** 32)).toThrow(RangeError);
    expect(() => ffmpegSsrcArg(-1)).toThrow(RangeError);
  });
});

describe('producerRtpParameters', () => {
  it('tells the SFU exactly what the plan makes FFmpeg send', () => {
    expect(producerRtpParameters(plan, 'video')).toEqual({
      codecs: [
        {
          mimeType: 'video/H264',
          payloadType: 101,
          clockRate: 90000,
          parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
        },
      ],
      encodings: [{ ssrc: 2222 }],
    });
    expect(producerRtpParameters(plan, 'audio')).toEqual({
      codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: { 'sprop-stereo': 1 } }],
      encodings: [{ ssrc: 1111 }],
    });
  });
});
