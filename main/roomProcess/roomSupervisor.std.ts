import type { EmbeddedRoom, RoomReadyMessage } from '../../contract/roomProcess.std';
import type { Logger } from '../log/logger.std';

// The studio's own room in a process of its own: started with the studio, watched while it runs
// (its exit, and whether its HTTP side still answers), restarted when it dies, stopped with the
// studio. The same room server as `npm run room`, so the studio reaches it only through the
// room protocol and the broadcaster API, as it would a room on a shop's server. A launcher
// (child_process under `npm run studio`, utilityProcess in the app) is the only part that knows
// how a process is made. Once the room runs, a warm standby waits beside it (loaded, nothing
// opened): when the room dies, the standby opens it on the same port without a cold start.

export interface RoomExit {
  code: number | null;
  signal: string | null;
  /** The last lines it wrote on stderr, for the log. */
  output: string;
}

export interface RoomChild {
  /** Resolves when the room listens; never settles if it exits first (see `exited`). */
  readonly ready: Promise<RoomReadyMessage>;
  readonly exited: Promise<RoomExit>;
  readonly pid: number | undefined;
  kill(signal: 'SIGTERM' | 'SIGKILL'): void;
  /** A standby opens its room now (the room's take-over message); `ready` follows. */
  takeOver(): void;
}

/** Starts the room entry on `port` (0: any free one): at once, or as a standby that waits for `takeOver`. */
export type RoomLauncher = (port: number, mode: 'active' | 'standby') => RoomChild;

/** The room entry's exit code when its port is taken (EXIT_PORT_IN_USE in main/entry/processLifecycle.node.ts). */
const EXIT_PORT_IN_USE = 3;

export interface RoomSupervisorDeps {
  launch: RoomLauncher;
  roomId: string;
  token: string;
  port: number;
  /** A port the merchant chose is kept even when taken (the room then does not start); the default falls back to a free one. */
  portChosen: boolean;
  /** Whether the room's HTTP side answers (`GET /healthz`) within `timeoutMs`. */
  answers: (baseUrl: string, timeoutMs: number) => Promise<boolean>;
  schedule: (ms: number, run: () => void) => () => void;
  now: () => number;
  log: Logger;
  /** How often the room is asked whether it answers; default 1 s. */
  checkEveryMs?: number;
  /** A room that has not answered this long is killed and restarted; default 30 s. */
  hungKillMs?: number;
}

