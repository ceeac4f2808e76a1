import { describe, expect, it } from 'vitest';
import { createLikeBatcher } from './likeBatcher.std';

function manualClock() {
  const timers: { run: () => void; cancelled: boolean }[] = [];
  return {
    schedule: (_ms: number, run: () => void) => {
      const timer = { run, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    tick() {
      const due = timers.splice(0);
      for (const timer of due) if (!timer.cancelled) timer.run();
    },
  };
}

describe('like batcher', () => {
  it('sends a burst of taps as one message', () => {
    const clock = manualClock();
    const sent: number[] = [];
    const likes = createLikeBatcher((n) => sent.push(n), clock.schedule);
    for (let i = 0; i < 7; i += 1) likes.tap();
    expect(sent).toEqual([]);
    clock.tick();
    expect(sent).toEqual([7]);
    clock.tick();
    expect(sent).toEqual([7]);
  });

  it('splits more than a message allows over intervals', () => {
    const clock = manualClock();
    const sent: number[] = [];
    const likes = createLikeBatcher((n) => sent.push(n), clock.schedule);
    likes.tap(120);
    clock.tick();
    clock.tick();
    clock.tick();
    expect(sent).toEqual([50, 50, 20]);
  });

  it('flushes on demand and forgets on close', () => {
    const clock = manualClock();
    const sent: number[] = [];
    const likes = createLikeBatcher((n) => sent.push(n), clock.schedule);
    likes.tap(3);
    likes.flush();
    expect(sent).toEqual([3]);
    likes.tap(2);
    likes.close();
    clock.tick();
    expect(sent).toEqual([3]);
  });
});
