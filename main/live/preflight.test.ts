import { describe, expect, it } from 'vitest';
import type { FfmpegLocation } from '../ffmpeg/ffmpegLocator.node';
import type { FfmpegProbe } from '../ffmpeg/ffmpegProbe.node';
import { noMediaYet, type MediaIngestStats } from '../media/mediaIngest.std';
import type { LiveRoomInfo } from '../../contract/schemas/liveRoom.std';
import { ffmpegInstallHint, MAX_WORD_WARNINGS, recordingSpaceCheck, runPreflight, wordsChecks, type PreflightDeps, type WordsCheckInput } from './preflight.std';
import { defaultSceneCollection, productCardSource, textSource, tickerSource } from '../../contract/scenePresets.std';
import { defaultFlaggedSuperlatives } from '../../contract/schemas/settings.std';
import type { Product } from '../../contract/schemas/product.std';

const found: FfmpegLocation = { path: '/usr/bin/ffmpeg', source: 'PATH' };
const probe: FfmpegProbe = { version: '6.1.1', h264Encoders: ['h264_vaapi', 'libx264'] };
const room: LiveRoomInfo = {
  running: true,
  roomId: 'shop',
  watchUrl: 'http://192.168.1.20:4821/watch/shop',
  qrSvg: null,
  video: { available: true, producers: 0, reason: null },
  message: null,
};
let sceneIds = 0;
const scenes = defaultSceneCollection(() => `s${(sceneIds += 1)}`);
const lists = { blockedWords: ['微信'], flaggedSuperlatives: [...defaultFlaggedSuperlatives] };
const product = (name: string): Product => ({ id: name, name, priceMinor: 100, listPriceMinor: null, currency: 'CNY', stock: null, photo: null });
const cleanWords: WordsCheckInput = { lists, scenes, products: [product('Silk scarf')] };
const stats = (framesPerSecond: number | null): MediaIngestStats => ({ ...noMediaYet, framesPerSecond });

function deps(overrides: Partial<PreflightDeps> = {}): PreflightDeps {
  return {
    locateFfmpeg: () => Promise.resolve(found),
    probeFfmpeg: () => Promise.resolve(probe),
    mediaStats: () => stats(30),
    destinationCount: () => 1,
    liveRoom: () => room,
    upload: () => Promise.resolve(null),
    platform: 'linux',
    words: () => cleanWords,
    recordingSpace: () => Promise.resolve({ folder: '/data/recordings', freeBytes: 500e9, kbps: 2628 }),
    ...overrides,
  };
}

const byId = (report: { checks: { id: string; ok: boolean; message: string }[] }) =>
  Object.fromEntries(report.checks.map((check) => [check.id, check]));

