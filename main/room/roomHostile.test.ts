import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AckFrame, ErrorFrame, RoomEvent } from '../../contract/room/roomEvents.std';
import { cleanups, connect, startRoom, until } from '../../testing/roomTestKit.node';

// Hostile viewers: every bad frame gets a clear answer, nothing is stored as anything but text,
// and one flooding socket does not stop the room serving everyone else.

type Frame = (AckFrame | ErrorFrame | { type: 'welcome' | 'events' | 'video' | 'sfu' }) & { type: string };

async function rawViewer(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rooms/shop/live`);
  cleanups.push(() => ws.close());
  const frames: Frame[] = [];
  let closeCode: number | null = null;
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Frame));
  ws.on('close', (code) => (closeCode = code));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'hello', v: 1, role: 'viewer', viewerKey: `hostile-${Math.random().toString(36).slice(2)}-key` }));
  await until(() => frames.some((f) => f.type === 'welcome'), 'welcome');
  const answers = () => frames.filter((f): f is AckFrame | ErrorFrame => f.type === 'ack' || f.type === 'error');
  return { ws, frames, answers, closeCode: () => closeCode };
}

describe('hostile viewers', () => {
  it('answers malformed JSON, wrong types, unknown fields and oversized text with a clear error', async () => {
    const { server } = await startRoom();
    const viewer = await rawViewer(server.port);
    const sends: [unknown, RegExp][] = [
      ['{not json', /not JSON/],
      [{ type: 'comment', clientId: 'c-00000001', name: 'A', text: 42 }, /text: .*string/i],
      [{ type: 'comment', clientId: 'c-00000002', name: 'A', text: 'hi', admin: true }, /admin/],
      [{ type: 'comment', clientId: 'c-00000003', name: 'A', text: 'x'.repeat(10_000) }, /too long \(at most 500 characters\)/],
      [{ type: 'comment', clientId: 'c-00000004', name: 'N'.repeat(41), text: 'hi' }, /name: The name is too long \(at most 40/],
      [{ type: 'order', clientId: 'c-00000005', productId: 'p1', quantity: -3, buyerName: 'A', contact: '1' }, /quantity/],
      [{ type: 'shout' }, /type/],
      ['x'.repeat(20_000), /at most 16 KB/],
      [{ type: 'comment', clientId: 'c-00000006', name: 'A', text: '\u0000\u0007\u202E' }, /empty once invisible characters are removed/],
    ];
    for (const [message, expected] of sends) {
      const before = viewer.answers().length;
      viewer.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
      await until(() => viewer.answers().length === before + 1, `an answer to ${JSON.stringify(message).slice(0, 60)}`);
      const answer = viewer.answers().at(-1);
      expect(answer && 'message' in answer ? answer.message : '').toMatch(expected);
    }
    expect(viewer.closeCode()).toBeNull();
  });

  it('stores hostile text as plain text: markup kept verbatim, controls and bidi overrides removed, zalgo bounded', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    const viewer = connect(server, 'viewer');
    await viewer.welcome;
    const texts = {
      html: '<img src=x onerror="alert(1)"><script>alert(2)</script>',
      controls: 'a\u0000b\u0007c\u001bd\u202Eevil\u2066',
      rtl: 'مرحبا بالعالم שלום',
      zalgo: `Z${'\u0301\u0302\u0303\u0304\u0305\u0306'.repeat(5)}algo`,
      emoji: '👩‍👩‍👧‍👦🇨🇳🔥 好物',
    };
    for (const text of Object.values(texts)) expect(await viewer.client.send({ type: 'comment', name: '<b>Mallory</b>', text })).toMatchObject({ ok: true });
    await until(() => studio.events.filter((e) => e.kind === 'comment').length === 5, 'five comments');
    const stored = studio.events.flatMap((e: RoomEvent) => (e.kind === 'comment' ? [e.comment] : []));
    expect(stored[0]).toMatchObject({ name: '<b>Mallory</b>', text: texts.html });
    expect(stored[1]?.text).toBe('abcdevil');
    expect(stored[2]?.text).toBe(texts.rtl);
    expect(stored[3]?.text).toBe('Z\u0301\u0302algo');
    expect(stored[4]?.text).toBe(texts.emoji);
  });

  it('rate-limits a flood of 1,000 messages from one socket, closes it, and keeps serving everyone else', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    const flooder = await rawViewer(server.port);
    const bystander = connect(server, 'viewer');
    await bystander.welcome;
    for (let i = 0; i < 1000; i += 1) flooder.ws.send(JSON.stringify({ type: 'comment', clientId: `flood-${String(i).padStart(6, '0')}`, name: 'F', text: `spam ${i}` }));
    await until(() => flooder.closeCode() !== null, 'the flooder to be closed');
    expect(flooder.closeCode()).toBe(1008);
    const answers = flooder.answers();
    expect(answers.some((a) => !('ok' in a && a.ok) && a.code === 'rate-limited')).toBe(true);
    // Everyone else is still served.
    expect(await bystander.client.send({ type: 'comment', name: 'B', text: 'still here' })).toMatchObject({ ok: true });
    await until(() => studio.events.some((e) => e.kind === 'comment' && e.comment.text === 'still here'), 'the bystander’s comment');
    // Only the per-viewer burst got through; the socket closed before their acks could follow.
    expect(studio.events.filter((e) => e.kind === 'comment' && e.comment.name === 'F').length).toBeLessThanOrEqual(5);
  });

  it('refuses a wrong studio token and a hello for a room that does not exist', async () => {
    const { server } = await startRoom();
    const frames: Frame[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rooms/shop/live`);
    cleanups.push(() => ws.close());
    ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Frame));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'hello', v: 1, role: 'studio', token: 'wrong-token-0123456789' }));
    const code = await new Promise<number>((resolve) => ws.once('close', resolve));
    expect(code).toBe(1008);
    expect(frames).toEqual([{ type: 'error', code: 'unauthorized', message: 'The studio token is wrong.' }]);

    const elsewhere = new WebSocket(`ws://127.0.0.1:${server.port}/rooms/nowhere/live`);
    cleanups.push(() => elsewhere.close());
    const messages: Frame[] = [];
    elsewhere.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as Frame));
    await new Promise((resolve) => elsewhere.once('open', resolve));
    elsewhere.send(JSON.stringify({ type: 'hello', v: 1, role: 'viewer', viewerKey: 'abcdefghijklmnopqrstuvwxyz' }));
    await new Promise((resolve) => elsewhere.once('close', resolve));
    expect(messages[0]).toMatchObject({ type: 'error', code: 'not-found' });
  });

  it('survives a socket path that is not valid percent-encoding', async () => {
    const { server } = await startRoom();
    const bad = new WebSocket(`ws://127.0.0.1:${server.port}/rooms/%E0%A4%A/live`);
    // Refused at the upgrade: ending the half-open socket reports an error that is expected here.
    bad.on('error', () => {});
    cleanups.push(() => bad.terminate());
    const status = await new Promise<number | undefined>((resolve) => bad.once('unexpected-response', (_request, response) => resolve(response.statusCode)));
    expect(status).toBe(404);
    const viewer = connect(server, 'viewer');
    await viewer.welcome;
  });
});

