import { describe, expect, it } from 'vitest';
import type { EmbeddedRoom, RoomReadyMessage } from '../../contract/roomProcess.std';
import { createLogger } from '../log/logger.std';
import { superviseRoom, type RoomChild, type RoomExit } from './roomSupervisor.std';

// The supervisor's decisions on a manual clock, with children that do what a test tells them.
// The real processes (the built room entry, killed and frozen) are in e2e/roomProcess.spec.ts.

interface FakeChild extends RoomChild {
  port: number;
  mode: 'active' | 'standby';
  tookOver: boolean;
  signals: string[];
  listen(port?: number): void;
  exit(exit: Partial<RoomExit>): void;
}

function harness(options: { portChosen?: boolean; answers?: () => boolean } = {}) {
  let now = 0;
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const children: FakeChild[] = [];
  const states: EmbeddedRoom[] = [];
  let answering = true;
  const supervisor = superviseRoom({
    launch: (port, mode) => {
      let resolveReady: (ready: RoomReadyMessage) => void = () => {};
      let resolveExit: (exit: RoomExit) => void = () => {};
      const child: FakeChild = {
        port,
        mode,
        tookOver: false,
        signals: [],
        pid: 1000 + children.length,
        ready: new Promise((resolve) => (resolveReady = resolve)),
        exited: new Promise((resolve) => (resolveExit = resolve)),
        kill(signal) {
          child.signals.push(signal);
          resolveExit({ code: null, signal, output: '' });
        },
        takeOver() {
          child.tookOver = true;
        },
        listen(at = port === 0 ? 45_000 : port) {
          resolveReady({ type: 'room-ready', port: at, watchUrls: { shop: `http://192.168.1.20:${at}/watch/shop` }, videoReason: null });
        },
        exit(exit) {
          resolveExit({ code: null, signal: null, output: '', ...exit });
        },
      };
      children.push(child);
      return child;
    },
    roomId: 'shop',
    token: 'secret-token',
    port: 4821,
    portChosen: options.portChosen ?? false,
    answers: () => Promise.resolve(options.answers ? options.answers() : answering),
    schedule: (ms, run) => {
      const timer = { at: now + ms, run, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    now: () => now,
    log: createLogger(() => {}),
    checkEveryMs: 1000,
    hungKillMs: 10_000,
  });
  supervisor.subscribe((room) => states.push(room));
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      await settle();
      const next = timers.filter((timer) => !timer.cancelled && timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      next.cancelled = true;
      now = next.at;
      next.run();
    }
    now = until;
    await settle();
  };
  return { supervisor, children, states, advance, settle, setAnswering: (value: boolean) => (answering = value) };
}

describe('the studio room supervisor', () => {
  it('starts the room, says where it is, keeps a standby beside it, and has the standby take over on the same port when the room is killed', async () => {
    const { supervisor, children, advance } = harness();
    children[0]?.listen();
    const first = await supervisor.firstStart;
    expect(first).toMatchObject({ state: 'running', roomUrl: 'http://127.0.0.1:4821/rooms/shop', watchUrl: 'http://192.168.1.20:4821/watch/shop', token: 'secret-token', restarts: 0 });
    expect(children.map((child) => [child.mode, child.port])).toEqual([
      ['active', 4821],
      ['standby', 4821],
    ]);
    expect(supervisor.pid()).toBe(children[0]?.pid);

    children[0]?.exit({ signal: 'SIGKILL' });
    await advance(0);
    expect(supervisor.current()).toMatchObject({ state: 'restarting', restarts: 1, message: 'Your live room stopped unexpectedly; restarting it…' });
    // No cold start: the standby opens the room; the viewers' link and the studio's sockets stay valid.
    expect(children).toHaveLength(2);
    expect(children[1]?.tookOver).toBe(true);
    expect(supervisor.pid()).toBe(children[1]?.pid);
    children[1]?.listen();
    await advance(0);
    expect(supervisor.current()).toMatchObject({ state: 'running', roomUrl: 'http://127.0.0.1:4821/rooms/shop', message: expect.stringContaining('restarted') as string });
    expect(children.map((child) => child.mode)).toEqual(['active', 'standby', 'standby']);
  });

  it('takes a free port when the default one is taken at the first start, and keeps it afterwards', async () => {
    const { supervisor, children, advance } = harness();
    children[0]?.exit({ code: 3, output: 'That port is already in use' });
    await advance(0);
    expect(children[1]).toMatchObject({ mode: 'active', port: 0 });
    children[1]?.listen(45_123);
    expect((await supervisor.firstStart).roomUrl).toBe('http://127.0.0.1:45123/rooms/shop');
    expect(children[2]).toMatchObject({ mode: 'standby', port: 45_123 });
    children[1]?.exit({ code: 1 });
    await advance(0);
    expect(children[2]?.tookOver).toBe(true);
  });

  it('does not move a port the merchant chose: the room fails with the reason', async () => {
    const { supervisor, children } = harness({ portChosen: true });
    children[0]?.exit({ code: 3, output: '{"level":"info"}\nThat port is already in use: choose another with --port, or 0 for any free one.\n' });
    const failed = await supervisor.firstStart;
    expect(failed.state).toBe('failed');
    expect(failed.message).toContain('(That port is already in use');
    expect(children).toHaveLength(1);
  });

  it('says when the room stops answering, and that it is back, without killing a short freeze', async () => {
    const { supervisor, children, advance, setAnswering } = harness();
    children[0]?.listen();
    await supervisor.firstStart;
    setAnswering(false);
    await advance(1000);
    expect(supervisor.current()).toMatchObject({ state: 'not-answering', message: expect.stringContaining('not answering') as string });
    await advance(5000);
    expect(children[0]?.signals).toEqual([]);
    setAnswering(true);
    await advance(1000);
    expect(supervisor.current()).toMatchObject({ state: 'running', message: expect.stringContaining('answers again') as string });
  });

  it('kills a room that stays frozen, and the standby takes over', async () => {
    const { supervisor, children, advance, setAnswering } = harness();
    children[0]?.listen();
    await supervisor.firstStart;
    setAnswering(false);
    await advance(12_000);
    expect(children[0]?.signals).toEqual(['SIGKILL']);
    expect(children[1]?.tookOver).toBe(true);
  });

  it('replaces a standby that dies, and stops making one that keeps dying', async () => {
    const { supervisor, children, advance } = harness();
    children[0]?.listen();
    await supervisor.firstStart;
    for (let death = 0; death < 3; death += 1) {
      children.at(-1)?.exit({ code: 1 });
      await advance(5000);
    }
    expect(children.map((child) => child.mode)).toEqual(['active', 'standby', 'standby', 'standby']);
    // Without a standby, a death is a cold start.
    children[0]?.exit({ signal: 'SIGKILL' });
    await advance(0);
    expect(children.at(-1)).toMatchObject({ mode: 'active', port: 4821 });
  });

  it('gives up after a crash loop, and stops the room and its standby with the studio', async () => {
    const looping = harness();
    looping.children[0]?.listen();
    await looping.supervisor.firstStart;
    for (let death = 0; death < 6; death += 1) {
      looping.children.find((child) => child.pid === looping.supervisor.pid())?.exit({ code: 1, output: 'Error: database disk image is malformed\n' });
      await looping.advance(3000);
    }
    expect(looping.supervisor.current()).toMatchObject({ state: 'failed', message: expect.stringContaining('database disk image is malformed') as string });

    const stopping = harness();
    stopping.children[0]?.listen();
    await stopping.supervisor.firstStart;
    await stopping.supervisor.stop();
    expect(stopping.children.map((child) => child.signals)).toEqual([['SIGTERM'], ['SIGTERM']]);
    expect(stopping.children).toHaveLength(2);
    expect(stopping.supervisor.current().state).toBe('stopped');
  });
});
