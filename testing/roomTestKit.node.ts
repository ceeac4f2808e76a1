import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, expect } from 'vitest';
import WebSocket from 'ws';
import { createRoomClient, type RoomClient, type RoomSocket } from '../contract/room/roomClient.std';
import type { AckFrame, RoomEvent, WelcomeFrame } from '../contract/room/roomEvents.std';
import type { RoomProduct } from '../contract/room/roomMessages.std';
import { createLogger } from '../main/log/logger.std';
import { openRoomDatabase } from '../main/room/roomDatabase.node';
import { defaultRoomLimits } from '../main/room/roomLimits.std';
import { startRoomServer, type RoomServer, type RoomServerOptions } from '../main/room/roomServer.node';
import { createVideoOffShow } from '../main/sfu/videoOffShow.std';

// Shared by the room's tests: a real room server on a free port with a real SQLite file, and
// real ws clients through the protocol's one client. Everything opened is closed after each test.

export const token = 'studio-token-0123456789';
const log = createLogger(() => {});
export const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function startRoom(limits: Partial<typeof defaultRoomLimits> = {}, now: () => number = Date.now, extra: Partial<RoomServerOptions> = {}, dir = mkdtempSync(path.join(tmpdir(), 'room-'))) {
  const db = openRoomDatabase((file) => new Sqlite(file), path.join(dir, 'room.sqlite'));
  const server = await startRoomServer({
    host: '127.0.0.1',
    port: 0,
    db,
    studioToken: token,
    viewerDir: null,
    videoFor: (roomId) => createVideoOffShow(roomId, 'No SFU in this test.'),
    limits,
    log,
    now,
    newId: randomUUID,
    ...extra,
  });
  server.openRoom('shop');
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
    db.close();
  };
  cleanups.push(close);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { server, dir, close };
}

export interface Connected {
  client: RoomClient;
  events: RoomEvent[];
  welcome: Promise<WelcomeFrame>;
  errors: string[];
  nextWelcome(): Promise<WelcomeFrame>;
}

export function connect(server: RoomServer, role: 'viewer' | 'studio', viewerKey = randomUUID().replaceAll('-', '')): Connected {
  const events: RoomEvent[] = [];
  const errors: string[] = [];
  let onWelcome: (welcome: WelcomeFrame) => void = () => {};
  const welcomes: WelcomeFrame[] = [];
  const client = createRoomClient({
    url: `ws://127.0.0.1:${server.port}/rooms/shop/live`,
    openSocket: (url) => new WebSocket(url) as unknown as RoomSocket,
    hello: (resumeFrom) =>
      role === 'studio' ? { type: 'hello', v: 1, role, token, resumeFrom: resumeFrom ?? 0 } : { type: 'hello', v: 1, role, viewerKey, resumeFrom },
    newClientId: () => randomUUID(),
    schedule: (ms, run) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    onWelcome: (welcome) => {
      welcomes.push(welcome);
      onWelcome(welcome);
    },
    onEvents: (batch) => void events.push(...batch),
    onError: (code, message) => void errors.push(`${code}: ${message}`),
  });
  cleanups.push(() => client.close());
  const nextWelcome = () => new Promise<WelcomeFrame>((resolve) => (onWelcome = resolve));
  const first = welcomes[0];
  return { client, events, errors, welcome: first ? Promise.resolve(first) : nextWelcome(), nextWelcome };
}

/** Resolves once `predicate` holds, checking whenever the client may have received something. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export const product = (stock: number | null): RoomProduct => ({ id: 'p1', name: 'Silk scarf', priceMinor: 5900, listPriceMinor: 9900, currency: 'CNY', stock, photo: null });

export async function promote(studio: Connected, stock: number | null, flashSale?: { priceMinor: number; endsAt: number }) {
  expect((await studio.client.send({ type: 'action', action: { kind: 'upsertProducts', products: [product(stock)] } })).ok).toBe(true);
  const promoted = await studio.client.send({ type: 'action', action: { kind: 'promoteProduct', productId: 'p1', ...(flashSale ? { flashSale } : {}) } });
  expect(promoted).toMatchObject({ ok: true });
}

/** A socket speaking the protocol by hand (no client library, so nothing is retried or filtered): every frame as received. */
export async function rawSocket(port: number, hello: object, headers?: Record<string, string>) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rooms/shop/live`, headers ? { headers } : {});
  cleanups.push(() => ws.close());
  const frames: { type: string; events?: RoomEvent[] }[] = [];
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as { type: string }));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify(hello));
  return {
    frames,
    acks: () => frames.filter((frame) => frame.type === 'ack') as unknown as AckFrame[],
    events: () => frames.flatMap((frame) => (frame.type === 'events' ? (frame.events ?? []) : [])),
    send: (message: object) => ws.send(JSON.stringify(message)),
  };
}
