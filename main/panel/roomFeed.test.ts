import { runningRoomWatch } from '../../testing/roomWatch';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import type { RoomSocket } from '../../contract/room/roomClient.std';
import { ROOM_PHOTO_PATH } from '../../contract/room/roomMessages.std';
import type { LiveLayers } from '../../contract/schemas/liveLayers.std';
import { applyPanelEvent, type PanelEvent, type PanelState } from '../../contract/schemas/panel.std';
import { createCore } from '../core/createCore.node';
import type { Sender } from '../kernel/dispatcher.std';
import { createEventHub } from '../kernel/eventHub.std';
import { createLiveLayersState } from '../liveLayers/liveLayersState.std';
import { createLogger } from '../log/logger.std';
import type { RoomServer } from '../room/roomServer.node';
import { cleanups, connect, product, startRoom, token, until } from '../../testing/roomTestKit.node';
import { connectRoomFeed, RoomRefusedError } from './roomFeed.node';

// The feed against a real room server (real ws, real SQLite): what the panel and the live
// layers show is what the room did, once each, across a restart of the room.

const log = createLogger(() => {});
const schedule = (ms: number, run: () => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};
const urlOf = (server: RoomServer) => `ws://127.0.0.1:${server.port}/rooms/shop/live`;

function openFeed(server: RoomServer, photoOf?: (productId: string) => string | null) {
  const hub = createEventHub((error) => {
    throw error;
  });
  const layers = createLiveLayersState(hub, (ms, run) => setTimeout(run, ms).unref());
  const layerHistory: LiveLayers[] = [];
  const panelEvents: PanelEvent[] = [];
  const feed = connectRoomFeed({
    url: urlOf(server),
    token,
    actor: 'host',
    log,
    openSocket: (url) => new WebSocket(url) as unknown as RoomSocket,
    newClientId: randomUUID,
    schedule,
    now: Date.now,
    layers,
    ...(photoOf ? { photoOf } : {}),
    onEvent: (event) => hub.emit('panel', event),
  });
  // The renderer's copy: the state once, then only events.
  let mirror: PanelState = feed.state();
  hub.subscribe((event, payload) => {
    if (event === 'liveLayers') layerHistory.push(payload as LiveLayers);
    if (event === 'panel') {
      panelEvents.push(payload as PanelEvent);
      mirror = applyPanelEvent(mirror, payload as PanelEvent);
    }
  });
  cleanups.push(() => feed.close());
  const open = () => until(() => feed.state().connection.state === 'open', 'the feed to be connected');
  const mirrored = () => until(() => JSON.stringify(mirror) === JSON.stringify(feed.state()), 'the panel events to catch up');
  return { feed, layers, layerHistory, panelEvents, open, mirrored, mirror: () => mirror };
}

const texts = (state: PanelState) => state.comments.map((comment) => comment.text);

