import { describe, expect, it } from 'vitest';
import { buildClipArgs, buildThumbnailArgs } from './cutArgs.std';

describe('clip arguments', () => {
  it('cuts on keyframes by copying: input seek, copy, timestamps from zero, fast start', () => {
    expect(buildClipArgs('/shows/a/show.mp4', { startSec: 10, durationSec: 50.25 }, '/shows/a/clips/.Teapot.part.mp4', 'keyframe')).toEqual([
      '-hide_banner', '-nostdin', '-loglevel', 'level+warning', '-nostats',
      '-y', '-ss', '10.000', '-i', '/shows/a/show.mp4', '-t', '50.250',
      '-map', '0:v:0', '-map', '0:a:0?',
      '-c', 'copy', '-avoid_negative_ts', 'make_zero',
      '-movflags', '+faststart', '-f', 'mp4', '/shows/a/clips/.Teapot.part.mp4',
    ]);
  });

  it('cuts exactly by re-encoding when asked', () => {
    const args = buildClipArgs('in.mp4', { startSec: 1.5, durationSec: 3 }, 'out.mp4', 'exact');
    expect(args.join(' ')).toContain('-ss 1.500 -i in.mp4 -t 3.000 -map 0:v:0 -map 0:a:0? -c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p -c:a aac -b:a 128k -movflags +faststart');
    expect(args).not.toContain('copy');
  });

  it('takes one frame for the thumbnail', () => {
    expect(buildThumbnailArgs('clip.mp4', 25, 'clip.jpg').slice(5)).toEqual(['-y', '-ss', '25.000', '-i', 'clip.mp4', '-frames:v', '1', '-vf', 'scale=480:-2', '-q:v', '4', '-update', '1', '-f', 'image2', 'clip.jpg']);
  });
});
