import { describe, expect, it } from 'vitest';
import { noHealth, offlineSession, type LiveDestination, type LiveSession } from '../../../contract/schemas/live.std';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { destinationWords, downBanners, healthLine, onAirClock } from './liveWords.std';

const en = createStudioTranslator('en');
const zh = createStudioTranslator('zh-CN');

const push = (patch: Partial<LiveDestination>): LiveDestination => ({
  id: 'd1', kind: 'rtmp', name: 'Douyin', state: 'running', message: null, reason: null, retryInMs: null, restarts: 0, bitrateKbps: null, ...patch,
});
const onAir = (destinations: LiveDestination[]): LiveSession => ({ ...offlineSession, state: 'live', liveAt: 0, destinations });

describe('destination words', () => {
  it('say live only while a destination is sending', () => {
    expect(destinationWords(push({ state: 'running' }), en)).toBe('live');
    expect(destinationWords(push({ state: 'starting' }), en)).toBe('connecting…');
    expect(destinationWords(push({ state: 'starting', reason: "can't reach a.example" }), en)).toBe('reconnecting');
    expect(destinationWords(push({ state: 'retrying', reason: "can't reach a.example" }), en)).toBe('reconnecting');
    expect(destinationWords(push({ state: 'stopped' }), en)).toBe('stopped');
    expect(destinationWords(push({ state: 'running' }), zh)).toBe('直播中');
  });

  it('put each destination that is down in a banner with its name and why, until it is back', () => {
    const down = push({ state: 'retrying', reason: "can't reach live-push.example.com" });
    expect(downBanners(onAir([down, push({ id: 'rec', name: 'Recording', kind: 'recording' })]), en)).toEqual([
      { id: 'd1', text: "Douyin is down: can't reach live-push.example.com — retrying" },
    ]);
    // An attempt in progress is still down.
    expect(downBanners(onAir([{ ...down, state: 'starting' }]), en)).toHaveLength(1);
    expect(downBanners(onAir([push({ state: 'running' })]), en)).toEqual([]);
    expect(downBanners({ ...onAir([down]), state: 'ending' }, en)).toEqual([]);
    // The reason is the core's own sentence; the rest is the merchant's language.
    expect(downBanners(onAir([down]), zh)).toEqual([{ id: 'd1', text: "Douyin推流中断：can't reach live-push.example.com——正在重试" }]);
  });
});

describe('the show’s figures', () => {
  it('count the time on air as h:mm:ss', () => {
    expect(onAirClock(0)).toBe('0:00:00');
    expect(onAirClock(61_999)).toBe('0:01:01');
    expect(onAirClock(3_725_000)).toBe('1:02:05');
  });

  it('read one line from the session’s health', () => {
    expect(healthLine(noHealth, en)).toBe('starting… · 0 frames dropped · 0 came late');
    const health = { ...noHealth, fps: 29.97, bitrateKbps: 2612.4, droppedFrames: 2, duplicatedFrames: 5 };
    expect(healthLine(health, en)).toBe('30 fps · 2612 kb/s · 2 frames dropped · 5 came late');
    expect(healthLine({ ...health, bitrateKbps: null, droppedFrames: 1 }, en)).toBe('30 fps · 1 frame dropped · 5 came late');
    // Counted as the status bar counts them (no grouping), so the two read the same.
    expect(healthLine({ ...health, droppedFrames: 2974 }, en)).toBe('30 fps · 2612 kb/s · 2974 frames dropped · 5 came late');
    expect(healthLine(health, zh)).toBe('30 帧/秒 · 2612 kb/s · 丢帧 2 · 延迟 5');
  });
});
