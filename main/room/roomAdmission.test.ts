import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { connect, startRoom } from '../../testing/roomTestKit.node';

// Who gets a socket at all: the per-address count of open sockets (issue 14, hardening).

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

describe('room admission', () => {
  it('does not count handshakes ws refuses: after 250 of them the address still gets a socket', async () => {
    const { server } = await startRoom();
    for (let i = 0; i < 250; i += 1) expect(await refusedHandshake(server.port)).toBe(400);
    const viewer = connect(server, 'viewer');
    expect((await viewer.welcome).role).toBe('viewer');
  });
});
