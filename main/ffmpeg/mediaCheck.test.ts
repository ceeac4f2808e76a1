import { describe, expect, it } from 'vitest';
import { buildHeaderArgs, buildReadCheckArgs, parseHeader } from './mediaCheck.std';

describe('checking a recording with FFmpeg alone', () => {
  it('reads every packet into the null muxer, progress on stdout', () => {
    expect(buildReadCheckArgs('/shows/a/.show.part.mp4')).toEqual([
      '-hide_banner', '-nostdin', '-loglevel', 'level+warning', '-nostats',
      '-progress', 'pipe:1', '-stats_period', '5',
      '-i', '/shows/a/.show.part.mp4',
      '-map', '0:v:0', '-map', '0:a?', '-c', 'copy', '-f', 'null', '-',
    ]);
    expect(buildHeaderArgs('a.mkv')).toEqual(['-hide_banner', '-nostdin', '-i', 'a.mkv']);
  });

  it('reads the header FFmpeg 5.1 prints, and knows when there was none', () => {
    const mp4 = [
      "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.mp4':",
      '  Duration: 00:12:03.50, start: 0.000000, bitrate: 238 kb/s',
      '  Stream #0:0[0x1](und): Video: h264 (Constrained Baseline) (avc1 / 0x31637661), yuv420p(progressive), 320x180, 30 fps',
      '  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, mono, fltp, 69 kb/s (default)',
      'At least one output file must be specified',
    ].join('\n');
    expect(parseHeader(mp4)).toEqual({ durationSec: 723.5, video: true, audio: true });
    expect(parseHeader("Input #0, matroska,webm, from 'b.mkv':\n  Duration: N/A, start: 0.000000\n  Stream #0:0: Audio: aac (LC), 44100 Hz")).toEqual({ durationSec: null, video: false, audio: true });
    expect(parseHeader('[matroska,webm @ 0x55] EBML header parsing failed\nb.mkv: Invalid data found when processing input')).toBeNull();
  });
});