export interface RoomSupervisor {
  current(): EmbeddedRoom;
  subscribe(listener: (room: EmbeddedRoom) => void): () => void;
  /** Resolves once the room listens for the first time (or failed to). */
  readonly firstStart: Promise<EmbeddedRoom>;
  /** The room process's id while one runs (for the log, and for tests that kill it). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

/** Restarts right away, then (when it keeps dying) after 0.5, 1 and 2 s; five deaths within a minute without a second of running in between: failed. */
const RESTART_DELAYS_MS = [0, 500, 1000, 2000];
const MAX_QUICK_DEATHS = 5;
const STEADY_MS = 60_000;

export function superviseRoom(deps: RoomSupervisorDeps): RoomSupervisor {
  const { log } = deps;
  const checkEveryMs = deps.checkEveryMs ?? 1000;
  const hungKillMs = deps.hungKillMs ?? 30_000;
  const listeners = new Set<(room: EmbeddedRoom) => void>();
  let room: EmbeddedRoom = { state: 'starting', roomId: deps.roomId, token: deps.token, roomUrl: null, watchUrl: null, videoReason: null, message: null, restarts: 0 };
  let child: RoomChild | null = null;
  let standby: RoomChild | null = null;
  let cancelStandby: (() => void) | null = null;
  let standbyDeaths = 0;
  let port = deps.port;
  let stopping = false;
  let quickDeaths = 0;
  let lastReadyAt = -Infinity;
  let cancelCheck: (() => void) | null = null;
  let cancelRestart: (() => void) | null = null;
  let silentSince: number | null = null;
  let startedAt = 0;
  let resolveFirst: (room: EmbeddedRoom) => void = () => {};
  const firstStart = new Promise<EmbeddedRoom>((resolve) => (resolveFirst = resolve));

  const publish = (patch: Partial<EmbeddedRoom>) => {
    room = { ...room, ...patch };
    for (const listener of listeners) listener(room);
  };

  const check = () => {
    cancelCheck = null;
    const current = child;
    if (!current || room.roomUrl === null || stopping) return;
    const base = new URL(room.roomUrl).origin;
    const asked = deps.now();
    void deps.answers(base, checkEveryMs).then((ok) => {
      if (current !== child || stopping) return;
      if (ok) {
        silentSince = null;
        if (room.state === 'not-answering') {
          log.info('the live room answers again');
          publish({ state: 'running', message: 'Your live room answers again; comments and orders caught up.' });
        }
      } else {
        silentSince ??= asked;
        if (room.state === 'running') {
          log.warn('the live room is not answering');
          publish({ state: 'not-answering', message: 'Your live room is not answering; comments and orders will catch up when it does.' });
        } else if (deps.now() - silentSince >= hungKillMs) {
          log.error('the live room has not answered for too long; restarting it', { ms: deps.now() - silentSince });
          current.kill('SIGKILL');
          return;
        }
      }
      cancelCheck = deps.schedule(checkEveryMs, check);
    });
  };

  // A standby is made once the room listens (its port is then known), and again after it took over
  // or died; one that keeps dying is not made again: restarts are then cold, as without it.
  const prepareStandby = () => {
    cancelStandby = null;
    if (stopping || standby !== null || standbyDeaths >= 3) return;
    const waiting = deps.launch(port, 'standby');
    standby = waiting;
    void waiting.exited.then((exit) => {
      if (waiting !== standby) return;
      standby = null;
      if (stopping) return;
      standbyDeaths += 1;
      log.warn('the standby room process ended', { pid: waiting.pid, code: exit.code, signal: exit.signal, output: exit.output });
      cancelStandby = deps.schedule(5000, prepareStandby);
    });
  };

  const start = () => {
    cancelRestart = null;
    if (stopping) return;
    startedAt = deps.now();
    const warm = standby;
    standby = null;
    const launched = warm ?? deps.launch(port, 'active');
    if (warm) {
      log.info('the standby room takes over', { pid: warm.pid });
      warm.takeOver();
    }
    child = launched;
    silentSince = null;
    launched.ready.then(
      (ready) => {
        if (launched !== child || stopping) return;
        port = ready.port;
        lastReadyAt = deps.now();
        const roomUrl = `http://127.0.0.1:${ready.port}/rooms/${encodeURIComponent(deps.roomId)}`;
        const watchUrl = ready.watchUrls[deps.roomId] ?? null;
        log.info('live room process ready', { pid: launched.pid, port: ready.port, restarts: room.restarts, ms: deps.now() - startedAt });
        publish({ state: 'running', roomUrl, watchUrl, videoReason: ready.videoReason, message: room.restarts > 0 ? lastRestartMessage : null });
        resolveFirst(room);
        cancelCheck?.();
        cancelCheck = deps.schedule(checkEveryMs, check);
        prepareStandby();
      },
      () => undefined,
    );
    void launched.exited.then((exit) => onExit(launched, exit));
  };

  let lastRestartMessage: string | null = null;

  const onExit = (exited: RoomChild, exit: RoomExit) => {
    if (exited !== child) return;
    child = null;
    cancelCheck?.();
    cancelCheck = null;
    if (stopping) return;
    // Only the first start looks for a free port: once viewers have the link, the room keeps its port.
    const neverListened = room.roomUrl === null;
    if (neverListened && exit.code === EXIT_PORT_IN_USE && !deps.portChosen && port !== 0) {
      log.info('the live room port is taken; taking a free one', { port });
      port = 0;
      start();
      return;
    }
    // Its own lines are in the log already (the launchers echo them).
    log.error('live room process ended', { pid: exited.pid, code: exit.code, signal: exit.signal });
    quickDeaths = deps.now() - lastReadyAt > STEADY_MS ? 1 : quickDeaths + 1;
    if (quickDeaths > MAX_QUICK_DEATHS || (neverListened && exit.code !== null && exit.code !== 0 && room.restarts === 0)) {
      // The entry's last plain sentence (exitOnStartupError's), not its JSON log lines.
      const reason = exit.output.trim().split('\n').findLast((line) => line.trim() !== '' && !line.startsWith('{')) ?? (exit.signal ? `it was stopped by ${exit.signal}` : `it exited with code ${String(exit.code)}`);
      const message = `Your live room could not start (${reason}). Comments and orders from your own room are off; restart Shopcast to try again.`;
      publish({ state: 'failed', message });
      resolveFirst(room);
      return;
    }
    // The signal or code is in the log; the merchant needs what happened and what it means.
    lastRestartMessage = 'Your live room stopped unexpectedly and was restarted; viewers reconnected by themselves.';
    publish({ state: 'restarting', restarts: room.restarts + 1, message: 'Your live room stopped unexpectedly; restarting it…' });
    const delay = RESTART_DELAYS_MS[Math.min(quickDeaths - 1, RESTART_DELAYS_MS.length - 1)] ?? 0;
    cancelRestart = deps.schedule(delay, start);
  };

  start();

  return {
    current: () => room,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    firstStart,
    pid: () => child?.pid,
    async stop() {
      stopping = true;
      cancelCheck?.();
      cancelRestart?.();
      cancelStandby?.();
      const running = [child, standby].filter((process): process is RoomChild => process !== null);
      child = null;
      standby = null;
      await Promise.all(
        running.map(async (process) => {
          process.kill('SIGTERM');
          const killed = deps.schedule(3000, () => process.kill('SIGKILL'));
          await process.exited;
          killed();
        }),
      );
      publish({ state: 'stopped', message: null });
      resolveFirst(room);
    },
  };
}
