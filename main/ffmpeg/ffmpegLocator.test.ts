import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffmpegStaticPathFrom, isExecutableFile, locateFfmpeg, type LocatorDeps } from './ffmpegLocator.node';

/** Deps where only the listed files are executable; `checked` records every probe, in order. */
function deps(executables: string[], overrides: Partial<LocatorDeps> = {}) {
  const checked: string[] = [];
  const located: LocatorDeps = {
    env: {},
    ffmpegStaticPath: () => null,
    isExecutable: (file) => {
      checked.push(file);
      return Promise.resolve(executables.includes(file));
    },
    platform: 'linux',
    ...overrides,
  };
  return { deps: located, checked };
}

const env = { FFMPEG_PATH: '/opt/ffmpeg/bin/ffmpeg', PATH: ['/usr/local/bin', '/usr/bin'].join(path.delimiter) };

describe('locateFfmpeg', () => {
  it('prefers FFMPEG_PATH over ffmpeg-static and PATH', async () => {
    const { deps: located, checked } = deps(['/opt/ffmpeg/bin/ffmpeg', '/pkg/ffmpeg', '/usr/bin/ffmpeg'], {
      env,
      ffmpegStaticPath: () => '/pkg/ffmpeg',
    });
    expect(await locateFfmpeg(located)).toEqual({ path: '/opt/ffmpeg/bin/ffmpeg', source: 'FFMPEG_PATH' });
    expect(checked).toEqual(['/opt/ffmpeg/bin/ffmpeg']);
  });

  it('falls through a non-executable FFMPEG_PATH to ffmpeg-static', async () => {
    const { deps: located, checked } = deps(['/pkg/ffmpeg', '/usr/bin/ffmpeg'], { env, ffmpegStaticPath: () => '/pkg/ffmpeg' });
    expect(await locateFfmpeg(located)).toEqual({ path: '/pkg/ffmpeg', source: 'ffmpeg-static' });
    expect(checked).toEqual(['/opt/ffmpeg/bin/ffmpeg', '/pkg/ffmpeg']);
  });

  it('falls through to the first PATH entry that holds an executable ffmpeg', async () => {
    const { deps: located, checked } = deps(['/usr/bin/ffmpeg'], { env, ffmpegStaticPath: () => '/pkg/ffmpeg' });
    expect(await locateFfmpeg(located)).toEqual({ path: '/usr/bin/ffmpeg', source: 'PATH' });
    expect(checked).toEqual(['/opt/ffmpeg/bin/ffmpeg', '/pkg/ffmpeg', '/usr/local/bin/ffmpeg', '/usr/bin/ffmpeg']);
  });

  it('skips empty PATH entries and looks for ffmpeg.exe on Windows', async () => {
    const { deps: located, checked } = deps([], {
      env: { PATH: ['', 'bin', ''].join(path.delimiter) },
      platform: 'win32',
    });
    expect(await locateFfmpeg(located)).toBeNull();
    expect(checked).toEqual([path.join('bin', 'ffmpeg.exe')]);
  });

  it('answers null when FFmpeg is nowhere, including without PATH', async () => {
    expect(await locateFfmpeg(deps([], { env: { FFMPEG_PATH: '/nope' } }).deps)).toBeNull();
    expect(await locateFfmpeg(deps([], { env: { PATH: '/usr/bin' } }).deps)).toBeNull();
  });

  it('finds the FFmpeg installed on this machine through the real PATH and file system', async () => {
    const found = await locateFfmpeg({
      env: { PATH: process.env['PATH'] ?? '' },
      ffmpegStaticPath: () => null,
      isExecutable: isExecutableFile,
      platform: process.platform,
    });
    expect(found).toEqual({ path: '/usr/bin/ffmpeg', source: 'PATH' });
  });
});

describe('isExecutableFile', () => {
  it('is true for an executable and false for a plain or missing file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-ffmpeg-'));
    try {
      const plain = path.join(dir, 'ffmpeg');
      await writeFile(plain, '', { mode: 0o644 });
      expect(await isExecutableFile('/usr/bin/ffmpeg')).toBe(true);
      expect(await isExecutableFile(plain)).toBe(false);
      expect(await isExecutableFile(path.join(dir, 'missing'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('ffmpegStaticPathFrom', () => {
  it("answers the package's path, or null when it is absent or not a path", () => {
    expect(ffmpegStaticPathFrom(() => '/pkg/ffmpeg')()).toBe('/pkg/ffmpeg');
    expect(ffmpegStaticPathFrom(() => ({ default: '/pkg/ffmpeg' }))()).toBeNull();
    const missing = ffmpegStaticPathFrom(() => {
      throw Object.assign(new Error("Cannot find module 'ffmpeg-static'"), { code: 'MODULE_NOT_FOUND' });
    });
    expect(missing()).toBeNull();
  });
});
