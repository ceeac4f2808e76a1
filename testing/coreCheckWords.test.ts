import { describe, expect, it } from 'vitest';
import { programCheck, recordingSpaceCheck, runPreflight, wordsChecks } from '../main/live/preflight.std';
import { rtmpTestCheck } from '../main/live/destinationTest.std';
import { uplinkCheck } from '../main/live/uplinkCheck.std';
import type { PreflightCheck } from '../contract/schemas/preflight.std';
import { createStudioTranslator } from '../renderer/app/i18n/studioTranslator.std';
import { coreCheckWords } from '../renderer/features/golive/coreCheckWords.std';

// The core's pre-flight rows, made by the core's own functions, read by the renderer's
// coreCheckWords (by check id, with the figures and names the row carries): a rewording in the
// core that the renderer no longer recognises fails here instead of silently staying English.

const zh = createStudioTranslator('zh-CN');
const en = createStudioTranslator('en');
const latin = /[A-Za-z]{4,}/;

/** The row's message and fix in Chinese, without the names and hosts it carries. */
const chineseOf = (check: PreflightCheck, keep: readonly string[] = []) => {
  const said = coreCheckWords(check, zh);
  const strip = (text: string | undefined) => keep.reduce((rest, word) => rest.split(word).join(''), text ?? '').replace(/rtmps?:\/\/|libx264|FFmpeg|Shopcast|OBS|Mb\/s|Destinations/g, '');
  return { message: strip(said.message), fix: strip(said.fix) };
};

describe('the core’s pre-flight rows in the merchant’s language', () => {
  it('says the picture’s rate, the disk and the upload again with their figures', () => {
    expect(coreCheckWords(programCheck(30, 30), zh).message).toBe('画面流畅（每秒 30 帧）');
    expect(coreCheckWords(programCheck(20, 30), zh).message).toBe('画面太卡：每秒 20 帧（应为 30 帧）');
    for (const check of [programCheck(null, 30), programCheck(20, 30), programCheck(27, 30)]) expect(chineseOf(check).message + chineseOf(check).fix).not.toMatch(latin);
    expect(coreCheckWords(recordingSpaceCheck(200e9, 3000, '/data'), zh).message).toMatch(/^录制：这块磁盘大约能录 \d+ 小时$/);
    expect(coreCheckWords(recordingSpaceCheck(1e9, 3000, '/data'), zh)).toMatchObject({ message: expect.stringMatching(/^录制：这块磁盘只能录大约 \d+ 分钟$/), fix: expect.not.stringMatching(latin) });
    const outgoing = [{ name: 'Douyin', kbps: 3000 }];
    expect(coreCheckWords(uplinkCheck(outgoing, [{ name: 'Douyin', kbps: 20_000 }]) as PreflightCheck, zh).message).toBe('上行网速：20.0 Mb/s，足够推流到 1 个平台');
    expect(chineseOf(uplinkCheck(outgoing, [{ name: 'Douyin', kbps: 2000 }]) as PreflightCheck)).toEqual({ message: expect.not.stringMatching(latin), fix: expect.not.stringMatching(latin) });
    expect(chineseOf(uplinkCheck(outgoing, [{ name: 'Douyin', kbps: null }]) as PreflightCheck)).toEqual({ message: expect.not.stringMatching(latin), fix: expect.not.stringMatching(latin) });
  });

  it('says each destination’s test in the merchant’s language, with its name and host', () => {
    const douyin = { id: 'd1', name: 'Douyin', url: 'rtmp://push.example.com/live/key' };
    const run = (stderr: string, more: Partial<{ timedOut: boolean; code: number | null; spawnError: string | null }> = {}) => ({ stderr, timedOut: false, code: 1, spawnError: null, ...more });
    const rows = [
      rtmpTestCheck(douyin, run('', { code: 0 }), 5000),
      rtmpTestCheck(douyin, run('Failed to resolve hostname push.example.com'), 5000),
      rtmpTestCheck(douyin, run('Cannot read RTMP handshake response'), 5000),
      rtmpTestCheck(douyin, run('[tls @ 0x1] error'), 5000),
      rtmpTestCheck(douyin, run('Server error: Already publishing'), 5000),
      rtmpTestCheck(douyin, run('Server error: unauthorized'), 5000),
    ];
    for (const row of rows) expect(chineseOf(row, ['Douyin', 'push.example.com']), row.message).toEqual({ message: expect.not.stringMatching(latin), fix: expect.not.stringMatching(latin) });
    expect(coreCheckWords(rows[2] as PreflightCheck, zh).message).toBe('Douyin：连不上 push.example.com');
  });

  it('says the room, the destinations, the encoder and the words rows, and leaves English as it was', async () => {
    const report = await runPreflight({
      mediaStats: () => ({ framesPerSecond: 30 }),
      recentProgramFps: () => 30,
      targetFps: () => 30,
      locateFfmpeg: async () => null,
      probeFfmpeg: async () => ({ version: '7', h264Encoders: [] }),
      platform: 'linux',
      rtmpDestinations: async () => [{ id: 'd1', name: 'Douyin', url: null, problem: null }],
      onAir: () => false,
      testRtmp: async () => ({ stderr: '', timedOut: false, code: 0, spawnError: null }),
      upload: async () => null,
      recordingSpace: async () => null,
      liveRoom: () => null,
      destinationCount: () => 0,
      words: () => ({ scenes: { version: 2, activeSceneId: null, scenes: [] }, products: [], lists: { blockedWords: [], flaggedSuperlatives: [] } }),
    } as unknown as Parameters<typeof runPreflight>[0]);
    for (const check of report.checks) {
      expect(chineseOf(check, ['Douyin']).message, check.message).not.toMatch(latin);
      expect(coreCheckWords(check, en)).toEqual(check);
    }
    expect(wordsChecks({ scenes: { version: 2, activeSceneId: null, scenes: [] }, products: [], lists: { blockedWords: [], flaggedSuperlatives: [] } } as unknown as Parameters<typeof wordsChecks>[0]).map((check) => coreCheckWords(check, zh).message)).toEqual(['贴片和商品名：没有敏感词']);
  });
});