describe('the room feed', () => {
  it('draws the promoted product’s picture from the studio’s catalogue: the room sends only the photo’s address', async () => {
    const { server } = await startRoom();
    const photo = `data:image/png;base64,${Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64')}`;
    const panel = openFeed(server, (productId) => (productId === 'p1' ? photo : null));
    await panel.open();
    await panel.feed.act({ kind: 'upsertProducts', products: [{ ...product(5), photo }] });
    await panel.feed.act({ kind: 'promoteProduct', productId: 'p1' });
    await until(() => panel.layers.get().nowExplaining !== null, 'the product card');
    expect(panel.feed.state().promotion?.product.photo).toMatch(ROOM_PHOTO_PATH);
    expect(panel.layers.get().nowExplaining?.photo).toBe(photo);
  });

  it('shows each comment and order once, in order, with the show’s totals, and a late studio gets the whole show', async () => {
    const { server } = await startRoom();
    const panel = openFeed(server);
    await panel.open();
    await panel.feed.act({ kind: 'upsertProducts', products: [product(10)] });
    await panel.feed.act({ kind: 'promoteProduct', productId: 'p1' });
    const viewer = connect(server, 'viewer');
    await viewer.welcome;
    for (let i = 0; i < 3; i += 1) expect(await viewer.client.send({ type: 'comment', name: 'Ana', text: `hello ${i}` })).toMatchObject({ ok: true });
    const first = await viewer.client.send({ type: 'order', productId: 'p1', quantity: 2, buyerName: 'Ana Lima', contact: '123' });
    await viewer.client.send({ type: 'order', productId: 'p1', quantity: 1, buyerName: 'Bo', note: 'red' });
    await until(() => panel.feed.state().orders.length === 2 && panel.feed.state().comments.length === 3, 'three comments and two orders');

    const state = panel.feed.state();
    expect(texts(state)).toEqual(['hello 0', 'hello 1', 'hello 2']);
    expect(state.orders.map((order) => [order.buyerName, order.quantity, order.amountMinor])).toEqual([
      ['Ana Lima', 2, 11_800],
      ['Bo', 1, 5900],
    ]);
    expect(state.totals).toEqual({
      orders: 2,
      units: 3,
      gmv: [{ currency: 'CNY', amountMinor: 17_700 }],
      newOrders: 2,
      waitlisted: 0,
      byProduct: [{ productId: 'p1', productName: 'Silk scarf', orders: 2, units: 3, gmv: [{ currency: 'CNY', amountMinor: 17_700 }] }],
    });

    // A cancelled order gives its units and money back, in the window and the totals.
    if (!first.ok || !first.id) throw new Error('expected an order id');
    await panel.feed.act({ kind: 'markOrder', orderId: first.id, status: 'cancelled' });
    await until(() => panel.feed.state().totals.orders === 1, 'the cancellation');
    expect(panel.feed.state().totals).toMatchObject({ orders: 1, units: 1, gmv: [{ currency: 'CNY', amountMinor: 5900 }], newOrders: 1 });
    expect(panel.feed.state().orders[0]?.status).toBe('cancelled');
    await panel.mirrored();

    // A studio that connects later replays the show from seq 0: same windows, same totals,
    // and no purchase toast for orders that are history.
    const late = openFeed(server);
    await until(() => late.feed.state().lastSeq === panel.feed.state().lastSeq, 'the late feed to catch up');
    // (The audience count is sent at most once a second, so the two may differ for a moment.)
    const { connection: _lateConnection, clockOffsetMs: _lateOffset, viewerCount: _lateViewers, ...lateState } = late.feed.state();
    const { connection: _connection, clockOffsetMs: _offset, viewerCount: _viewers, ...earlyState } = panel.feed.state();
    expect(lateState).toEqual(earlyState);
    expect(late.layerHistory.some((layers) => layers.purchaseToast !== null)).toBe(false);
    expect(late.layers.get().nowExplaining?.name).toBe('Silk scarf');
  });

  it('promotes with a flash sale: the card and the sale are on the stream, an order takes stock ("N left") and shows a toast without the full name', async () => {
    const { server } = await startRoom();
    const panel = openFeed(server);
    await panel.open();
    const endsAt = Date.now() + 600_000;
    await panel.feed.act({ kind: 'upsertProducts', products: [product(5)] });
    const promoted = await panel.feed.act({ kind: 'promoteProduct', productId: 'p1', flashSale: { priceMinor: 3900, endsAt } });
    expect(promoted).toEqual({ ok: true, seq: expect.any(Number) as number });
    await until(() => panel.layers.get().flashSale !== null, 'the flash sale layer');
    expect(panel.layers.get()).toMatchObject({
      nowExplaining: { id: 'p1', name: 'Silk scarf', priceMinor: 5900, listPriceMinor: 9900, currency: 'CNY', stock: 5, photo: null },
      flashSale: { priceMinor: 3900, endsAt },
    });

    const buyer = connect(server, 'viewer');
    await buyer.welcome;
    expect(await buyer.client.send({ type: 'order', productId: 'p1', quantity: 2, buyerName: 'Lily Chen', contact: '13800000000' })).toMatchObject({ ok: true });
    await until(() => panel.layers.get().nowExplaining?.stock === 3, 'the card to show 3 left');
    await until(() => panel.layers.get().purchaseToast !== null, 'the purchase toast');
    const toast = panel.layers.get().purchaseToast;
    expect(toast?.text).toBe('Li*** bought 2');
    expect(toast?.text).not.toContain('Lily');
    expect(panel.feed.state().promotion?.product.stock).toBe(3);
    expect(panel.feed.state().orders[0]).toMatchObject({ unitPriceMinor: 3900, amountMinor: 7800 });

    await panel.feed.act({ kind: 'endPromotion' });
    await until(() => panel.layers.get().nowExplaining === null, 'the card to leave');
    expect(panel.layers.get().flashSale).toBeNull();
    await panel.mirrored();
  });

  it('reconnects after the room restarts on the same port and resumes without duplicates', async () => {
    const first = await startRoom();
    const port = first.server.port;
    const panel = openFeed(first.server);
    await panel.open();
    const viewer = connect(first.server, 'viewer');
    await viewer.welcome;
    await viewer.client.send({ type: 'comment', name: 'Ana', text: 'before 1' });
    await viewer.client.send({ type: 'comment', name: 'Ana', text: 'before 2' });
    await until(() => panel.feed.state().comments.length === 2, 'the comments before the restart');
    const seqBefore = panel.feed.state().lastSeq;

    await first.close();
    await until(() => panel.feed.state().connection.state !== 'open', 'the feed to see the room go');
    expect(panel.feed.state().connection.message).toMatch(/reconnecting/);
    await expect(panel.feed.act({ kind: 'unpinComment' })).rejects.toThrow(/not connected/);

    const second = await startRoom({}, Date.now, { port }, first.dir);
    await panel.open();
    const again = connect(second.server, 'viewer');
    await again.welcome;
    await again.client.send({ type: 'comment', name: 'Bo', text: 'after' });
    await until(() => panel.feed.state().comments.length === 3, 'the comment after the restart');
    const state = panel.feed.state();
    expect(texts(state)).toEqual(['before 1', 'before 2', 'after']);
    expect(state.lastSeq).toBeGreaterThan(seqBefore);
    expect(new Set(state.comments.map((comment) => comment.seq)).size).toBe(3);
    await panel.mirrored();
    expect(texts(panel.mirror())).toEqual(['before 1', 'before 2', 'after']);
  });

  it('refuses an action the room refuses, with the room’s reason', async () => {
    const { server } = await startRoom();
    const panel = openFeed(server);
    await panel.open();
    const refusal = await panel.feed.act({ kind: 'pinComment', commentId: 'no-such-comment' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RoomRefusedError);
    expect(refusal).toMatchObject({ code: 'not-found' });
    expect((refusal as Error).message.length).toBeGreaterThan(5);
    expect(panel.layers.get().pinnedComment).toBeNull();
  });

  it('puts a pin on the picture as it is asked for, before the room answers, and the room’s event keeps it there', async () => {
    const { server } = await startRoom();
    const panel = openFeed(server);
    await panel.open();
    const viewer = connect(server, 'viewer');
    await viewer.welcome;
    await viewer.client.send({ type: 'comment', name: 'Ana', text: 'Does it come in red?' });
    await until(() => panel.feed.state().comments.length === 1, 'the comment in the panel');
    const comment = panel.feed.state().comments[0];
    const pinned = panel.feed.act({ kind: 'pinComment', commentId: comment?.id ?? '' });
    // Synchronously: no round trip to the room has happened yet.
    expect(panel.layers.get().pinnedComment).toMatchObject({ id: comment?.id, author: 'Ana', text: 'Does it come in red?' });
    await pinned;
    await until(() => panel.feed.state().pinned?.id === comment?.id, 'the room’s pinned event');
    expect(panel.layers.get().pinnedComment?.id).toBe(comment?.id);
    const unpinned = panel.feed.act({ kind: 'unpinComment' });
    expect(panel.layers.get().pinnedComment).toBeNull();
    await unpinned;
  });
});

describe('the panel in the core', () => {
  const sender: Sender = { transport: 'websocket', id: 'test', role: 'host', name: 'Host' };

  async function core(roomPort?: number) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'panel-core-'));
    const created = await createCore({ dataDir, log, env: {}, requireModule: createRequire(__filename), ...(roomPort === undefined ? {} : { room: runningRoomWatch(roomPort, token) }) });
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => created.close());
    return created;
  }

  it('pins through panelAction: the room says pinned and the pinned-comment layer shows it; a refusal comes back as failed', async () => {
    const { server } = await startRoom();
    const studio = await core(server.port);
    const layers: LiveLayers[] = [];
    studio.events.subscribe((event, payload) => {
      if (event === 'liveLayers') layers.push(payload as LiveLayers);
    });
    const panel = async () => {
      const outcome = await studio.dispatch('getPanel', {}, sender);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as PanelState;
    };
    const viewer = connect(server, 'viewer');
    await viewer.welcome;
    const comment = await viewer.client.send({ type: 'comment', name: '🌸'.repeat(40), text: 'Is the scarf silk?' });
    if (!comment.ok || !comment.id) throw new Error('expected a comment id');
    const pollPanel = async (predicate: (state: PanelState) => boolean, what: string) => {
      const started = Date.now();
      for (;;) {
        const current = await panel();
        if (predicate(current)) return current;
        if (Date.now() - started > 10_000) throw new Error(`Timed out waiting for ${what}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await pollPanel((state) => state.comments.length === 1, 'the comment in the panel');

    expect(await studio.dispatch('panelAction', { kind: 'pinComment', commentId: comment.id }, sender)).toEqual({ ok: true, value: { ok: true, seq: expect.any(Number) as number } });
    await until(() => layers.some((entry) => entry.pinnedComment?.id === comment.id), 'the pinned-comment layer');
    const pinned = layers.at(-1)?.pinnedComment;
    expect(pinned?.text).toBe('Is the scarf silk?');
    // 40 emoji are 80 UTF-16 units: fitted to the layer, not refused by it.
    expect(pinned?.author.length).toBeLessThanOrEqual(40);
    expect(pinned?.author.startsWith('🌸')).toBe(true);
    expect(await studio.dispatch('getLiveLayers', {}, sender)).toMatchObject({ ok: true });
    await pollPanel((state) => state.pinned?.id === comment.id, 'the pin in the panel');

    expect(await studio.dispatch('panelAction', { kind: 'pinComment', commentId: 'no-such-comment' }, sender)).toEqual({
      ok: false,
      error: { code: 'failed', channel: 'panelAction', message: expect.any(String) as string },
    });
    expect(await studio.dispatch('panelAction', { kind: 'launchRockets' }, sender)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('says the room is not connected when the core has no room to follow', async () => {
    const studio = await core();
    const outcome = await studio.dispatch('getPanel', {}, sender);
    expect(outcome).toMatchObject({ ok: true, value: { connection: { state: 'off', message: expect.stringMatching(/live room/) as string }, comments: [], orders: [] } });
    expect(await studio.dispatch('panelAction', { kind: 'unpinComment' }, sender)).toMatchObject({ ok: false, error: { code: 'failed' } });
  });
});
