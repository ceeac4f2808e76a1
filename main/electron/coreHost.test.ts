import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreStopped } from '../../contract/appProcess.std';
import { FakeChannel, FakeChild, hostSetup, testRoom as room } from './coreHostTestKit';

// Main's side of the core process with Electron's objects faked: what is forked, what is posted
// to the core and to the window, and what main itself does with the ports (nothing).

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'shopcast-corehost-'));
  await mkdir(path.join(dataDir, 'recordings', 'show-1'), { recursive: true });
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const portMessages = (child: FakeChild) => child.posted.filter((posted) => posted.message.type === 'port');
const lastAnswer = (child: FakeChild) => child.posted.map((posted) => posted.message).filter((message) => message.type === 'answer').at(-1);

describe('the core host', () => {
  it('forks the core entry with init: the data dir and the room as it is now', () => {
    const setup = setupAndCheckFork();
    expect(setup.child().posted[0]?.message).toEqual({ type: 'init', dataDir, rendererDir: '/app/dist/renderer', packaged: false, room });
  });

  it('hands over exactly one port to the core process and one to the window per request, and never listens on them', () => {
    const { host, child, window, target } = hostSetup(dataDir);
    expect(host.handOver('api', target)).toBe(true);
    const [channel] = FakeChannel.made;
    if (!channel) throw new Error('no channel made');
    expect(portMessages(child())).toEqual([{ message: { type: 'port', kind: 'api', windowId: 9 }, transfer: [channel.port1] }]);
    expect(window.received).toEqual([{ channel: 'shopcast:core:port', message: { kind: 'api' }, transfer: [channel.port2] }]);
    // Main forwards nothing: no listener, no start() on either end it handed over.
    expect(channel.port1.listeners).toEqual([]);
    expect(channel.port2.listeners).toEqual([]);
    expect(channel.port1.started || channel.port2.started).toBe(false);
  });

  it('forwards each room change to the core process', () => {
    const { child, roomListeners } = hostSetup(dataDir);
    for (const listener of roomListeners) listener({ ...room, state: 'running', restarts: 0 });
    expect(child().posted.at(-1)?.message).toEqual({ type: 'room', room: { ...room, state: 'running' } });
  });

  it('says when the core process died, hands nothing over, and forks it anew on restart with new ports', async () => {
    const { host, child, children, forks, window, target } = hostSetup(dataDir);
    const stops: CoreStopped[] = [];
    host.onStopped((stopped) => stops.push(stopped));
    child().says({ type: 'core-ready' });
    child().exits(9);
    expect(stops).toEqual([{ code: 9, message: "Shopcast's engine stopped unexpectedly." }]);
    expect(host.stopped()).toEqual(stops[0]);
    expect(host.handOver('api', target)).toBe(false);
    expect(window.received).toEqual([]);

    const restarted = host.restart();
    expect(forks).toHaveLength(2);
    expect(child(1).posted[0]?.message).toMatchObject({ type: 'init', dataDir });
    child(1).says({ type: 'core-ready' });
    await expect(restarted).resolves.toBeUndefined();
    expect(host.stopped()).toBeNull();
    expect(host.handOver('api', target)).toBe(true);
    const [channel] = FakeChannel.made;
    expect(portMessages(child(1))).toEqual([{ message: { type: 'port', kind: 'api', windowId: 9 }, transfer: [channel?.port1] }]);
    expect(portMessages(children[0] ?? new FakeChild())).toEqual([]);
    expect(window.received.map((received) => received.transfer[0])).toEqual([channel?.port2]);
  });

  it('rejects a restart whose core dies before it is ready', async () => {
    const { host, child } = hostSetup(dataDir);
    child().exits(1);
    const restarting = host.restart();
    child(1).exits(1);
    await expect(restarting).rejects.toThrow("Shopcast's engine stopped unexpectedly.");
  });

  it('opens only allow-listed links for the core', async () => {
    const { child, opened } = hostSetup(dataDir);
    child().says({ type: 'ask', id: 1, ask: { kind: 'open-external', url: 'javascript:alert(1)' } });
    await expect.poll(() => lastAnswer(child())).toEqual({ type: 'answer', id: 1, ok: false, message: 'Shopcast opens only https links it knows.' });
    expect(opened).toEqual([]);
  });

  it('reveals only folders inside the recordings', async () => {
    const { child, revealed } = hostSetup(dataDir);
    const inside = path.join(dataDir, 'recordings', 'show-1');
    for (const [id, folder] of [
      [2, dataDir],
      [3, path.join(dataDir, 'recordings')],
      [4, path.join(dataDir, 'recordings', '..', 'secret.key')],
      [5, 'recordings/show-1'],
    ] as const) {
      child().says({ type: 'ask', id, ask: { kind: 'reveal-folder', folder } });
      await expect.poll(() => lastAnswer(child())).toEqual({ type: 'answer', id, ok: false, message: 'Shopcast opens only the folders of its own recordings.' });
    }
    child().says({ type: 'ask', id: 6, ask: { kind: 'reveal-folder', folder: inside } });
    await expect.poll(() => lastAnswer(child())).toEqual({ type: 'answer', id: 6, ok: true, value: null });
    expect(revealed).toEqual([inside]);
  });

  it("serves a replay file only as the core's library answers it, and only under the recordings", async () => {
    const { host, child } = hostSetup(dataDir);
    const file = path.join(dataDir, 'recordings', 'show-1');
    const asked = host.mediaFile('show-1', 'show.mp4');
    expect(child().posted.at(-1)?.message).toEqual({ type: 'ask', id: 0, ask: { kind: 'media-file', showId: 'show-1', file: 'show.mp4' } });
    child().says({ type: 'answer', id: 0, ok: true, value: { path: file, contentType: 'video/mp4', sizeBytes: 0 } });
    await expect(asked).resolves.toEqual({ path: file, contentType: 'video/mp4', sizeBytes: 0 });
    const outside = host.mediaFile('show-1', 'x.mp4');
    child().says({ type: 'answer', id: 1, ok: true, value: { path: '/etc/passwd', contentType: 'video/mp4', sizeBytes: 1 } });
    await expect(outside).rejects.toThrow('not one of the recordings');
    const dying = host.mediaFile('show-1', 'y.mp4');
    child().exits(1);
    await expect(dying).rejects.toThrow("Shopcast's engine stopped.");
  });

  it("asks the core for the orders' CSV and answers only text", async () => {
    const { host, child } = hostSetup(dataDir);
    const asked = host.ordersCsv();
    expect(child().posted.at(-1)?.message).toEqual({ type: 'ask', id: 0, ask: { kind: 'orders-csv' } });
    child().says({ type: 'answer', id: 0, ok: true, value: '\uFEFFOrder number\r\n' });
    await expect(asked).resolves.toBe('\uFEFFOrder number\r\n');
    const odd = host.ordersCsv();
    child().says({ type: 'answer', id: 1, ok: true, value: { path: '/etc/passwd' } });
    await expect(odd).rejects.toThrow();
  });

  it("does not answer a dead core's ask to the core forked after it", async () => {
    let release: () => void = () => {};
    const opening = new Promise<void>((resolve) => (release = resolve));
    const { host, child } = hostSetup(dataDir, { shell: { openExternal: () => opening, openPath: () => Promise.resolve('') } });
    child().says({ type: 'ask', id: 0, ask: { kind: 'open-external', url: 'https://shopcast.example/help' } });
    child().exits(1);
    void host.restart();
    release();
    await opening;
    await new Promise((resolve) => setImmediate(resolve));
    expect(child(1).posted.map((posted) => posted.message.type)).toEqual(['init']);
  });

  it('ignores messages that do not validate', () => {
    const { child, records, opened } = hostSetup(dataDir);
    child().says({ type: 'ask', id: 1, ask: { kind: 'run-command', command: 'rm -rf /' } });
    child().says('core-ready');
    expect(opened).toEqual([]);
    expect(records.filter((record) => record.message === 'an invalid message from the core process was ignored')).toHaveLength(2);
  });

  it('stops the core on quit without calling it a crash', async () => {
    const { host, child } = hostSetup(dataDir);
    const stops: CoreStopped[] = [];
    host.onStopped((stopped) => stops.push(stopped));
    const stopping = host.stop();
    expect(child().killed).toBe(1);
    child().exits(0);
    await stopping;
    expect(stops).toEqual([]);
    await expect(host.restart()).rejects.toThrow('quitting');
    expect(host.handOver('api', { id: 1, postMessage: () => undefined })).toBe(false);
  });
});

function setupAndCheckFork() {
  const setup = hostSetup(dataDir);
  expect(setup.forks).toEqual([{ modulePath: '/app/dist/main/appCore.node.js', args: [], options: { serviceName: 'Shopcast engine', stdio: 'inherit' } }]);
  return setup;
}
