import { describe, expect, it } from 'vitest';
import { destinationRestartPolicy, encoderRestartPolicy, restartDelayMs } from './restartPolicy.std';
import { createSupervisor, type Running, type SupervisedState } from './supervisor.std';

function harness(policy = destinationRestartPolicy) {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const runs: { end: (why: string) => void; stopped: boolean }[] = [];
  const states: { state: SupervisedState; message: string | null; retryInMs: number | null }[] = [];
  let failStart = false;
  const supervisor = createSupervisor({
    name: 'RTMP push',
    policy,
    nowMs: () => now,
    schedule: (ms, run) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
    start: () => {
      if (failStart) return Promise.reject(new Error('connection refused'));
      let end: (why: string) => void = () => {};
      const ended = new Promise<string>((resolve) => (end = resolve));
      const run = { end, stopped: false };
      runs.push(run);
      const running: Running = { ended, stop: async () => void (run.stopped = true) };
      return Promise.resolve(running);
    },
    onState: (state, detail) => states.push({ state, message: detail.message, retryInMs: detail.retryInMs }),
  });
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  const advance = async (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.run();
    }
    await flush();
  };
  return { supervisor, runs, states, flush, advance, failNextStarts: (value: boolean) => (failStart = value) };
}

describe('createSupervisor', () => {
  it('restarts what ends by itself, with growing delays, and says so', async () => {
    const h = harness();
    h.supervisor.start();
    await h.flush();
    expect(h.supervisor.state).toBe('running');
    h.runs[0]?.end('exit code 1');
    await h.flush();
    expect(h.states.at(-1)).toEqual({ state: 'retrying', message: 'RTMP push stopped (exit code 1)', retryInMs: 500 });
    await h.advance(500);
    expect(h.supervisor.state).toBe('running');
    expect(h.runs).toHaveLength(2);
    h.failNextStarts(true);
    h.runs[1]?.end('exit code 1');
    await h.flush();
    expect(h.states.at(-1)?.retryInMs).toBe(1000);
    await h.advance(1000);
    expect(h.states.at(-1)).toMatchObject({ state: 'retrying', message: 'RTMP push could not start (connection refused)', retryInMs: 2000 });
    h.failNextStarts(false);
    await h.advance(2000);
    expect(h.supervisor.state).toBe('running');
    expect(h.supervisor.restarts).toBe(3);
  });

  it('stops for good on stop, and a stopped run ending is not a failure', async () => {
    const h = harness();
    h.supervisor.start();
    await h.flush();
    await h.supervisor.stop();
    expect(h.runs[0]?.stopped).toBe(true);
    h.runs[0]?.end('signal SIGTERM');
    await h.advance(60_000);
    expect(h.runs).toHaveLength(1);
    expect(h.supervisor.state).toBe('stopped');
  });

  it('restart() replaces the run at once', async () => {
    const h = harness();
    h.supervisor.start();
    await h.flush();
    await h.supervisor.restart();
    await h.flush();
    expect(h.runs).toHaveLength(2);
    expect(h.runs[0]?.stopped).toBe(true);
    expect(h.supervisor.state).toBe('running');
  });
});

describe('restartDelayMs', () => {
  it('brings an encoder back at once, then within two seconds', () => {
    expect([1, 2, 3, 4, 5].map((n) => restartDelayMs(encoderRestartPolicy, n))).toEqual([0, 500, 1000, 2000, 2000]);
  });
});
