import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../contract/schemas/settings.std';
import { createFrameClient } from './frameClient.std';

// The renderer's half of the contract's frames, as both the WebSocket and the Electron port use it.

function setup() {
  const sent: unknown[] = [];
  const client = createFrameClient((text) => sent.push(JSON.parse(text)));
  return { client, sent };
}

describe('the frame client', () => {
  it('numbers each call and settles it with the response of its id', async () => {
    const { client, sent } = setup();
    const first = client.outcomes.requests.getSettings({});
    const second = client.outcomes.requests.getStatus({});
    expect(sent).toEqual([
      { id: 1, channel: 'getSettings', payload: {} },
      { id: 2, channel: 'getStatus', payload: {} },
    ]);
    client.receive(JSON.stringify({ id: 2, ok: false, error: { code: 'failed', message: 'No.' } }));
    client.receive(JSON.stringify({ id: 1, ok: true, value: defaultSettings }));
    await expect(first).resolves.toEqual({ ok: true, value: defaultSettings });
    await expect(second).resolves.toEqual({ ok: false, error: { code: 'failed', message: 'No.' } });
  });

  it('hands events to their listeners only, and ignores what is not a frame', () => {
    const { client } = setup();
    const heard: unknown[] = [];
    const stop = client.outcomes.events.notice((payload) => heard.push(payload));
    client.receive(JSON.stringify({ event: 'notice', payload: { n: 1 } }));
    client.receive(JSON.stringify({ event: 'status', payload: { n: 2 } }));
    client.receive(JSON.stringify({ event: 'noSuchEvent', payload: {} }));
    client.receive('{broken');
    client.receive(new ArrayBuffer(4));
    stop();
    client.receive(JSON.stringify({ event: 'notice', payload: { n: 3 } }));
    expect(heard).toEqual([{ n: 1 }]);
  });

  it('fails calls in flight and later calls once the carrier is gone', async () => {
    const { client, sent } = setup();
    const pending = client.outcomes.requests.getSettings({});
    client.end();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    await expect(client.outcomes.requests.getSettings({})).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: 'The studio is not connected.' } });
    expect(sent).toHaveLength(1);
  });
});
