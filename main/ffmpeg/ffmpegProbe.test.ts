import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isExecutableFile, locateFfmpeg } from './ffmpegLocator.node';
import { parseFfmpegVersion, parseH264Encoders, probeFfmpeg } from './ffmpegProbe.node';

const versionOutput = `ffmpeg version 6.1.1-3ubuntu5 Copyright (c) 2000-2023 the FFmpeg developers
built with gcc 13 (Ubuntu 13.2.0-23ubuntu3)
configuration: --prefix=/usr --enable-gpl --enable-libx264
libavutil      58. 29.100 / 58. 29.100
`;

const encodersOutput = `Encoders:
 V..... = Video
 A..... = Audio
 S..... = Subtitle
 .F.... = Frame-level multithreading
 ------
 V....D a64multi             Multicolor charset for Commodore 64 (codec a64_multi)
 V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
 V....D libx264rgb           libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 RGB (codec h264)
 V..... h264_omx             OpenMAX IL H.264 video encoder (codec h264)
 V....D h264_vaapi           H.264/AVC (VAAPI) (codec h264)
 A....D aac                  AAC (Advanced Audio Coding)
 A....D h264_nvenc           not a video line, so not a video encoder
`;

describe('parseFfmpegVersion', () => {
  it('reads the version from the banner line', () => {
    expect(parseFfmpegVersion(versionOutput)).toBe('6.1.1-3ubuntu5');
    expect(parseFfmpegVersion(`some warning\nffmpeg version n7.0.2 Copyright`)).toBe('n7.0.2');
  });

  it('answers null for output that is not FFmpeg’s', () => {
    expect(parseFfmpegVersion('')).toBeNull();
    expect(parseFfmpegVersion('avconv version 12 Copyright')).toBeNull();
  });
});

describe('parseH264Encoders', () => {
  it('keeps the known H.264 video encoders in preference order, hardware first', () => {
    expect(parseH264Encoders(encodersOutput)).toEqual(['h264_vaapi', 'libx264']);
  });

  it('answers an empty list when there is no H.264 encoder', () => {
    expect(parseH264Encoders(' V....D mpeg4                MPEG-4 part 2\n')).toEqual([]);
  });
});

describe('probeFfmpeg with the real FFmpeg', () => {
  it('reports the version and offers libx264', async () => {
    const found = await locateFfmpeg({ env: process.env, ffmpegStaticPath: () => null, isExecutable: isExecutableFile, platform: process.platform });
    if (!found) throw new Error('FFmpeg is not installed on this machine');
    const probe = await probeFfmpeg(found.path, execFile);
    expect(probe.version).toMatch(/^n?\d+\.\d+/);
    expect(probe.h264Encoders).toContain('libx264');
    expect(probe.h264Encoders.at(-1)).toBe('libx264');
  });

  it('refuses a binary that is not FFmpeg', async () => {
    await expect(probeFfmpeg('/bin/true', execFile)).rejects.toThrow('/bin/true did not report an FFmpeg version');
  });

  it('fails for a binary that does not exist', async () => {
    await expect(probeFfmpeg('/no/such/ffmpeg', execFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
