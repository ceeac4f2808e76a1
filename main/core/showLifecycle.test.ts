import { describe, expect, it } from 'vitest';
import type { StudioAction } from '../../contract/room/roomMessages.std';
import { offlineSession, type LiveSession } from '../../contract/schemas/live.std';
import { createLogger } from '../log/logger.std';
import { createShowTally } from '../panel/showTally.std';
import { createShowLifecycle, SHOW_TELL_RETRY_MS } from './showLifecycle.std';

// Go Live and End Live around fakes of the stream and the room: what the room is told, and when
// it is told again.

const sender = { transport: 'websocket' as const, id: 'test', role: 'host' as const, name: 'Host' };

function harness(roomAnswers: boolean[]) {
  let clock = 1_000_000;
  let session: LiveSession = offlineSession;
  const told: StudioAction[] = [];
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const tally = createShowTally();
  const lifecycle = createShowLifecycle({
    live: {
      start: () => Promise.resolve((session = { ...offlineSession, state: 'starting', showId: 'show-1', startedAt: clock })),
      stop: () => Promise.resolve((session = offlineSession)),
      session: () => session,
    },
    room: {
      act: (action) => {
        told.push(action);
        return roomAnswers.shift() === false ? Promise.reject(new Error('The live room is not connected right now')) : Promise.resolve({ ok: true, seq: told.length });
      },
      viewerCount: () => 4,
    },
    tally,
    now: () => clock,
    schedule: (ms, run) => {
      const timer = { at: clock + ms, run, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    log: createLogger(() => {}),
    started: () => {},
    ended: () => Promise.resolve(),
  });
  const advance = async (ms: number) => {
    clock += ms;
    const due = timers.filter((timer) => !timer.cancelled && timer.at <= clock);
    timers.splice(0, timers.length, ...timers.filter((timer) => !due.includes(timer)));
    for (const timer of due) timer.run();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { lifecycle, told, tally, advance, tick: (ms: number) => (clock += ms) };
}

describe('the show’s start and end in the room', () => {
  it('tells the room the show started and ended with the grace, and answers the show’s results', async () => {
    const { lifecycle, told, tally, tick } = harness([]);
    await lifecycle.handlers.goLive({}, sender);
    tick(90_000);
    const { results } = await lifecycle.handlers.endLive({ buyGraceMinutes: 10 }, sender);
    expect(told).toEqual([{ kind: 'startShow' }, { kind: 'endShow', buyGraceMinutes: 10 }]);
    expect(results).toMatchObject({ showId: 'show-1', durationMs: 90_000, peakViewers: 4, orders: 0, buyUntil: 1_090_000 + 600_000 });
    expect(tally.finish({ showId: null, endedAt: 0, buyUntil: null })).toBeNull();
  });

  it('sends a start the room missed again until it is taken, and drops it once the show has ended', async () => {
    const { lifecycle, told, advance } = harness([false, false]);
    await lifecycle.handlers.goLive({}, sender);
    await advance(SHOW_TELL_RETRY_MS);
    expect(told).toEqual([{ kind: 'startShow' }, { kind: 'startShow' }]);
    await advance(SHOW_TELL_RETRY_MS);
    expect(told).toHaveLength(3);
    await advance(SHOW_TELL_RETRY_MS * 5);
    expect(told).toHaveLength(3);

    const again = harness([false]);
    await again.lifecycle.handlers.goLive({}, sender);
    await again.lifecycle.handlers.endLive({}, sender);
    await again.advance(SHOW_TELL_RETRY_MS * 3);
    expect(again.told).toEqual([{ kind: 'startShow' }, { kind: 'endShow', buyGraceMinutes: 0 }]);
  });

  it('answers no results when no show was on', async () => {
    const { lifecycle, told } = harness([]);
    expect(await lifecycle.handlers.endLive({}, sender)).toEqual({ session: offlineSession, results: null });
    expect(told).toEqual([]);
  });
});
