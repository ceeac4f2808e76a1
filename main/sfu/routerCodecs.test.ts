import { isSameProfile } from 'h264-profile-level-id';
import { describe, expect, it } from 'vitest';
import { h264ProfileLevelId } from '../ffmpeg/rtpPlan.std';
import { routerMediaCodecs } from './routerCodecs.std';

// The router's H.264 codecs against what the RTP plan makes FFmpeg send (main/ffmpeg/rtpPlan.std.ts).
describe('routerMediaCodecs', () => {
  it('matches a router codec by mediasoup’s own profile check, at every level we send', () => {
    const routerProfiles = routerMediaCodecs.filter((codec) => codec.mimeType === 'video/H264').map((codec) => codec.parameters);
    for (const video of [
      { profile: 'constrained-baseline', level: 31 },
      { profile: 'constrained-baseline', level: 40 },
      { profile: 'main', level: 31 },
      { profile: 'main', level: 40 },
    ] as const) {
      const ours = { 'profile-level-id': h264ProfileLevelId(video) };
      expect(routerProfiles.filter((parameters) => isSameProfile(ours, parameters ?? {}))).toHaveLength(1);
    }
    // libx264's baseline SPS says 42c01f (constraint_set0+1): the same profile as announced.
    expect(isSameProfile({ 'profile-level-id': '42c01f' }, { 'profile-level-id': '42e01f' })).toBe(true);
  });
});
