import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WelcomeFrame } from '../../contract/room/roomEvents.std';
import { cleanups, connect, rawSocket, startRoom, token, until } from '../../testing/roomTestKit.node';
import { libraryCloseCodes, roomCloseCodes } from './roomCloseCodes.std';

// Edges of the protocol that disagreed with docs/ROOM-PROTOCOL.md (issue 14): invisible-only
// text, the joining viewer left out of its own welcome's count, a short token, close codes.

const invisibles = ['\u200B', '\u2060', '\u3164', '\uFEFF', '\u200B\u2060\u3164 \uFEFF\u115F\u1160\uFFA0\u2800\u200D\uFE0F'];

async function openSocket(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rooms/shop/live`);
  cleanups.push(() => ws.terminate());
  const frames: unknown[] = [];
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString())));
  const closed = new Promise<number>((resolve) => ws.once('close', resolve));
  await new Promise((resolve) => ws.once('open', resolve));
  return { ws, frames, closed };
}

describe('protocol edges', () => {
  it('refuses a name, comment, buyer name or reply made only of invisible characters, with the protocol’s invalid', async () => {
    const { server } = await startRoom({ commentPerViewer: { rate: 100, burst: 100 } });
    const studio = connect(server, 'studio');
    await studio.welcome;
    const viewer = connect(server, 'viewer');
    await viewer.welcome;
    const emptyComment = { ok: false, code: 'invalid', message: 'The name or the comment is empty once invisible characters are removed.' };
    for (const blank of invisibles) {
      expect(await viewer.client.send({ type: 'comment', name: 'Ana', text: blank })).toMatchObject(emptyComment);
      expect(await viewer.client.send({ type: 'comment', name: blank, text: 'hello' })).toMatchObject(emptyComment);
      expect(await viewer.client.send({ type: 'order', productId: 'p1', quantity: 1, buyerName: blank, contact: '13800138000' })).toMatchObject({ ok: false, code: 'invalid', message: 'A name is needed.' });
      expect(await studio.client.send({ type: 'action', action: { kind: 'reply', text: blank } })).toMatchObject({ ok: false, code: 'invalid', message: 'The reply is empty once invisible characters are removed.' });
    }
    // Inside visible text they stay: an emoji family needs its joiners.
    expect(await viewer.client.send({ type: 'comment', name: 'Ana', text: 'hi\u200Bthere 👩‍👩‍👧' })).toMatchObject({ ok: true });
    await until(() => studio.events.some((e) => e.kind === 'comment'), 'the visible comment');
    expect(studio.events.flatMap((e) => (e.kind === 'comment' ? [e.comment.text] : []))).toEqual(['hi\u200Bthere 👩‍👩‍👧']);
  });

  it('counts the joining viewer in its own welcome', async () => {
    const { server } = await startRoom();
    const first = connect(server, 'viewer');
    expect((await first.welcome).snapshot.viewerCount).toBe(1);
    const second = connect(server, 'viewer');
    expect((await second.welcome).snapshot.viewerCount).toBe(2);
    const studio = connect(server, 'studio');
    expect((await studio.welcome).snapshot.viewerCount).toBe(2);
  });

  it('answers a studio token of the wrong length (or none) unauthorized, as any wrong token', async () => {
    const { server } = await startRoom();
    for (const hello of [{ token: 'short' }, { token: 'x'.repeat(201) }, {}]) {
      const socket = await openSocket(server.port);
      socket.ws.send(JSON.stringify({ type: 'hello', v: 1, role: 'studio', ...hello }));
      expect(await socket.closed).toBe(1008);
      expect(socket.frames).toEqual([{ type: 'error', code: 'unauthorized', message: 'The studio token is wrong.' }]);
    }
    // The right token still opens.
    const studio = await rawSocket(server.port, { type: 'hello', v: 1, role: 'studio', token });
    await until(() => studio.frames.some((frame) => frame.type === 'welcome'), 'the studio welcome');
    expect((studio.frames[0] as WelcomeFrame).role).toBe('studio');
  });

  it('closes a text frame that is not UTF-8 with 1007, and documents every close code a room socket can get', async () => {
    const { server } = await startRoom();
    const socket = await openSocket(server.port);
    socket.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await socket.closed).toBe(libraryCloseCodes.invalidText);
    const protocol = readFileSync(new URL('../../docs/ROOM-PROTOCOL.md', import.meta.url), 'utf8');
    const documented = new Set([...protocol.matchAll(/^\s*\| `(\d{4})` \|/gm)].map((match) => Number(match[1])));
    expect([...Object.values(roomCloseCodes), ...Object.values(libraryCloseCodes)].filter((code) => !documented.has(code))).toEqual([]);
  });
});
