import { describe, expect, it } from 'vitest';
import type { FfmpegLocation } from '../ffmpeg/ffmpegLocator.node';
import type { FfmpegProbe } from '../ffmpeg/ffmpegProbe.node';
import { noMediaYet, type MediaIngestStats } from '../media/mediaIngest.std';
import type { LiveRoomInfo } from '../../contract/schemas/liveRoom.std';
import { ffmpegInstallHint, MAX_WORD_WARNINGS, programCheck, recordingSpaceCheck, runPreflight, wordsChecks, type PreflightDeps, type WordsCheckInput } from './preflight.std';
import type { RtmpTestRun } from './destinationTest.std';
import type { PreflightCheck } from '../../contract/schemas/preflight.std';
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
const product = (name: string): Product => ({ id: name, name, priceMinor: 100, listPriceMinor: null, currency: 'CNY', stock: null, photo: null, variants: [] });
const cleanWords: WordsCheckInput = { lists, scenes, products: [product('Silk scarf')] };
const okRun: RtmpTestRun = { code: 0, timedOut: false, stderr: '', spawnError: null };

/** A program arriving at `fps` now and over the last seconds. */
function deps(overrides: Partial<PreflightDeps> = {}, fps: number | null = 30): PreflightDeps {
  return {
    locateFfmpeg: () => Promise.resolve(found),
    probeFfmpeg: () => Promise.resolve(probe),
    mediaStats: (): MediaIngestStats => ({ ...noMediaYet, framesPerSecond: fps }),
    recentProgramFps: () => fps,
    targetFps: () => 30,
    destinationCount: () => 1,
    rtmpDestinations: () => Promise.resolve([]),
    testRtmp: () => Promise.resolve(okRun),
    onAir: () => false,
    liveRoom: () => room,
    upload: () => Promise.resolve(null),
    platform: 'linux',
    words: () => cleanWords,
    recordingSpace: () => Promise.resolve({ folder: '/data/recordings', freeBytes: 500e9, kbps: 2628 }),
    ...overrides,
  };
}

const byId = (report: { checks: PreflightCheck[] }) => Object.fromEntries(report.checks.map((check) => [check.id, check]));

