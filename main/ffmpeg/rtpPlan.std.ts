import type { types } from 'mediasoup';

// ONE plan for the SFU leg (issue 5): the SSRCs, payload types and codecs that FFmpeg sends
// (ffmpegArgs.std.ts, buildSfuRemuxArgs) are the ones the SFU is told to expect when producing
// (`producerRtpParameters`, body of the broadcaster API's producers endpoint). mediasoup drops
// packets whose SSRC or payload type it was not told about, so the two must never be typed twice.

/**
 * `constrained-baseline` is what libx264 sends here (`-profile:v baseline`: no B-frames, no CABAC;
 * every WebRTC viewer can decode it, Firefox's OpenH264 included); hardware encoders send `main`.
 * Both exist on the router (main/sfu/routerCodecs.std.ts); mediasoup matches the profile only.
 */
export type H264Profile = 'constrained-baseline' | 'main';

export interface RtpVideoPlan {
  ssrc: number;
  payloadType: number;
  profile: H264Profile;
  /** level_idc, e.g. 31 for 3.1 (outputProfiles.std.ts says which level each picture needs). */
  level: number;
}

export interface RtpAudioPlan {
  ssrc: number;
  payloadType: number;
}

export interface RtpPlan {
  video: RtpVideoPlan;
  audio: RtpAudioPlan;
}

export const H264_CLOCK_RATE = 90_000;
export const OPUS_CLOCK_RATE = 48_000;
/** mediasoup-demo's broadcaster scripts use 100/101; dynamic payload types are 96–127. */
export const AUDIO_PAYLOAD_TYPE = 100;
export const VIDEO_PAYLOAD_TYPE = 101;
/** Leaves room for SRTP and header extensions on the way to viewers (MEDIA-NOTES.md). */
export const RTP_PACKET_SIZE = 1200;

export interface RtpPlanInput {
  profile: H264Profile;
  level: number;
  /** A source of uniformly random 32-bit unsigned integers (crypto in production, fixed in tests). */
  randomUint32: () => number;
}

/**
 * A fresh plan for one broadcaster. Random SSRCs (RFC 3550 §8) so two broadcasters in one room, or
 * a stale FFmpeg still sending after a restart, never collide with the current producer.
 */
export function createRtpPlan(input: RtpPlanInput): RtpPlan {
  const videoSsrc = nonZeroSsrc(input.randomUint32);
  let audioSsrc = nonZeroSsrc(input.randomUint32);
  while (audioSsrc === videoSsrc) audioSsrc = nonZeroSsrc(input.randomUint32);
  return {
    video: { ssrc: videoSsrc, payloadType: VIDEO_PAYLOAD_TYPE, profile: input.profile, level: input.level },
    audio: { ssrc: audioSsrc, payloadType: AUDIO_PAYLOAD_TYPE },
  };
}

/**
 * 31 bits: FFmpeg 5.1's `-ssrc` option is a signed int and refuses values ≥ 2^31 ("out of range").
 * `ffmpegSsrcArg` copes with any SSRC; drawing below 2^31 keeps the arguments readable.
 */
function nonZeroSsrc(randomUint32: () => number): number {
  for (let attempt = 0; attempt < 16; attempt += 1) {
    const value = (randomUint32() >>> 0) & 0x7fffffff;
    if (value !== 0) return value;
  }
  throw new Error('randomUint32 keeps answering 0');
}

/**
 * RFC 6184 `profile-level-id`: profile_idc, constraint flags, level_idc as six hex digits.
 * Constrained baseline is 42e0xx (constraint_set0..2), main 4d00xx; the level ends it, so 1080p
 * (level 4.0) announces 42e028 and still matches the router's 42e01f (same profile).
 */
export function h264ProfileLevelId(video: Pick<RtpVideoPlan, 'profile' | 'level'>): string {
  if (!Number.isInteger(video.level) || video.level < 10 || video.level > 62) {
    throw new RangeError(`H.264 level_idc ${video.level} is not a level`);
  }
  const profileAndFlags = video.profile === 'constrained-baseline' ? '42e0' : '4d00';
  return `${profileAndFlags}${video.level.toString(16).padStart(2, '0')}`;
}

/**
 * The SSRC as FFmpeg's `-ssrc` takes it: a signed 32-bit int (AVOption range ±2^31) whose bits the
 * RTP muxer writes unchanged, so 0xdeadbeef travels as -559038737 and arrives as 0xdeadbeef.
 */
export function ffmpegSsrcArg(ssrc: number): string {
  if (!Number.isInteger(ssrc) || ssrc < 0 || ssrc > 0xffffffff) throw new RangeError(`SSRC ${ssrc} is not a 32-bit unsigned integer`);
  return String(ssrc | 0);
}

/** `-profile:v` for libx264, nvenc, qsv and videotoolbox; VAAPI and AMF name it differently. */
export function ffmpegProfileName(profile: H264Profile): 'baseline' | 'main' {
  return profile === 'constrained-baseline' ? 'baseline' : 'main';
}

/** What to POST as `rtpParameters` to the broadcaster API's producers endpoint, per kind. */
export function producerRtpParameters(plan: RtpPlan, kind: types.MediaKind): types.RtpParameters {
  if (kind === 'video') {
    return {
      codecs: [
        {
          mimeType: 'video/H264',
          payloadType: plan.video.payloadType,
          clockRate: H264_CLOCK_RATE,
          // packetization-mode 1: FFmpeg's RTP muxer sends FU-A fragments and STAP-A (RFC 6184).
          parameters: { 'packetization-mode': 1, 'profile-level-id': h264ProfileLevelId(plan.video), 'level-asymmetry-allowed': 1 },
        },
      ],
      encodings: [{ ssrc: plan.video.ssrc }],
    };
  }
  return {
    codecs: [
      {
        mimeType: 'audio/opus',
        payloadType: plan.audio.payloadType,
        clockRate: OPUS_CLOCK_RATE,
        channels: 2,
        parameters: { 'sprop-stereo': 1 },
      },
    ],
    encodings: [{ ssrc: plan.audio.ssrc }],
  };
}
