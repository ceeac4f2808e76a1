import { runningRoomWatch } from '../../testing/roomWatch';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Catalogue, ProductInput } from '../../contract/schemas/catalogue.std';
import type { LiveLayers } from '../../contract/schemas/liveLayers.std';
import type { PanelState } from '../../contract/schemas/panel.std';
import { defaultLivePanelSettings } from '../../contract/schemas/settings.std';
import { createCore } from '../core/createCore.node';
import type { Sender } from '../kernel/dispatcher.std';
import { createLogger } from '../log/logger.std';
import { cleanups, connect, startRoom, token, until } from '../../testing/roomTestKit.node';
import { orderNumber } from '../../contract/orderNumber.std';
import { actorText } from './activityText.std';

// The core's panel actions against a real room server: products reach the room from the
// catalogue, the run-sheet steps along, the room's stock comes back into the catalogue, and
// every action is in the activity log with who did it.

const log = createLogger(() => {});
const host: Sender = { transport: 'ipc', id: 'studio', role: 'host', name: 'Host' };
const moderator: Sender = { transport: 'websocket', id: 'console-1', role: 'moderator', name: 'Lin', console: true };

const teapot: ProductInput = { name: 'Teapot', priceMinor: 19_900, listPriceMinor: 25_900, currency: 'CNY', stock: 2, photo: 'data:image/png;base64,iVBORw0KGgo=', variants: [] };
const scarf: ProductInput = { name: 'Silk scarf', priceMinor: 5900, listPriceMinor: null, currency: 'CNY', stock: null, photo: null, variants: [] };
const mug: ProductInput = { name: 'Mug', priceMinor: 3900, listPriceMinor: null, currency: 'CNY', stock: 10, photo: null, variants: [] };

async function studioWithRoom() {
  const { server, dir } = await startRoom();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'panel-actions-'));
  const core = await createCore({ dataDir, log, env: {}, requireModule: createRequire(__filename), room: runningRoomWatch(server.port, token) });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => core.close());
  const catalogueEvents: Catalogue[] = [];
  const layers: LiveLayers[] = [];
  core.events.subscribe((event, payload) => {
    if (event === 'catalogue') catalogueEvents.push(payload as Catalogue);
    if (event === 'liveLayers') layers.push(payload as LiveLayers);
  });
  const call = async <T,>(channel: string, payload: unknown, sender: Sender = host): Promise<T> => {
    const outcome = await core.dispatch(channel, payload, sender);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.value as T;
  };
  const refusal = async (channel: string, payload: unknown, sender: Sender = host) => {
    const outcome = await core.dispatch(channel, payload, sender);
    if (outcome.ok) throw new Error(`expected ${channel} to be refused`);
    return outcome.error;
  };
  let panel: PanelState | null = null;
  core.events.subscribe((event) => {
    if (event === 'panel') void call<PanelState>('getPanel', {}).then((state) => (panel = state));
  });
  const panelUntil = async (predicate: (state: PanelState) => boolean, what: string) => {
    await until(() => panel !== null && predicate(panel), what);
    return panel as unknown as PanelState;
  };
  await panelUntil((state) => state.connection.state === 'open', 'the panel to connect');
  const add = async (input: ProductInput) => (await call<Catalogue>('saveProduct', input)).products.at(-1)?.id ?? '';
  /** The room's own action log, from its database. */
  const roomActions = () => {
    const db = new Sqlite(path.join(dir, 'room.sqlite'), { readonly: true });
    try {
      return db.prepare<[], { actor: string; kind: string }>('SELECT actor, kind FROM actions ORDER BY seq').all();
    } finally {
      db.close();
    }
  };
  return { server, core, call, refusal, panelUntil, add, catalogueEvents, layers, roomActions };
}

