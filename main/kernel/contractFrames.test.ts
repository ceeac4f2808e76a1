import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../contract/schemas/settings.std';
import { createLogger } from '../log/logger.std';
import { serveContractFrames } from './contractFrames.std';
import { createDispatcher, type RequestHandlers, type Sender } from './dispatcher.std';
import { createEventHub } from './eventHub.std';

// The contract's JSON frames, as the WebSocket and the Electron port both serve them.

function setup(sender: Sender) {
  const sent: unknown[] = [];
  const events = createEventHub(() => undefined);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const handlers = {
    getSettings: () => defaultSettings,
    getStatus: async () => {
      await held;
      return { state: 'offline', liveSince: null, bitrateKbps: null, fps: null, droppedFrames: 0, cpuPercent: 0 };
    },
  } as unknown as RequestHandlers;
  const log = createLogger(() => undefined);
  const served = serveContractFrames((text) => sent.push(JSON.parse(text)), sender, createDispatcher(handlers, log), events, log);
  return { served, sent, events, release };
}

const host: Sender = { transport: 'ipc', id: 'window:1', role: 'host', name: 'Host' };
const moderator: Sender = { transport: 'websocket', id: 'staff:m1', role: 'moderator', name: 'Mia', console: true };

describe('the contract frames', () => {
  it('answers a request frame with its id, and anything else as malformed', async () => {
    const { served, sent } = setup(host);
    served.receive(JSON.stringify({ id: 4, channel: 'getSettings', payload: {} }));
    served.receive(new Uint8Array([1]));
    served.receive(JSON.stringify({ id: 5, channel: 'getSettings' }));
    await expect.poll(() => sent.length).toBe(3);
    expect(sent).toContainEqual({ id: 4, ok: true, value: defaultSettings });
    expect(sent).toContainEqual({ id: null, ok: false, error: { code: 'malformed', message: 'The studio only understands JSON request frames here.' } });
    expect(sent).toContainEqual({ id: 5, ok: false, error: { code: 'malformed', message: 'A request frame needs exactly an integer id, a channel name and a payload.' } });
  });

  it("forwards only the events the sender's role may hear", () => {
    const { sent, events } = setup(moderator);
    events.emit('destinations', []);
    events.emit('notice', { level: 'info', message: 'Hi', at: 1 });
    expect(sent).toEqual([{ event: 'notice', payload: { level: 'info', message: 'Hi', at: 1 } }]);
  });

  it('sends nothing once closed: no events, no answers still in flight', async () => {
    const { served, sent, events, release } = setup(host);
    served.receive(JSON.stringify({ id: 1, channel: 'getStatus', payload: {} }));
    served.close();
    events.emit('notice', { level: 'info', message: 'Hi', at: 1 });
    release();
    // Not a sleep: a macrotask runs after every microtask the released answer chains.
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([]);
  });
});