describe('runPreflight', () => {
  it('is ready when FFmpeg runs with H.264, the program arrives and a destination exists', async () => {
    const probed: string[] = [];
    const report = await runPreflight(deps({ probeFfmpeg: (binary) => (probed.push(binary), Promise.resolve(probe)) }));
    expect(report.ready).toBe(true);
    expect(report.checks.map((check) => [check.id, check.ok])).toEqual([
      ['ffmpeg', true],
      ['h264', true],
      ['program', true],
      ['room', true],
      ['destinations', true],
      ['disk', true],
      ['words', true],
    ]);
    expect(probed).toEqual(['/usr/bin/ffmpeg']);
    expect(byId(report)['ffmpeg']?.message).toBe('FFmpeg 6.1.1 (/usr/bin/ffmpeg, from PATH).');
    expect(byId(report)['h264']?.message).toContain('h264_vaapi, libx264');
    expect(byId(report)['program']?.message).toBe('The program is arriving at 30 fps.');
  });

  it('is not ready without FFmpeg, and says how to install it', async () => {
    const report = await runPreflight(deps({ locateFfmpeg: () => Promise.resolve(null) }));
    expect(report.ready).toBe(false);
    const ffmpeg = byId(report)['ffmpeg'];
    expect(ffmpeg?.ok).toBe(false);
    expect(ffmpeg?.message).toContain('FFmpeg was not found.');
    expect(ffmpeg?.message).toContain(ffmpegInstallHint('linux'));
    expect(ffmpeg?.message).toContain('npm run setup');
    expect(byId(report)['h264']).toBeUndefined();
  });

  it('gives the platform’s own install hint', async () => {
    const mac = await runPreflight(deps({ locateFfmpeg: () => Promise.resolve(null), platform: 'darwin' }));
    expect(byId(mac)['ffmpeg']?.message).toContain('brew install ffmpeg');
    const windows = await runPreflight(deps({ locateFfmpeg: () => Promise.resolve(null), platform: 'win32' }));
    expect(byId(windows)['ffmpeg']?.message).toContain('winget install Gyan.FFmpeg');
  });

  it('fails the FFmpeg check with the reason when the probe throws', async () => {
    const report = await runPreflight(deps({ probeFfmpeg: () => Promise.reject(new Error('spawn EACCES')) }));
    expect(report.ready).toBe(false);
    expect(byId(report)['ffmpeg']).toEqual({
      id: 'ffmpeg',
      ok: false,
      message: `FFmpeg at /usr/bin/ffmpeg does not run (spawn EACCES). ${ffmpegInstallHint('linux')}`,
    });
    expect(byId(report)['h264']).toBeUndefined();
  });

  it('fails the H.264 check for an FFmpeg without an H.264 encoder', async () => {
    const report = await runPreflight(deps({ probeFfmpeg: () => Promise.resolve({ version: '6.1', h264Encoders: [] }) }));
    expect(report.ready).toBe(false);
    expect(byId(report)['ffmpeg']?.ok).toBe(true);
    expect(byId(report)['h264']?.ok).toBe(false);
  });

  it.each([null, 0])('is not ready while the program has no picture (fps %s)', async (fps) => {
    const report = await runPreflight(deps({ mediaStats: () => stats(fps) }));
    expect(report.ready).toBe(false);
    expect(byId(report)['program']).toMatchObject({ ok: false, message: expect.stringContaining('no picture') });
  });

  it('is not ready without a destination, even when everything else is', async () => {
    const report = await runPreflight(deps({ destinationCount: () => 0 }));
    expect(report.ready).toBe(false);
    expect(report.checks.filter((check) => !check.ok).map((check) => check.id)).toEqual(['destinations']);
  });

  it('says plainly when viewers would not see the show, and why', async () => {
    const reason = 'Video to viewers is off: the SFU worker is not built. Run `npm run setup`.';
    const report = await runPreflight(deps({ liveRoom: () => ({ ...room, video: { available: false, producers: 0, reason } }) }));
    expect(report.ready).toBe(false);
    expect(byId(report)['room']).toEqual({ id: 'room', ok: false, message: `Viewers can comment and order, but will not see the show. ${reason}` });
    const stopped = await runPreflight(deps({ liveRoom: () => ({ ...room, running: false, message: 'Port 4821 is taken.' }) }));
    expect(byId(stopped)['room']).toEqual({ id: 'room', ok: false, message: 'Port 4821 is taken.' });
  });

  it('warns, without failing, for each overlay text, product card and product name with a flagged word, saying where', async () => {
    const [camera, closeUp] = scenes.scenes;
    if (!camera || !closeUp) throw new Error('expected the preset scenes');
    const rect = { x: 0, y: 0, width: 1, height: 0.2 };
    const words: WordsCheckInput = {
      lists,
      scenes: {
        ...scenes,
        scenes: [
          { ...camera, sources: [...camera.sources, textSource('t1', '全网最低价', rect), tickerSource('t2', 'Free shipping today', rect)] },
          { ...closeUp, sources: [productCardSource('c1', product('The BEST teapot, No.1 in China'), rect)] },
        ],
      },
      products: [product('Silk scarf'), product('加微信 scarf')],
    };
    const report = await runPreflight(deps({ words: () => words }));
    expect(report.ready).toBe(true);
    expect(report.checks.filter((check) => check.id.startsWith('words'))).toEqual([
      { id: 'words-1', ok: true, warning: true, message: `Text "全网最低价" in scene ${camera.name}: "最" is an advertising-law superlative.` },
      {
        id: 'words-2',
        ok: true,
        warning: true,
        message: `Product card "The BEST teapot, No.1 in China" in scene ${closeUp.name}: "best" is an advertising-law superlative; "No. 1" is an advertising-law superlative.`,
      },
      { id: 'words-3', ok: true, warning: true, message: 'Product "加微信 scarf" in the catalogue: "微信" is on your blocked words list.' },
    ]);
  });

  it('names the first few offending texts and counts the rest', () => {
    const checks = wordsChecks({ ...cleanWords, products: Array.from({ length: MAX_WORD_WARNINGS + 3 }, (_, i) => product(`最 ${i}`)) });
    expect(checks).toHaveLength(MAX_WORD_WARNINGS + 1);
    expect(new Set(checks.map((check) => check.id)).size).toBe(checks.length);
    expect(checks.at(-1)).toEqual({ id: 'words-more', ok: true, warning: true, message: '3 more text(s) have flagged words: check the other overlays and product names too.' });
  });
});

describe('the disk check', () => {
  // 720p30: 2,500 kb/s of video + 128 of AAC, about 1.18 GB an hour, and as much again to join it.
  const kbps = 2628;
  it('says how many hours fit when at least one does', () => {
    expect(recordingSpaceCheck(10e9, kbps, '/data/recordings')).toEqual({ id: 'disk', ok: true, message: 'About 4 hours of recording fit on this disk (10.0 GB free).' });
  });

  it('warns in plain words when less than an hour fits, naming the folder', () => {
    const check = recordingSpaceCheck(1.5e9, kbps, '/data/recordings');
    expect(check).toMatchObject({ id: 'disk', ok: true, warning: true });
    expect(check.message).toBe(
      'Only about 38 minutes of recording fit on this disk (1.5 GB free in /data/recordings): free some space before a long show, or the recording stops when the disk is full.',
    );
  });

  it('is part of the pre-flight, and left out when the free space cannot be read', async () => {
    expect((await runPreflight(deps())).checks.find((check) => check.id === 'disk')?.message).toMatch(/^About \d+ hours of recording fit/);
    expect((await runPreflight(deps({ recordingSpace: () => Promise.resolve(null) }))).checks.some((check) => check.id === 'disk')).toBe(false);
  });
});
