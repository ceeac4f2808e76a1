import { describe, expect, it } from 'vitest';
import { buildClipArgs, buildThumbnailArgs } from './clipArgs.std';

describe('clip arguments', () => {
  it('cuts on keyframes by copying: input seek, copy, timestamps from zero, fast start, progress on stdout', () => {
    expect(buildClipArgs('/shows/a/show.mp4', { startMs: 10_000, durationMs: 50_250 }, '/shows/a/clips/.Teapot.part.mp4', 'keyframe')).toEqual([
      '-hide_banner', '-nostdin', '-loglevel', 'level+warning', '-nostats',
      '-progress', 'pipe:1', '-stats_period', '0.5',
      '-y', '-ss', '10.000', '-i', '/shows/a/show.mp4', '-t', '50.250',
      '-map', '0:v:0', '-map', '0:a:0?',
      '-c', 'copy', '-avoid_negative_ts', 'make_zero',
      '-map_chapters', '-1', '-movflags', '+faststart', '-f', 'mp4', '/shows/a/clips/.Teapot.part.mp4',
    ]);
  });

  it('runs to the end of the show without a length', () => {
    expect(buildClipArgs('in.mp4', { startMs: 1500, durationMs: null }, 'out.mp4', 'keyframe')).not.toContain('-t');
  });

  it('cuts exactly by re-encoding when asked', () => {
    const args = buildClipArgs('in.mp4', { startMs: 1500, durationMs: 3000 }, 'out.mp4', 'exact');
    expect(args.join(' ')).toContain('-ss 1.500 -i in.mp4 -t 3.000 -map 0:v:0 -map 0:a:0? -c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p -c:a aac -b:a 128k -map_chapters -1 -movflags +faststart -f mp4 out.mp4');
    expect(args).not.toContain('copy');
  });

  it('takes one frame for the thumbnail', () => {
    expect(buildThumbnailArgs('clip.mp4', 25_000, 'clip.jpg').slice(5)).toEqual(['-y', '-ss', '25.000', '-i', 'clip.mp4', '-frames:v', '1', '-vf', 'scale=480:-2', '-q:v', '4', '-update', '1', '-f', 'image2', 'clip.jpg']);
  });
});
