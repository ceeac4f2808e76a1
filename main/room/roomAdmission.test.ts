import { request } from 'node:http';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cleanups, connect, startRoom, until } from '../../testing/roomTestKit.node';

// Who gets a socket at all, and what a socket may cost before it is anyone (issue 14, hardening):
// the per-address count of open sockets, the hello timeout, the budget of new viewer keys.

/** An upgrade request `ws` refuses (no Sec-WebSocket-Key): the status it is answered with. */
function refusedHandshake(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path: '/rooms/shop/live', headers: { Connection: 'Upgrade', Upgrade: 'websocket' } });
    sent.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on('upgrade', () => reject(new Error('the handshake was accepted')));
    sent.on('error', reject);
    sent.end();
  });
}

interface RawSocket {
  ws: WebSocket;
  frames: { type: string; code?: string }[];
  closed: Promise<number>;
}

async function openRaw(port: number): Promise<RawSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rooms/shop/live`);
  cleanups.push(() => ws.terminate());
  const frames: { type: string; code?: string }[] = [];
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as { type: string }));
  const closed = new Promise<number>((resolve) => ws.once('close', resolve));
  await new Promise((resolve) => ws.once('open', resolve));
  return { ws, frames, closed };
}

/** Says hello as a viewer with `viewerKey`, then closes: the first frame and, when the room closed the socket, its code. */
async function viewerHello(port: number, viewerKey: string): Promise<{ first: { type: string; code?: string }; code: number }> {
  const raw = await openRaw(port);
  raw.ws.send(JSON.stringify({ type: 'hello', v: 1, role: 'viewer', viewerKey }));
  await until(() => raw.frames.length > 0, 'an answer to the hello');
  if (raw.frames[0]?.type === 'welcome') raw.ws.close();
  return { first: raw.frames[0] ?? { type: 'none' }, code: await raw.closed };
}

/** A clock the test moves, and timers it fires. */
function manualTimers() {
  const timers: { ms: number; run: () => void; cancelled: boolean }[] = [];
  return {
    timers,
    schedule: (ms: number, run: () => void) => {
      const timer = { ms, run, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    fireAll: () => {
      for (const timer of timers.splice(0)) if (!timer.cancelled) timer.run();
    },
  };
}

describe('room admission', () => {
  it('does not count handshakes ws refuses: after 250 of them the address still gets a socket', async () => {
    const { server } = await startRoom();
    for (let i = 0; i < 250; i += 1) expect(await refusedHandshake(server.port)).toBe(400);
    const viewer = connect(server, 'viewer');
    expect((await viewer.welcome).role).toBe('viewer');
  });

  it('closes a socket that never says hello (1008, not-ready), and leaves one that did alone', async () => {
    const clock = manualTimers();
    const { server } = await startRoom({}, Date.now, { schedule: clock.schedule });
    const silent = await openRaw(server.port);
    const talker = await openRaw(server.port);
    talker.ws.send(JSON.stringify({ type: 'hello', v: 1, role: 'viewer', viewerKey: 'talker-key-0123456789' }));
    await until(() => talker.frames.some((frame) => frame.type === 'welcome'), 'the talker’s welcome');
    expect(clock.timers.map((timer) => timer.ms)).toEqual([5000, 5000]);
    clock.fireAll();
    expect(await silent.closed).toBe(1008);
    expect(silent.frames).toEqual([{ type: 'error', code: 'not-ready', message: 'Say hello within 5 s of connecting.' }]);
    // The talker's timer was cancelled at its welcome: it is still served.
    talker.ws.send(JSON.stringify({ type: 'comment', clientId: 'after-the-timeout', name: 'T', text: 'still here' }));
    await until(() => talker.frames.some((frame) => frame.type === 'ack'), 'the talker’s ack');
    expect(talker.frames.find((frame) => frame.type === 'ack')).toMatchObject({ ok: true });
  });

  it('bounds the rows a reconnect storm of new viewer keys writes: 200 per address, then one a second; known keys still join', async () => {
    let now = 1_764_000_000_000;
    const { server, dir } = await startRoom({}, () => now);
    const rows = () => {
      const db = new Sqlite(path.join(dir, 'room.sqlite'), { readonly: true });
      try {
        return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM viewers').get()?.n;
      } finally {
        db.close();
      }
    };
    const answers: string[] = [];
    for (let i = 0; i < 250; i += 1) {
      const { first, code } = await viewerHello(server.port, `storm-key-${String(i).padStart(8, '0')}`);
      answers.push(first.type === 'welcome' ? 'welcome' : `${first.code ?? first.type} ${code}`);
    }
    expect(answers.slice(0, 200).every((answer) => answer === 'welcome')).toBe(true);
    expect(new Set(answers.slice(200))).toEqual(new Set(['rate-limited 1013']));
    expect(rows()).toBe(200);
    // A viewer who joined before comes back whatever the budget: their row exists already.
    expect((await viewerHello(server.port, 'storm-key-00000007')).first.type).toBe('welcome');
    now += 1000;
    expect((await viewerHello(server.port, 'storm-key-new-after-a-second')).first.type).toBe('welcome');
    expect((await viewerHello(server.port, 'storm-key-one-too-many')).first).toMatchObject({ code: 'rate-limited' });
    expect(rows()).toBe(201);
  });
});