describe('the core’s panel actions', () => {
  it('promotes along the run-sheet from the catalogue, with claim words, and says when it is finished', async () => {
    const studio = await studioWithRoom();
    expect(await studio.refusal('panelAction', { kind: 'promoteNext' })).toMatchObject({ code: 'failed', message: 'The run-sheet is empty: add products to it first.' });
    const [teapotId, scarfId, mugId] = [await studio.add(teapot), await studio.add(scarf), await studio.add(mug)];
    await studio.call('setRunSheet', { productIds: [scarfId, teapotId] });

    const watcher = connect(studio.server, 'viewer');
    await watcher.welcome;
    await studio.call('panelAction', { kind: 'promoteNext' });
    let state = await studio.panelUntil((panel) => panel.promotion?.product.id === scarfId, 'the scarf promoted');
    expect(state.promotion).toMatchObject({ product: { name: 'Silk scarf', priceMinor: 5900, stock: null }, claimKeywords: ['+1', 'SOLD', '要'], flashSale: null });

    const endsAt = Date.now() + 600_000;
    await studio.call('panelAction', { kind: 'promoteNext', flashSale: { priceMinor: 9900, endsAt } }, moderator);
    state = await studio.panelUntil((panel) => panel.promotion?.product.id === teapotId, 'the teapot promoted');
    // The room got the product as the catalogue has it: price, list price, stock and photo (stored by the room, sent by its address).
    const photoHash = createHash('sha256').update(Buffer.from((teapot.photo ?? '').split(',')[1] ?? '', 'base64')).digest('hex');
    expect(state.promotion?.product).toEqual({ id: teapotId, name: 'Teapot', priceMinor: 19_900, listPriceMinor: 25_900, currency: 'CNY', stock: 2, photo: `/rooms/shop/photos/${photoHash}.png`, variants: [] });
    expect(state.promotion?.flashSale).toEqual({ priceMinor: 9900, endsAt });
    await until(() => watcher.events.some((event) => event.kind === 'products' && event.products.some((product) => product.id === teapotId)), 'the viewer to get the product');

    expect(await studio.refusal('panelAction', { kind: 'promoteNext' })).toMatchObject({ message: expect.stringMatching(/^The run-sheet is finished/) as string });
    // A product off the run-sheet, by hand; Next then starts the run-sheet again.
    await studio.call('panelAction', { kind: 'promoteProduct', productId: mugId });
    await studio.panelUntil((panel) => panel.promotion?.product.id === mugId, 'the mug promoted');
    await studio.call('panelAction', { kind: 'endPromotion' });
    await studio.call('panelAction', { kind: 'promoteNext' });
    state = await studio.panelUntil((panel) => panel.promotion?.product.id === scarfId, 'the scarf again');

    // The room's log names who acted for the one studio connection: the upsert and the promotion each.
    expect(studio.roomActions().slice(0, 4)).toEqual([
      { actor: 'Host', kind: 'upsertProducts' },
      { actor: 'Host', kind: 'promoteProduct' },
      { actor: 'Lin (moderator)', kind: 'upsertProducts' },
      { actor: 'Lin (moderator)', kind: 'promoteProduct' },
    ]);
    expect(await studio.refusal('panelAction', { kind: 'promoteProduct', productId: 'gone' })).toMatchObject({ message: expect.stringMatching(/not in the catalogue/) as string });
    const time = new Date(endsAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    expect(state.activity.map((entry) => `${entry.actor} ${entry.text}`)).toEqual([
      'Host promoted Silk scarf',
      `Lin (moderator) promoted Teapot (flash sale ¥99.00 until ${time})`,
      'Host promoted Mug',
      'Host ended the promotion of Mug',
      'Host promoted Silk scarf',
    ]);
  });

  it('promotes without claim words when claims are off, and the room’s stock comes back into the catalogue', async () => {
    const studio = await studioWithRoom();
    const teapotId = await studio.add(teapot);
    const settings = await studio.call<{ livePanel: typeof defaultLivePanelSettings }>('getSettings', {});
    await studio.call('updateSettings', { livePanel: { ...settings.livePanel, claimsEnabled: false, purchaseToast: false } });
    await studio.call('panelAction', { kind: 'promoteProduct', productId: teapotId });
    await studio.panelUntil((panel) => panel.promotion?.product.id === teapotId, 'the teapot promoted');
    expect((await studio.call<PanelState>('getPanel', {})).promotion?.claimKeywords).toEqual([]);

    const buyer = connect(studio.server, 'viewer');
    await buyer.welcome;
    expect(await buyer.client.send({ type: 'order', productId: teapotId, quantity: 2, buyerName: 'Ana', contact: '123' })).toMatchObject({ ok: true });
    await until(() => studio.catalogueEvents.some((catalogue) => catalogue.products[0]?.stock === 0), 'the catalogue to show none left');
    expect((await studio.call<Catalogue>('getCatalogue', {})).products[0]?.stock).toBe(0);
    let state = await studio.panelUntil((panel) => panel.orders.length === 1, 'the order in the panel');
    expect(state.totals).toMatchObject({ orders: 1, units: 2 });

    // The merchant restocks in the catalogue: the room takes the new figure, and counts down from it.
    await studio.call('saveProduct', { ...teapot, id: teapotId, stock: 20 });
    await studio.panelUntil((panel) => panel.promotion?.product.stock === 20, 'the room to take the new stock');
    expect(await buyer.client.send({ type: 'order', productId: teapotId, quantity: 1, buyerName: 'Bo', contact: '456' })).toMatchObject({ ok: true });
    await until(() => studio.catalogueEvents.at(-1)?.products[0]?.stock === 19, 'the catalogue to count down from 20');

    // Marked handled by a moderator: the log names them and the order.
    state = await studio.panelUntil((panel) => panel.orders.length === 2, 'the second order in the panel');
    // The purchase toast is off in the settings: the orders are in the panel, not on the stream.
    expect(studio.layers.some((layers) => layers.purchaseToast !== null)).toBe(false);
    const orderId = state.orders[0]?.id ?? '';
    await studio.call('panelAction', { kind: 'markOrder', orderId, status: 'handled' }, moderator);
    const logged = await studio.panelUntil((panel) => panel.activity.length === 2, 'the activity line');
    expect(logged.activity[1]).toMatchObject({ actor: 'Lin (moderator)', text: `marked order ${orderNumber(orderId)} (Ana, Teapot ×2) handled` });
  });

  it('words pins, hides, bans and replies with the names the panel knows', async () => {
    const studio = await studioWithRoom();
    const viewer = connect(studio.server, 'viewer');
    await viewer.welcome;
    const sent = await viewer.client.send({ type: 'comment', name: 'Bob', text: 'Is it real silk?' });
    if (!sent.ok || !sent.id) throw new Error('expected a comment id');
    const commentId = sent.id;
    const state = await studio.panelUntil((panel) => panel.comments.length === 1, 'the comment');
    const viewerId = state.comments[0]?.viewerId ?? '';
    await studio.call('panelAction', { kind: 'pinComment', commentId });
    await studio.call('panelAction', { kind: 'reply', commentId, text: 'Yes,\n100% mulberry silk.' }, moderator);
    // The words come from what the panel has seen: the pin, once the room's event is in.
    await studio.panelUntil((panel) => panel.pinned?.id === commentId, 'the pin');
    await studio.call('panelAction', { kind: 'unpinComment' });
    await studio.call('panelAction', { kind: 'hideComment', commentId });
    await studio.call('panelAction', { kind: 'banViewer', viewerId });
    const logged = await studio.panelUntil((panel) => panel.activity.length === 5, 'five activity lines');
    expect(logged.activity.map((entry) => `${entry.actor} ${entry.text}`)).toEqual([
      "Host pinned Bob's comment",
      'Lin (moderator) replied to Bob: “Yes, 100% mulberry silk.”',
      "Host unpinned Bob's comment",
      'Host hid a comment by Bob',
      'Host banned Bob',
    ]);
    // A refused action is not in the log.
    expect(await studio.refusal('panelAction', { kind: 'pinComment', commentId: 'no-such-comment' })).toMatchObject({ code: 'failed' });
    expect((await studio.call<PanelState>('getPanel', {})).activity).toHaveLength(5);
  });

  it('sends a CSV restock of a product the room has to the room, so its card shows the new stock', async () => {
    const studio = await studioWithRoom();
    const mugId = await studio.add(mug);
    await studio.call('panelAction', { kind: 'promoteProduct', productId: mugId });
    await studio.panelUntil((state) => state.promotion?.product.stock === 10, 'the mug promoted with 10 left');
    const result = await studio.call<{ updated: number }>('importProductsCsv', { csv: `id,name,price,stock\n${mugId},Mug,39,25\n` });
    expect(result.updated).toBe(1);
    await studio.panelUntil((state) => state.promotion?.product.stock === 25, 'the room to have the restocked mug');
  });

  it('names the actor as the room’s action log can take it', () => {
    expect(actorText({ name: 'Host', role: 'host' })).toBe('Host');
    expect(actorText({ name: 'Ana', role: 'host' })).toBe('Ana (host)');
    expect(actorText({ name: 'Lin', role: 'moderator' })).toBe('Lin (moderator)');
    expect([...actorText({ name: '🌸'.repeat(40), role: 'moderator' })].length).toBeLessThanOrEqual(52);
  });
});
