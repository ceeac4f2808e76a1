import type { OutputProfile } from '../../contract/schemas/settings.std';
import {
  AAC_KBPS,
  AUDIO_CHANNELS,
  AUDIO_SAMPLE_RATE,
  OPUS_KBPS,
  outputProfileSpec,
  type OutputProfileSpec,
} from './outputProfiles.std';
import type { H264Profile } from './rtpPlan.std';

// The typed plan the encoder's FFmpeg arguments are built from (ffmpegArgs.std.ts). Data only:
// choosing an encoder (encoderSelection.node.ts) and building arguments stay separate, so both
// can be tested without running anything.

export const hardwareH264Encoders = ['h264_videotoolbox', 'h264_nvenc', 'h264_qsv', 'h264_vaapi', 'h264_amf'] as const;
export type HardwareH264Encoder = (typeof hardwareH264Encoders)[number];
export type H264EncoderName = HardwareH264Encoder | 'libx264';

export function isKnownH264Encoder(name: string): name is H264EncoderName {
  return name === 'libx264' || (hardwareH264Encoders as readonly string[]).includes(name);
}

export type VideoEncoding =
  | { encoder: 'libx264'; preset: 'ultrafast' | 'superfast' | 'veryfast' }
  | { encoder: 'h264_nvenc' }
  | { encoder: 'h264_qsv' }
  /** VAAPI needs the DRM render node to upload frames to (Linux). */
  | { encoder: 'h264_vaapi'; device: string }
  | { encoder: 'h264_videotoolbox' }
  | { encoder: 'h264_amf' };

export const DEFAULT_VAAPI_DEVICE = '/dev/dri/renderD128';

/** The default encoding for an encoder name, as picked by encoderSelection.node.ts. */
export function videoEncodingFor(encoder: H264EncoderName): VideoEncoding {
  switch (encoder) {
    case 'libx264':
      // MEDIA-NOTES.md: veryfast ≈ 0.35 core at 1080p30, 720p ≈ 45 % of that; the benchmark floor.
      return { encoder, preset: 'veryfast' };
    case 'h264_vaapi':
      return { encoder, device: DEFAULT_VAAPI_DEVICE };
    case 'h264_nvenc':
    case 'h264_qsv':
    case 'h264_videotoolbox':
    case 'h264_amf':
      return { encoder };
  }
}

/**
 * libx264 sends constrained baseline (every WebRTC viewer decodes it, Firefox's OpenH264 too);
 * hardware encoders send main, the profile they all implement well. The RTP plan announces it.
 */
export function h264ProfileOf(encoding: VideoEncoding): H264Profile {
  return encoding.encoder === 'libx264' ? 'constrained-baseline' : 'main';
}

/**
 * How input timestamps are made. `wallclock`: each frame and PCM chunk is stamped when FFmpeg
 * reads it, so video and audio share one clock and a frame the compositor dropped becomes a gap
 * that `-fps_mode cfr` fills (counted as dup_frames) instead of pulling video ahead of audio for
 * the rest of the show. Needs real-time feeding. `counted`: frame n is at n/fps and sample k at
 * k/48000; exact, for feeding faster than real time (tests, re-encoding a file).
 */
export type InputTimestamps = 'wallclock' | 'counted';

export interface EncodePlan {
  output: OutputProfileSpec;
  /** The composed frames as they arrive on stdin: I420 (yuv420p), scaled when it differs from output. */
  input: { width: number; height: number; framesPerSecond: number; timestamps: InputTimestamps };
  /** PCM on pipe:3, s16le interleaved. */
  audioInput: { sampleRate: number; channels: number };
  video: VideoEncoding;
  audio: { aacKbps: number; opusKbps: number };
}

export interface EncodePlanInput {
  profile: OutputProfile;
  video: VideoEncoding;
  /** Defaults to the output geometry (the compositor composes at the output size). */
  input?: Partial<EncodePlan['input']>;
}

export function createEncodePlan(choice: EncodePlanInput): EncodePlan {
  const output = outputProfileSpec(choice.profile);
  return {
    output,
    input: {
      width: choice.input?.width ?? output.width,
      height: choice.input?.height ?? output.height,
      framesPerSecond: choice.input?.framesPerSecond ?? output.framesPerSecond,
      timestamps: choice.input?.timestamps ?? 'wallclock',
    },
    audioInput: { sampleRate: AUDIO_SAMPLE_RATE, channels: AUDIO_CHANNELS },
    video: choice.video,
    audio: { aacKbps: AAC_KBPS, opusKbps: OPUS_KBPS },
  };
}
