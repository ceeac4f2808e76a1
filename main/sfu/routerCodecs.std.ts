import type { types } from 'mediasoup';

// What a show's router accepts and offers viewers. H.264 comes in two profiles because FFmpeg's
// libx264 sends baseline (42e01f) for the lowest latency but hardware encoders and
// `-profile:v main` send main (4d001f); a producer whose profile matches no router codec is
// refused. `level-asymmetry-allowed` lets a viewer decode a higher level than it would send.
// VP8 is there for mediasoup-demo's broadcaster scripts (ffmpeg.sh, gstreamer.sh), which send VP8.

const h264 = (profileLevelId: string): types.RtpCodecCapability => ({
  kind: 'video',
  mimeType: 'video/H264',
  clockRate: 90000,
  parameters: { 'packetization-mode': 1, 'profile-level-id': profileLevelId, 'level-asymmetry-allowed': 1 },
});

export const H264_BASELINE_PROFILE_LEVEL_ID = '42e01f';
export const H264_MAIN_PROFILE_LEVEL_ID = '4d001f';

export const routerMediaCodecs: readonly types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  h264(H264_BASELINE_PROFILE_LEVEL_ID),
  h264(H264_MAIN_PROFILE_LEVEL_ID),
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];
