import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readTlsFiles, type TlsFiles } from '../http/tlsFiles.node';
import { cleanups, rawSocket, startRoom, until } from '../../testing/roomTestKit.node';
import { httpsRequest, selfSignedCertificate } from '../../testing/tlsTestKit.node';

// The room serving HTTPS and WSS itself (`npm run room -- --tls-cert … --tls-key …`), with a
// self-signed certificate made here by Debian's openssl, and clients that trust only it.

let dir: string;
let tls: TlsFiles;
let otherKeyFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'room-tls-'));
  const files = selfSignedCertificate(dir, 'room');
  tls = await readTlsFiles(files.certFile, files.keyFile);
  otherKeyFile = selfSignedCertificate(dir, 'other').keyFile;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the room over TLS', () => {
  it('serves HTTPS and the protocol over WSS to a client that trusts the certificate', async () => {
    const { server } = await startRoom({}, Date.now, { tls });
    expect(await httpsRequest(`https://127.0.0.1:${server.port}/healthz`, tls.cert)).toMatchObject({ status: 200, body: JSON.stringify({ ok: true, rooms: 1 }) });
    const ws = new WebSocket(`wss://127.0.0.1:${server.port}/rooms/shop/live`, { ca: tls.cert });
    cleanups.push(() => ws.terminate());
    const frames: { type: string }[] = [];
    ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as { type: string }));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'hello', v: 1, role: 'viewer', viewerKey: 'tls-viewer-key-0123456' }));
    await until(() => frames.length > 0, 'the welcome over WSS');
    expect(frames[0]).toMatchObject({ type: 'welcome', role: 'viewer' });
  });

  it('is refused by a client that does not trust the certificate, and speaks no plain WebSocket', async () => {
    const { server } = await startRoom({}, Date.now, { tls });
    const untrusting = new WebSocket(`wss://127.0.0.1:${server.port}/rooms/shop/live`);
    cleanups.push(() => untrusting.terminate());
    const refusal = await new Promise<Error>((resolve) => untrusting.once('error', resolve));
    expect((refusal as NodeJS.ErrnoException).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    const plain = new WebSocket(`ws://127.0.0.1:${server.port}/rooms/shop/live`);
    cleanups.push(() => plain.terminate());
    await new Promise<void>((resolve, reject) => {
      plain.once('error', () => resolve());
      plain.once('open', () => reject(new Error('a plain WebSocket was accepted on the TLS port')));
    });
  });

  it('stops at start with a sentence when the key does not match the certificate', async () => {
    await expect(readTlsFiles(path.join(dir, 'room.cert.pem'), otherKeyFile)).rejects.toThrow(/do not make a usable pair/);
    await expect(readTlsFiles(path.join(dir, 'missing.pem'), otherKeyFile)).rejects.toThrow(/Could not read the TLS certificate/);
  });

  it('keeps working behind a TLS-terminating proxy: plain HTTP, a page served over https allowed as its own origin', async () => {
    const { server } = await startRoom();
    const viewer = await rawSocket(server.port, { type: 'hello', v: 1, role: 'viewer', viewerKey: 'proxied-viewer-key-0123' }, { Origin: `https://127.0.0.1:${server.port}` });
    await until(() => viewer.frames.length > 0, 'the welcome through the proxy');
    expect(viewer.frames[0]).toMatchObject({ type: 'welcome' });
  });
});