describe('runPreflight', () => {
  it('is ready when FFmpeg runs with H.264, the program arrives at its rate and a destination exists', async () => {
    const probed: string[] = [];
    const report = await runPreflight(deps({ probeFfmpeg: (binary) => (probed.push(binary), Promise.resolve(probe)) }));
    expect(report.ready).toBe(true);
    expect(report.checks.map((check) => [check.id, check.ok, check.message])).toEqual([
      ['program', true, 'Picture smooth (30 frames a second)'],
      ['room', true, 'Your live room: ready'],
      ['ffmpeg', true, 'Video encoder ready'],
      ['disk', true, 'Recording: about 211 hours fit on this disk'],
      ['words', true, 'Overlays and product names: no flagged words'],
    ]);
    expect(probed).toEqual(['/usr/bin/ffmpeg']);
    // Encoder names and versions are for Details, not the row.
    expect(byId(report)['ffmpeg']?.details).toBe('FFmpeg 6.1.1 (/usr/bin/ffmpeg, from PATH); H.264 encoders: h264_vaapi, libx264 (hardware encoders are tried first when you go live).');
    expect(byId(report)['room']?.details).toBe('Viewers join at http://192.168.1.20:4821/watch/shop.');
  });

  it('is not ready without FFmpeg, and says how to install it', async () => {
    const report = await runPreflight(deps({ locateFfmpeg: () => Promise.resolve(null) }));
    expect(report.ready).toBe(false);
    expect(byId(report)['ffmpeg']).toEqual({ id: 'ffmpeg', ok: false, blocking: true, message: 'Video encoder missing', fix: `FFmpeg was not found. ${ffmpegInstallHint('linux')}` });
    expect(ffmpegInstallHint('linux')).toContain('npm run setup');
  });

  it('gives the platform’s own install hint', async () => {
    const mac = await runPreflight(deps({ locateFfmpeg: () => Promise.resolve(null), platform: 'darwin' }));
    expect(byId(mac)['ffmpeg']?.fix).toContain('brew install ffmpeg');
    const windows = await runPreflight(deps({ locateFfmpeg: () => Promise.resolve(null), platform: 'win32' }));
    expect(byId(windows)['ffmpeg']?.fix).toContain('winget install Gyan.FFmpeg');
  });

  it('fails the encoder row with the reason behind Details when the probe throws', async () => {
    const report = await runPreflight(deps({ probeFfmpeg: () => Promise.reject(new Error('spawn EACCES')) }));
    expect(report.ready).toBe(false);
    expect(byId(report)['ffmpeg']).toEqual({
      id: 'ffmpeg',
      ok: false,
      blocking: true,
      message: 'Video encoder does not start',
      fix: ffmpegInstallHint('linux'),
      details: 'FFmpeg at /usr/bin/ffmpeg does not run (spawn EACCES).',
    });
  });

  it('fails the encoder row for an FFmpeg without an H.264 encoder', async () => {
    const report = await runPreflight(deps({ probeFfmpeg: () => Promise.resolve({ version: '6.1', h264Encoders: [] }) }));
    expect(report.ready).toBe(false);
    expect(byId(report)['ffmpeg']).toMatchObject({ ok: false, message: 'Video encoder cannot make H.264' });
  });

  it.each([null, 0])('is not ready while the program has no picture (fps %s)', async (fps) => {
    const report = await runPreflight(deps({}, fps));
    expect(report.ready).toBe(false);
    expect(byId(report)['program']).toMatchObject({ ok: false, blocking: true, message: 'No picture yet', fix: expect.stringContaining('Add a camera') });
  });

  it('fails a program well below the output’s frame rate, with the fix, measured over the whole check', async () => {
    const slow = await runPreflight(deps({}, 12));
    expect(slow.ready).toBe(false);
    expect(byId(slow)['program']).toMatchObject({ ok: false, message: 'Picture too slow: 12 of 30 frames a second', fix: expect.stringContaining('Close other apps') });
    const uneven = await runPreflight(deps({}, 26));
    expect(uneven.ready).toBe(true);
    expect(byId(uneven)['program']).toMatchObject({ ok: true, warning: true, message: 'Picture a little uneven: 26 of 30 frames a second' });
    expect(programCheck(29, 30)).toEqual({ id: 'program', ok: true, message: 'Picture smooth (29 frames a second)' });
    // The last seconds' rate is the verdict, not one slow second now; just started, the current one.
    expect(byId(await runPreflight(deps({ mediaStats: () => ({ ...noMediaYet, framesPerSecond: 9 }), recentProgramFps: () => 29.6 })))['program']?.ok).toBe(true);
    expect(byId(await runPreflight(deps({ recentProgramFps: () => null }, 12)))['program']?.message).toBe('Picture too slow: 12 of 30 frames a second');
  });

  it('is not ready without a destination, even when everything else is', async () => {
    const report = await runPreflight(deps({ destinationCount: () => 0 }));
    expect(report.ready).toBe(false);
    expect(report.checks.filter((check) => !check.ok).map((check) => check.id)).toEqual(['destinations']);
  });

  it('tests each RTMP destination with the FFmpeg it found, all at once, one row each', async () => {
    const started: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const refused: RtmpTestRun = { code: 1, timedOut: false, stderr: '[tcp @ 0x1] [verbose] Successfully connected to 10.0.0.1 port 1935\n[error] rtmp://push.example.com/live/secret: Input/output error\n', spawnError: null };
    const report = runPreflight(
      deps({
        rtmpDestinations: () =>
          Promise.resolve([
            { id: 'd1', name: 'Douyin', url: 'rtmp://push.example.com/live/secret', problem: null },
            { id: 'd2', name: 'YouTube', url: 'rtmp://a.rtmp.youtube.com/live2/key', problem: null },
            { id: 'd3', name: 'Twitch', url: null, problem: 'The stream key could not be read.' },
          ]),
        testRtmp: async (ffmpegPath, url) => {
          started.push(`${ffmpegPath} ${url}`);
          await gate;
          return url.includes('youtube') ? okRun : refused;
        },
      }),
    );
    // Both tests run before either ends.
    await expect.poll(() => started.length).toBe(2);
    release();
    const checks = byId(await report);
    expect(started).toEqual(['/usr/bin/ffmpeg rtmp://push.example.com/live/secret', '/usr/bin/ffmpeg rtmp://a.rtmp.youtube.com/live2/key']);
    expect(checks['destination-d1']).toMatchObject({ ok: false, message: 'Douyin refused the stream key' });
    expect(checks['destination-d2']).toMatchObject({ ok: true, message: 'YouTube: ready' });
    expect(checks['destination-d3']).toMatchObject({ ok: false, message: 'Twitch: stream key missing' });
    expect(JSON.stringify(checks)).not.toContain('secret');
  });

  it('never test-publishes while a show is on air (a second publisher on the show’s key)', async () => {
    const tested: string[] = [];
    const report = await runPreflight(
      deps({
        onAir: () => true,
        rtmpDestinations: () => Promise.resolve([{ id: 'd1', name: 'Douyin', url: 'rtmp://push.example.com/live/k', problem: null }]),
        testRtmp: (_ffmpeg, url) => (tested.push(url), Promise.resolve(okRun)),
      }),
    );
    expect(tested).toEqual([]);
    expect(byId(report)['destination-d1']).toMatchObject({ ok: true, message: 'Douyin: on air now' });
  });

  it('says plainly when viewers would not see the show, and why', async () => {
    const reason = 'Video to viewers is off: the SFU worker is not built. Run `npm run setup`.';
    const report = await runPreflight(deps({ liveRoom: () => ({ ...room, video: { available: false, producers: 0, reason } }) }));
    expect(report.ready).toBe(false);
    expect(byId(report)['room']).toEqual({ id: 'room', ok: false, message: 'Your live room: viewers will not see the picture', fix: reason });
    const stopped = await runPreflight(deps({ liveRoom: () => ({ ...room, running: false, message: 'Port 4821 is taken.' }) }));
    expect(byId(stopped)['room']).toEqual({ id: 'room', ok: false, message: 'Your live room is not running', fix: 'Port 4821 is taken.' });
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
    expect(recordingSpaceCheck(10e9, kbps, '/data/recordings')).toEqual({ id: 'disk', ok: true, message: 'Recording: about 4 hours fit on this disk', details: '10.0 GB free in /data/recordings.' });
  });

  it('warns in plain words when less than an hour fits, naming the folder', () => {
    const check = recordingSpaceCheck(1.5e9, kbps, '/data/recordings');
    expect(check).toMatchObject({ id: 'disk', ok: true, warning: true });
    expect(check.message).toBe('Recording: only about 38 minutes fit on this disk');
    expect(check.fix).toBe('Free some space before a long show, or the recording stops when the disk is full.');
    expect(check.details).toBe('1.5 GB free in /data/recordings.');
  });

  it('is part of the pre-flight, and left out when the free space cannot be read', async () => {
    expect((await runPreflight(deps())).checks.find((check) => check.id === 'disk')?.message).toMatch(/^Recording: about \d+ hours fit/);
    expect((await runPreflight(deps({ recordingSpace: () => Promise.resolve(null) }))).checks.some((check) => check.id === 'disk')).toBe(false);
  });
});
