import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../contract/schemas/settings.std';
import { connectPort } from './portTransport.dom';

// The renderer's port transport over a real MessageChannel (the global one; Node's ports are
// EventTargets with a 'close' event, as Electron gives a page's ports): the core's end is played
// by hand.

const nextFrame = (port: MessagePort) =>
  new Promise<string>((resolve) => port.addEventListener('message', (event: MessageEvent) => resolve(event.data as string), { once: true }));

function setup() {
  const { port1, port2 } = new MessageChannel();
  const connection = connectPort(port1);
  port2.start();
  return { connection, core: port2 };
}

describe('the port transport', () => {
  it('sends request frames as JSON text and settles them with the answers', async () => {
    const { connection, core } = setup();
    const answer = connection.outcomes.requests.getSettings({});
    expect(JSON.parse(await nextFrame(core))).toEqual({ id: 1, channel: 'getSettings', payload: {} });
    core.postMessage(JSON.stringify({ id: 1, ok: true, value: defaultSettings }));
    await expect(answer).resolves.toEqual({ ok: true, value: defaultSettings });
    core.close();
  });

  it('is lost when the core end closes, failing the calls in flight', async () => {
    const { connection, core } = setup();
    const answer = connection.outcomes.requests.getSettings({});
    await nextFrame(core);
    core.close();
    await expect(connection.closed).resolves.toEqual({ refused: false, reason: null });
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('ends with the reason main gave', async () => {
    const { connection, core } = setup();
    connection.end({ refused: false, reason: "Shopcast's engine stopped unexpectedly." });
    await expect(connection.closed).resolves.toEqual({ refused: false, reason: "Shopcast's engine stopped unexpectedly." });
    core.close();
  });
});
