import { describe, expect, it } from 'vitest';
import { replayMediaPath } from './replayMediaPath.std';

describe('replay media paths', () => {
  it('reads the show and the file from the path, refusing escapes', () => {
    expect(replayMediaPath('/replay-media/2026-11-25T20-15-00/clips/Silk%20scarf.mp4')).toEqual({ showId: '2026-11-25T20-15-00', file: 'clips/Silk scarf.mp4' });
    expect(replayMediaPath('/replay-media/show/%2e%2e%2fsecret.key')).toBeNull();
    expect(replayMediaPath('/replay-media/show/clips/a%2Fb.mp4')).toBeNull();
    expect(replayMediaPath('/replay-media/show')).toBeNull();
    expect(replayMediaPath('/replay-media/show/%E0%A4%A.mp4')).toBeNull();
    expect(replayMediaPath('/other/show/show.mp4')).toBeNull();
  });
});
