import type { MessagePortMain } from 'electron';
import { EventEmitter, once } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreToMainMessage } from '../../contract/appProcess.std';
import { defaultSettings } from '../../contract/schemas/settings.std';
import type { EmbeddedRoom, EmbeddedRoomWatch } from '../../contract/roomProcess.std';
import { createDispatcher, type RequestHandlers } from '../kernel/dispatcher.std';
import { createEventHub } from '../kernel/eventHub.std';
import { createLogger, type LogRecord } from '../log/logger.std';
import type { MediaIngest } from '../media/mediaIngest.std';
import { serveCoreProcess, type ParentPortLike, type PortedCore, type ShellRelay } from './coreProcess.node';

// The core process's side, over real MessagePorts (Node's worker_threads channel, shaped like
// Electron's MessagePortMain: 'message' events carry { data, ports }) and a real dispatcher.

const room: EmbeddedRoom = { state: 'running', roomId: 'shop', token: 't'.repeat(32), roomUrl: 'http://127.0.0.1:4821/rooms/shop', watchUrl: 'http://192.168.1.2:4821/watch/shop', videoReason: null, message: null, restarts: 0 };
const opened: MessagePort[] = [];

/** A Node MessagePort as Electron's MessagePortMain: the same events with Electron's event shape. */
function asPortMain(port: MessagePort): MessagePortMain {
  const emitter = new EventEmitter();
  port.on('message', (data: unknown) => emitter.emit('message', { data, ports: [] }));
  port.on('close', () => emitter.emit('close'));
  return Object.assign(emitter, {
    postMessage: (message: unknown) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  }) as unknown as MessagePortMain;
}

function pair(): { core: MessagePortMain; window: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  opened.push(port1, port2);
  return { core: asPortMain(port1), window: port2 };
}

afterEach(() => {
  for (const port of opened.splice(0)) port.close();
});

function setup() {
  const fromCore: CoreToMainMessage[] = [];
  const parent = new EventEmitter();
  const parentPort: ParentPortLike = {
    on: (event, listener) => parent.on(event, listener),
    postMessage: (message) => fromCore.push(message),
  };
  const send = (data: unknown, ports: MessagePortMain[] = []) => parent.emit('message', { data, ports });
  const records: LogRecord[] = [];
  const log = createLogger((record) => records.push(record));
  const events = createEventHub(() => undefined);
  const handlers = { getSettings: () => defaultSettings } as unknown as RequestHandlers;
  const sessions: { id: string; received: Uint8Array[]; grant: (credits: number) => void }[] = [];
  const media = {
    openSession(grant: (credits: number) => void, senderId: string) {
      const session = { id: senderId, received: [] as Uint8Array[], grant };
      sessions.push(session);
      grant(3);
      return { receive: (message: Uint8Array) => session.received.push(message), close: () => undefined };
    },
  } as unknown as MediaIngest;
  let finishStart: () => void = () => {};
  const started = new Promise<void>((resolve) => (finishStart = resolve));
  let given: { room: EmbeddedRoomWatch; shell: ShellRelay } | null = null;
  const core: PortedCore = {
    dispatch: createDispatcher(handlers, log),
    events,
    media,
    replay: { mediaFile: (showId, file) => Promise.resolve({ path: `/data/recordings/${showId}/${file}`, contentType: 'video/mp4', sizeBytes: 10 }) },
    orders: { csv: () => '\uFEFFOrder number\r\n' },
  };
  const process = serveCoreProcess({
    parentPort,
    log,
    start: async (_init, watch, shell) => {
      given = { room: watch, shell };
      await started;
      return core;
    },
  });
  const init = () => send({ type: 'init', dataDir: '/data', rendererDir: '/app/renderer', packaged: false, room });
  return { send, fromCore, events, sessions, records, finishStart, process, init, given: () => given };
}

const nextMessage = async (port: MessagePort) => ((await once(port, 'message')) as [unknown])[0];

