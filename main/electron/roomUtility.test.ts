import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { roomUtilityLauncher, type RoomUtilityChild, type RoomUtilityDeps } from './roomUtility';

// The app's room launcher with utilityProcess faked: what it forks, what it believes of the
// room's ready message, and how the room's end and kills are reported to the supervisor.

class FakeRoomChild extends EventEmitter implements RoomUtilityChild {
  pid: number | undefined = 4242;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  killed = 0;
  readonly posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed += 1;
    return true;
  }
}

function setup() {
  const forks: { modulePath: string; args: string[] | undefined; options: unknown }[] = [];
  const children: FakeRoomChild[] = [];
  const hardKills: [number, string][] = [];
  const echoed: string[] = [];
  const deps: RoomUtilityDeps = {
    utilityProcess: {
      fork: (modulePath, args, options) => {
        forks.push({ modulePath, args, options });
        const child = new FakeRoomChild();
        children.push(child);
        return child;
      },
    },
    entry: '/app/dist/main/room.node.js',
    args: ['--host', '0.0.0.0', '--data-dir', '/data/room', '--room', 'shop'],
    env: { HOME: '/home/merchant', SHOPCAST_ROOM_TOKEN: 'stale-token-from-env', UNSET: undefined },
    token: 'a-fresh-token-of-enough-length',
    killPid: (pid, signal) => hardKills.push([pid, signal]),
    echo: (chunk) => echoed.push(chunk),
  };
  const launch = roomUtilityLauncher(deps);
  return { launch, forks, children, hardKills, echoed };
}

const ready = { type: 'room-ready', port: 4821, watchUrls: { shop: 'http://192.168.1.2:4821/watch/shop' }, videoReason: null };

describe('the room utility launcher', () => {
  it("forks npm run room's entry on the port asked, with the token in its environment", () => {
    const { launch, forks } = setup();
    launch(4821, 'active');
    expect(forks).toEqual([
      {
        modulePath: '/app/dist/main/room.node.js',
        args: ['--port', '4821', '--host', '0.0.0.0', '--data-dir', '/data/room', '--room', 'shop'],
        options: { env: { HOME: '/home/merchant', SHOPCAST_ROOM_TOKEN: 'a-fresh-token-of-enough-length' }, stdio: 'pipe', serviceName: 'Shopcast live room' },
      },
    ]);
  });

  it('starts a standby with --standby and tells it to take over by message', () => {
    const { launch, forks, children } = setup();
    const standby = launch(4821, 'standby');
    expect(forks[0]?.args).toEqual(['--port', '4821', '--host', '0.0.0.0', '--data-dir', '/data/room', '--room', 'shop', '--standby']);
    expect(forks[0]?.options).toMatchObject({ serviceName: 'Shopcast live room (standby)' });
    expect(children[0]?.posted).toEqual([]);
    standby.takeOver();
    expect(children[0]?.posted).toEqual([{ type: 'room-take-over' }]);
  });

  it('is ready only with a room-ready message that validates', async () => {
    const { launch, children } = setup();
    const room = launch(0, 'active');
    let settled = false;
    void room.ready.then(() => (settled = true));
    children[0]?.emit('message', { type: 'room-ready', port: 'many' });
    children[0]?.emit('message', 'ready');
    await Promise.resolve();
    expect(settled).toBe(false);
    children[0]?.emit('message', ready);
    await expect(room.ready).resolves.toEqual(ready);
  });

  it("reports the exit code with the end of the room's stderr, which it also echoes", async () => {
    const { launch, children, echoed } = setup();
    const room = launch(4821, 'active');
    const child = children[0];
    if (!child) throw new Error('not forked');
    child.stdout.write('Viewers: http://192.168.1.2:4821/watch/shop\n');
    child.stderr.write('That port is already in use: choose another with --port, or 0 for any free one.\n');
    await new Promise((resolve) => setImmediate(resolve));
    child.emit('exit', 3);
    await expect(room.exited).resolves.toEqual({ code: 3, signal: null, output: 'That port is already in use: choose another with --port, or 0 for any free one.\n' });
    expect(echoed.join('')).toContain('already in use');
  });

  it('stops with utilityProcess.kill, kills hard by pid, and does neither once it has exited', () => {
    const { launch, children, hardKills } = setup();
    const room = launch(4821, 'active');
    const child = children[0];
    if (!child) throw new Error('not forked');
    room.kill('SIGTERM');
    expect(child.killed).toBe(1);
    room.kill('SIGKILL');
    expect(hardKills).toEqual([[4242, 'SIGKILL']]);
    expect(room.pid).toBe(4242);
    child.emit('exit', 137);
    room.kill('SIGTERM');
    room.kill('SIGKILL');
    expect(child.killed).toBe(1);
    expect(hardKills).toHaveLength(1);
  });
});
