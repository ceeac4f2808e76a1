import { restartDelayMs, type RestartPolicy } from './restartPolicy.std';

// Keeps one process-like thing running: starts it, restarts it with backoff when it ends
// unexpectedly, and reports each state in words for the UI. Pure over its ports (start, clock,
// timers), so its behaviour is tested without processes.

export type SupervisedState = 'starting' | 'running' | 'retrying' | 'stopped';

export interface Running {
  /** Resolves when it ends by itself, with why (exit code, signal, or an error message). */
  readonly ended: Promise<string>;
  /** Ends it on purpose. */
  stop(): Promise<void>;
}

export interface SupervisedDetail {
  /** Why it is retrying, with its name ("RTMP push stopped (exit code 1: …)"). */
  message: string | null;
  /** The same without the name: the run's end or the start's error as said. */
  why: string | null;
  retryInMs: number | null;
  restarts: number;
}

export interface SupervisorDeps {
  name: string;
  policy: RestartPolicy;
  /** Starts a run; `signal` aborts when the run is no longer wanted before it has started (stop, restart). */
  start: (signal: AbortSignal) => Promise<Running>;
  nowMs: () => number;
  schedule: (ms: number, run: () => void) => () => void;
  onState: (state: SupervisedState, detail: SupervisedDetail) => void;
}

export interface Supervisor {
  start(): void;
  /** Ends it now, for good (until start again). */
  stop(): Promise<void>;
  /** Ends the current run and starts a fresh one at once (the input changed: a new encoder run). */
  restart(): Promise<void>;
  readonly state: SupervisedState;
  readonly restarts: number;
}

export function createSupervisor(deps: SupervisorDeps): Supervisor {
  let state: SupervisedState = 'stopped';
  let current: Running | null = null;
  let wanted = false;
  let failures = 0;
  let restarts = 0;
  let cancelRetry: (() => void) | null = null;
  let generation = 0;
  let starting: AbortController | null = null;

  const report = (next: SupervisedState, message: string | null, retryInMs: number | null, why: string | null = null) => {
    state = next;
    deps.onState(next, { message, why, retryInMs, restarts });
  };

  const launch = () => {
    cancelRetry = null;
    if (!wanted) return;
    const run = ++generation;
    report('starting', null, null);
    const startedAt = deps.nowMs();
    const attempt = new AbortController();
    starting = attempt;
    deps.start(attempt.signal).then(
      (running) => {
        if (run !== generation || !wanted) {
          void running.stop();
          return;
        }
        current = running;
        report('running', null, null);
        void running.ended.then((why) => {
          if (run !== generation || !wanted) return;
          current = null;
          failures = deps.nowMs() - startedAt >= deps.policy.stableAfterMs ? 1 : failures + 1;
          retryAfter(`${deps.name} stopped (${why})`, why);
        });
      },
      (error: unknown) => {
        if (run !== generation || !wanted) return;
        failures += 1;
        const why = error instanceof Error ? error.message : String(error);
        retryAfter(`${deps.name} could not start (${why})`, why);
      },
    );
  };

  const retryAfter = (message: string, why: string) => {
    const delay = restartDelayMs(deps.policy, Math.max(1, failures));
    restarts += 1;
    report('retrying', message, delay, why);
    cancelRetry = deps.schedule(delay, launch);
  };

  const halt = async () => {
    generation += 1;
    starting?.abort();
    starting = null;
    cancelRetry?.();
    cancelRetry = null;
    const running = current;
    current = null;
    if (running) await running.stop();
  };

  return {
    start() {
      if (wanted) return;
      wanted = true;
      failures = 0;
      launch();
    },
    async stop() {
      wanted = false;
      await halt();
      report('stopped', null, null);
    },
    async restart() {
      if (!wanted) return;
      await halt();
      launch();
    },
    get state() {
      return state;
    },
    get restarts() {
      return restarts;
    },
  };
}
