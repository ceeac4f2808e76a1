import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import type { RoomSocket } from '../../contract/room/roomClient.std';
import { orderWebhookPayloadSchema, type OrderWebhookPayload } from '../../contract/schemas/fulfilment.std';
import { openSecretBox } from '../destinations/secretBox.node';
import { createLogger } from '../log/logger.std';
import { connectRoomFeed } from '../panel/roomFeed.node';
import type { RoomServer } from '../room/roomServer.node';
import { cleanups, connect, promote, startRoom, token, until } from '../../testing/roomTestKit.node';
import * as fs from 'node:fs/promises';
import { createFulfilmentDesk } from './fulfilmentDesk.node';
import { openOrderBook } from './orderBook.node';
import { verifyWebhook } from './webhookSignature.node';

// The webhook against real peers: a real room server taking viewers' orders, the core's own
// feed on it, and a real HTTP server as the shop's system that answers 500, then drops
// connections, then is not there at all, then recovers; the studio's side is restarted in the
// middle, with orders placed while it is down. Every order and status change reaches the shop
// once, in the order it happened, signed.

const log = createLogger(() => {});
const secret = 'shop-secret-0123456789abcdef';
const schedule = (ms: number, run: () => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

type Mode = 'error' | 'drop' | 'ok';

async function startShopSystem(mode: Mode) {
  const attempts: { deliveryId: string; verified: boolean; mode: Mode }[] = [];
  const accepted: OrderWebhookPayload[] = [];
  const state = { mode };
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => request.headers[name] as string | undefined;
      const verified = verifyWebhook(secret, { timestamp: header('x-shopcast-timestamp'), signature: header('x-shopcast-signature') }, body, Date.now());
      attempts.push({ deliveryId: header('x-shopcast-delivery') ?? '', verified, mode: state.mode });
      if (state.mode === 'error') return void response.writeHead(500).end('down for maintenance');
      if (state.mode === 'drop') return void request.socket.destroy();
      const payload = orderWebhookPayloadSchema.parse(JSON.parse(body));
      // The receiver's side of exactly-once: a delivery id it has accepted before is acknowledged, not applied again.
      if (!accepted.some((seen) => seen.id === payload.id)) accepted.push(payload);
      response.writeHead(204).end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  cleanups.push(stop);
  return {
    url: `http://127.0.0.1:${port}/hooks/shopcast`,
    attempts,
    accepted,
    setMode: (next: Mode) => void (state.mode = next),
    stop,
    start: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
  };
}

/** The core's side: the order book, the desk and the feed, as createCore wires them. */
function openStudioSide(server: RoomServer, dir: string) {
  const desk = createFulfilmentDesk({
    book: openOrderBook(path.join(dir, 'orders.sqlite')),
    secrets: openSecretBox({ fs, keyPath: path.join(dir, 'secret.key'), log }),
    fetch,
    now: Date.now,
    schedule,
    random: Math.random,
    backoff: { firstMs: 20, capMs: 200 },
    timeoutMs: 2000,
    log,
    emit: () => {},
  });
  const feed = connectRoomFeed({
    url: `ws://127.0.0.1:${server.port}/rooms/shop/live`,
    token,
    actor: 'host',
    log,
    openSocket: (url) => new WebSocket(url) as unknown as RoomSocket,
    newClientId: randomUUID,
    schedule,
    now: Date.now,
    onRoomEvents: (events) => desk.record(events),
  });
  const close = () => {
    feed.close();
    desk.close();
  };
  cleanups.push(close);
  return { desk, feed, close };
}

describe('the order webhook', () => {
  it('delivers every order and status change once, in order, through 500s, dropped connections, a missing server and a studio restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orders-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { server } = await startRoom();
    const control = connect(server, 'studio');
    await control.welcome;
    await promote(control, null);
    // A viewer per buyer, as on a sale's phones (one viewer's orders are rate limited).
    const buy = async (buyerName: string, quantity = 1) => {
      const viewer = connect(server, 'viewer');
      await viewer.welcome;
      const ack = await viewer.client.send({ type: 'order', productId: 'p1', quantity, buyerName, contact: `${buyerName}@example.com` });
      if (!ack.ok) throw new Error(ack.message);
      await until(() => control.events.some((event) => event.kind === 'order' && event.order.buyerName === buyerName), `${buyerName}'s order`);
    };
    const orderIdOf = (buyerName: string) => {
      const event = control.events.find((candidate) => candidate.kind === 'order' && candidate.order.buyerName === buyerName);
      if (event?.kind !== 'order') throw new Error(`no order from ${buyerName}`);
      return event.order.id;
    };

    // Before the webhook is set up: in the book (and the CSV), never sent.
    await buy('Before');
    const shop = await startShopSystem('error');
    let studio = openStudioSide(server, dir);
    await until(() => studio.desk.csv().includes('Before'), 'the first order in the book');
    await studio.desk.saveWebhook({ url: shop.url, secret });

    for (const name of ['李娜', 'Bo', 'Cai']) await buy(name, 2);
    await control.client.send({ type: 'action', action: { kind: 'markOrder', orderId: orderIdOf('Bo'), status: 'handled' } });
    await control.client.send({ type: 'action', action: { kind: 'markOrder', orderId: orderIdOf('Cai'), status: 'cancelled' } });

    // 500s: the first delivery is retried (same id), nothing behind it overtakes it.
    await until(() => shop.attempts.length >= 3 && studio.desk.webhook().state === 'retrying' && studio.desk.webhook().waiting === 5, 'three refused attempts, five waiting');
    expect(new Set(shop.attempts.map((attempt) => attempt.deliveryId)).size).toBe(1);
    expect(studio.desk.webhook()).toMatchObject({ url: shop.url, hasSecret: true, lastError: 'HTTP 500 Internal Server Error', waiting: 5 });

    // Connections closed without an answer.
    shop.setMode('drop');
    const dropsFrom = shop.attempts.length;
    await until(() => shop.attempts.length >= dropsFrom + 2 && studio.desk.webhook().lastError === 'the connection was closed without an answer', 'two dropped attempts');

    // The studio stops; orders keep coming into the room meanwhile; the shop's server goes away.
    studio.close();
    await shop.stop();
    await buy('Dee');
    await buy('Eve', 3);
    studio = openStudioSide(server, dir);
    await until(() => studio.desk.webhook().waiting === 7 && studio.desk.webhook().lastError === 'connection refused', 'the restarted studio to find the shop unreachable');

    // The shop's system is back.
    shop.setMode('ok');
    await shop.start();
    await until(() => shop.accepted.length === 7 && studio.desk.webhook().waiting === 0, 'every delivery accepted', 20_000);

    const expected = [
      ['order.created', '李娜', 'new'],
      ['order.created', 'Bo', 'new'],
      ['order.created', 'Cai', 'new'],
      ['order.status_changed', 'Bo', 'handled'],
      ['order.status_changed', 'Cai', 'cancelled'],
      ['order.created', 'Dee', 'new'],
      ['order.created', 'Eve', 'new'],
    ];
    expect(shop.accepted.map((payload) => [payload.type, payload.order.buyer, payload.order.status])).toEqual(expected);
    expect(shop.accepted.map((payload) => payload.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(shop.accepted[3]?.previousStatus).toBe('new');
    expect(shop.accepted[0]?.order).toMatchObject({ product: 'Silk scarf', quantity: 2, unitPrice: '59.00', amount: '118.00', currency: 'CNY', contact: '李娜@example.com' });
    // Each delivery was accepted on its first successful attempt: no id came twice to an answering server.
    const answered = shop.attempts.filter((attempt) => attempt.mode === 'ok').map((attempt) => attempt.deliveryId);
    expect(new Set(answered).size).toBe(answered.length);
    expect(shop.attempts.every((attempt) => attempt.verified)).toBe(true);

    // Another restart replays the room's whole log: nothing is sent again, and the next order is number 8.
    studio.close();
    studio = openStudioSide(server, dir);
    await until(() => studio.feed.state().connection.state === 'open', 'the feed again');
    await buy('Fay');
    await until(() => shop.accepted.length === 8, 'the order after the restart');
    expect(shop.accepted.at(-1)).toMatchObject({ sequence: 8, order: { buyer: 'Fay' } });
    expect(shop.attempts.filter((attempt) => attempt.mode === 'ok')).toHaveLength(8);
    expect(studio.desk.csv().match(/\r\n/g)).toHaveLength(1 + 7);
  }, 60_000);
});