describe('the core process', () => {
  it('serves the contract on a port handed over before the core was ready, as JSON frames', async () => {
    const core = setup();
    core.init();
    const { core: corePort, window } = pair();
    core.send({ type: 'port', kind: 'api', windowId: 7 }, [corePort]);
    window.postMessage(JSON.stringify({ id: 1, channel: 'getSettings', payload: {} }));
    core.finishStart();
    await core.process.ready;
    expect(core.fromCore).toEqual([{ type: 'core-ready' }]);
    const answer = JSON.parse((await nextMessage(window)) as string) as unknown;
    expect(answer).toEqual({ id: 1, ok: true, value: defaultSettings });
  });

  it('forwards events and answers malformed and unknown calls with their codes', async () => {
    const core = setup();
    core.init();
    core.finishStart();
    await core.process.ready;
    const { core: corePort, window } = pair();
    core.send({ type: 'port', kind: 'api', windowId: 1 }, [corePort]);
    window.postMessage('{not json');
    expect(JSON.parse((await nextMessage(window)) as string)).toMatchObject({ id: null, ok: false, error: { code: 'malformed' } });
    window.postMessage(JSON.stringify({ id: 2, channel: 'noSuchChannel', payload: null }));
    expect(JSON.parse((await nextMessage(window)) as string)).toMatchObject({ id: 2, ok: false, error: { code: 'unknown-channel' } });
    core.events.emit('notice', { level: 'info', message: 'Hello', at: 1 });
    expect(JSON.parse((await nextMessage(window)) as string)).toEqual({ event: 'notice', payload: { level: 'info', message: 'Hello', at: 1 } });
  });

  it('serves a media port: credits out, frames in, named after the window', async () => {
    const core = setup();
    core.init();
    core.finishStart();
    await core.process.ready;
    const { core: corePort, window } = pair();
    core.send({ type: 'port', kind: 'media', windowId: 3 }, [corePort]);
    expect(await nextMessage(window)).toEqual({ type: 'credit', grant: 3 });
    window.postMessage(new Uint8Array([1, 2, 3]));
    await expect.poll(() => core.sessions[0]?.received.length).toBe(1);
    expect(core.sessions[0]?.id).toBe('window:3');
    expect([...(core.sessions[0]?.received[0] ?? [])]).toEqual([1, 2, 3]);
  });

  it('follows the room from main and ignores what does not validate', async () => {
    const core = setup();
    core.init();
    const watch = core.given()?.room;
    if (!watch) throw new Error('start was not called');
    expect(watch.current().state).toBe('running');
    const seen: string[] = [];
    watch.subscribe((next) => seen.push(next.state));
    core.send({ type: 'room', room: { ...room, state: 'restarting', message: 'Restarting…', restarts: 1 } });
    core.send({ type: 'room', room: { ...room, state: 'on-fire' } });
    core.send({ type: 'port', kind: 'api', windowId: 1 }, []);
    expect(seen).toEqual(['restarting']);
    expect(watch.current().restarts).toBe(1);
    expect(core.records.filter((record) => record.level === 'warn').map((record) => record.message)).toEqual([
      'an invalid message from main was ignored',
      'a port message without exactly one port was ignored',
    ]);
  });

  it("asks main to open links and folders, and answers main's replay-file and orders-CSV asks", async () => {
    const core = setup();
    core.init();
    core.finishStart();
    await core.process.ready;
    const shell = core.given()?.shell;
    if (!shell) throw new Error('start was not called');
    const opening = shell.openExternal('https://shopcast.example/help');
    const refused = shell.revealFolder('/etc');
    expect(core.fromCore.slice(1)).toEqual([
      { type: 'ask', id: 0, ask: { kind: 'open-external', url: 'https://shopcast.example/help' } },
      { type: 'ask', id: 1, ask: { kind: 'reveal-folder', folder: '/etc' } },
    ]);
    core.send({ type: 'answer', id: 0, ok: true, value: null });
    core.send({ type: 'answer', id: 1, ok: false, message: 'Shopcast opens only the folders of its own recordings.' });
    await expect(opening).resolves.toBeUndefined();
    await expect(refused).rejects.toThrow('only the folders of its own recordings');
    core.send({ type: 'ask', id: 5, ask: { kind: 'media-file', showId: 's1', file: 'show.mp4' } });
    await expect.poll(() => core.fromCore.at(-1)).toEqual({ type: 'answer', id: 5, ok: true, value: { path: '/data/recordings/s1/show.mp4', contentType: 'video/mp4', sizeBytes: 10 } });
    core.send({ type: 'ask', id: 6, ask: { kind: 'orders-csv' } });
    await expect.poll(() => core.fromCore.at(-1)).toEqual({ type: 'answer', id: 6, ok: true, value: '\uFEFFOrder number\r\n' });
  });

  it('says when the core could not start', async () => {
    const fromCore: unknown[] = [];
    const parent = new EventEmitter();
    const served = serveCoreProcess({
      parentPort: { on: (event, listener) => parent.on(event, listener), postMessage: (message) => fromCore.push(message) },
      log: createLogger(() => undefined),
      start: () => Promise.reject(new Error('disk full')),
    });
    parent.emit('message', { data: { type: 'init', dataDir: '/data', rendererDir: '/r', packaged: true, room }, ports: [] });
    await expect(served.ready).rejects.toThrow('disk full');
    expect(fromCore).toEqual([]);
  });
});
