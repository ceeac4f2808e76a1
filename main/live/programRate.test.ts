import { describe, expect, it } from 'vitest';
import { createProgramRate } from './programRate.std';

describe('createProgramRate', () => {
  it('is frames over the last 3 s of samples, and starts over after a gap in the picture', () => {
    let now = 0;
    const rate = createProgramRate(() => now);
    const tick = (frames: number | null) => {
      now += 1000;
      rate.sample(frames);
    };
    tick(0);
    expect(rate.framesPerSecond()).toBeNull();
    tick(10);
    tick(20);
    expect(rate.framesPerSecond()).toBe(10);
    // Faster lately: the window forgets the slow seconds.
    tick(50);
    tick(80);
    tick(110);
    expect(rate.framesPerSecond()).toBe(30);
    tick(null);
    tick(115);
    expect(rate.framesPerSecond()).toBeNull();
  });
});
