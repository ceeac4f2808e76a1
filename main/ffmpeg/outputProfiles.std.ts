import type { OutputProfile } from '../../contract/schemas/settings.std';

// What each output profile the studio offers means for the encoder (issue 5). One table, so the
// bandwidth check before going live, the encoder's arguments and the UI read the same numbers.

export interface OutputProfileSpec {
  id: OutputProfile;
  width: number;
  height: number;
  framesPerSecond: number;
  /** Constant video bitrate, kb/s; the VBV buffer is one second of it (see `vbvBufferKbits`). */
  videoKbps: number;
  /**
   * The H.264 level the picture needs (level_idc, e.g. 31 = 3.1). 1280×720 and 720×1280 are
   * exactly 3,600 macroblocks, level 3.1's limit; 1080p needs 4.0. It also ends the
   * `profile-level-id` the SFU is told (rtpPlan.std.ts).
   */
  h264Level: number;
}

export const KEYFRAME_INTERVAL_SECONDS = 1;
export const AAC_KBPS = 128;
/** Opus for viewers in the SFU: 96 kb/s stereo is transparent for voice and music from a studio. */
export const OPUS_KBPS = 96;
export const AUDIO_SAMPLE_RATE = 48_000;
export const AUDIO_CHANNELS = 2;

export const outputProfileSpecs: Readonly<Record<OutputProfile, OutputProfileSpec>> = {
  '720p30': { id: '720p30', width: 1280, height: 720, framesPerSecond: 30, videoKbps: 2500, h264Level: 31 },
  '1080p30': { id: '1080p30', width: 1920, height: 1080, framesPerSecond: 30, videoKbps: 4500, h264Level: 40 },
  vertical720x1280: { id: 'vertical720x1280', width: 720, height: 1280, framesPerSecond: 30, videoKbps: 2500, h264Level: 31 },
};

export function outputProfileSpec(profile: OutputProfile): OutputProfileSpec {
  return outputProfileSpecs[profile];
}

/**
 * Frames between keyframes: plain RTP into the SFU has no PLI, so a joining or lossy viewer waits
 * for the next keyframe, and an RTMP push back from an outage starts at the next one (issue 13:
 * streaming again within 2 s of the server being back). 1 s is within what platforms accept
 * (most ask for 1–2 s) for a few percent more bitrate at the same quality.
 */
export function keyframeIntervalFrames(spec: OutputProfileSpec): number {
  return Math.round(spec.framesPerSecond * KEYFRAME_INTERVAL_SECONDS);
}

/** One second of video: a tight VBV keeps CBR honest for live ingest (BENCH-SCENE.md's floor). */
export function vbvBufferKbits(spec: OutputProfileSpec): number {
  return spec.videoKbps;
}

/** What one show sends to one RTMP destination, kb/s (video + AAC), for the upload check. */
export function rtmpKbps(spec: OutputProfileSpec): number {
  return spec.videoKbps + AAC_KBPS;
}

/** What the SFU leg sends, kb/s (video + Opus). */
export function sfuKbps(spec: OutputProfileSpec): number {
  return spec.videoKbps + OPUS_KBPS;
}
