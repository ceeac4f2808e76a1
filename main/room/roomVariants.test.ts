import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AckFrame, RoomEvent, RoomOrder } from '../../contract/room/roomEvents.std';
import { teeWithSizes } from '../../testing/roomProducts';
import { connect, startRoom, until, type Connected } from '../../testing/roomTestKit.node';

// Variants (sizes, colours) against the real room server: each variant's units are taken by the
// guarded UPDATE the Buy sheet and claims share, so a rush on one size sells exactly its stock
// and leaves the others alone; its waitlist moves up on its own; stock events name the variant.


async function promoteTee(studio: Connected, sizes: Record<string, number | null>, claimKeywords: string[] = []) {
  expect(await studio.client.send({ type: 'action', action: { kind: 'upsertProducts', products: [teeWithSizes(sizes)] } })).toMatchObject({ ok: true });
  expect(await studio.client.send({ type: 'action', action: { kind: 'promoteProduct', productId: 'tee', claimKeywords } })).toMatchObject({ ok: true });
}

const orders = (events: readonly RoomEvent[]): RoomOrder[] => events.flatMap((e) => (e.kind === 'order' ? [e.order] : []));
const statuses = (events: readonly RoomEvent[]) => events.flatMap((e) => (e.kind === 'orderStatus' ? [{ orderId: e.orderId, status: e.status }] : []));
const stockEvents = (events: readonly RoomEvent[]) => events.flatMap((e) => (e.kind === 'stock' ? [{ left: e.left, variant: e.variant }] : []));

function storedStock(dir: string) {
  const db = new Sqlite(path.join(dir, 'room.sqlite'), { readonly: true });
  try {
    const variants = Object.fromEntries(db.prepare<[], { id: string; stock: number | null }>("SELECT id, stock FROM variants WHERE product_id = 'tee' ORDER BY id").all().map((row) => [row.id, row.stock]));
    const product = db.prepare<[], { stock: number | null }>("SELECT stock FROM products WHERE id = 'tee'").get()?.stock;
    return { product, variants };
  } finally {
    db.close();
  }
}

describe('variants in the live room', () => {
  it('sells exactly 20 of L in 300 concurrent attempts, leaving S and M untouched', async () => {
    const { server, dir } = await startRoom({
      socketsPerAddress: 1000,
      orderPerAddress: { rate: 100_000, burst: 100_000 },
      commentPerAddress: { rate: 100_000, burst: 100_000 },
      messagePerSocket: { rate: 100, burst: 100 },
    });
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promoteTee(studio, { S: 5, M: 7, L: 20 }, ['要']);
    expect(storedStock(dir)).toEqual({ product: 32, variants: { 'tee-l': 20, 'tee-m': 7, 'tee-s': 5 } });
    const buyers = Array.from({ length: 150 }, () => connect(server, 'viewer'));
    await Promise.all(buyers.map((buyer) => buyer.welcome));
    // Each buyer tries the Buy sheet once and claims "要 L" once, all at the same time.
    const attempts = buyers.flatMap((buyer, b) => [
      buyer.client.send({ type: 'order', productId: 'tee', variantId: 'tee-l', quantity: 1, buyerName: `Buyer ${b}`, contact: '13800000000' }),
      buyer.client.send({ type: 'comment', name: `Buyer ${b}`, text: '要 L' }),
    ]);
    const acks = await Promise.all(attempts);
    const bought = acks.filter((ack, index) => index % 2 === 0 && ack.ok);
    const refused = acks.filter((ack, index): ack is Extract<AckFrame, { ok: false }> => index % 2 === 0 && !ack.ok);
    expect(acks.filter((ack, index) => index % 2 === 1).every((ack) => ack.ok)).toBe(true);

    await until(() => orders(studio.events).length === bought.length + 150, 'every order and claim at the studio');
    const taken = orders(studio.events).filter((order) => order.status === 'new');
    expect(taken).toHaveLength(20);
    expect(taken.every((order) => order.variantId === 'tee-l' && order.variantLabel === 'L')).toBe(true);
    expect(orders(studio.events).filter((order) => order.status === 'waitlisted')).toHaveLength(150 - (20 - bought.length));
    expect(new Set(refused.map((ack) => ack.code))).toEqual(new Set(['out-of-stock']));
    expect(refused[0]?.message).toMatch(/^L: Sold out/);
    expect(storedStock(dir)).toEqual({ product: 12, variants: { 'tee-l': 0, 'tee-m': 7, 'tee-s': 5 } });
    const changes = stockEvents(studio.events);
    expect(changes).toHaveLength(20);
    expect(changes.every((change) => change.variant?.id === 'tee-l')).toBe(true);
    expect(changes.at(-1)).toEqual({ left: 12, variant: { id: 'tee-l', left: 0 } });
  }, 60_000);

  it('moves the oldest L claim up when an L order is cancelled, never an M one, and asks a claim naming no size which', async () => {
    const { server, dir } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promoteTee(studio, { M: 0, L: 1 }, ['要', '+1']);
    const [ana, bo, cy, di] = [connect(server, 'viewer'), connect(server, 'viewer'), connect(server, 'viewer'), connect(server, 'viewer')];
    await Promise.all([ana.welcome, bo.welcome, cy.welcome, di.welcome]);
    expect(await ana.client.send({ type: 'comment', name: 'Ana', text: '要L' })).toMatchObject({ ok: true });
    expect(await bo.client.send({ type: 'comment', name: 'Bo', text: '+1 M' })).toMatchObject({ ok: true });
    expect(await cy.client.send({ type: 'comment', name: 'Cy', text: 'l 2' })).toMatchObject({ ok: true });
    expect(await di.client.send({ type: 'comment', name: 'Di', text: 'L' })).toMatchObject({ ok: true });
    await until(() => orders(studio.events).length === 4, 'four claims');
    const [anaL, boM, cyL, diL] = orders(studio.events);
    expect(anaL).toMatchObject({ status: 'new', variantLabel: 'L', quantity: 1 });
    expect(boM).toMatchObject({ status: 'waitlisted', variantLabel: 'M' });
    expect(cyL).toMatchObject({ status: 'waitlisted', variantLabel: 'L', quantity: 2 });
    expect(diL).toMatchObject({ status: 'waitlisted', variantLabel: 'L', quantity: 1 });

    // Ana's L comes back: Cy's claim of 2 does not fit in 1, so Di's moves up; Bo's M stays waiting.
    expect(await studio.client.send({ type: 'action', action: { kind: 'markOrder', orderId: anaL?.id ?? '', status: 'cancelled' } })).toMatchObject({ ok: true });
    await until(() => statuses(studio.events).length === 2, 'the cancellation and the move-up');
    expect(statuses(studio.events)).toEqual([
      { orderId: anaL?.id, status: 'cancelled' },
      { orderId: diL?.id, status: 'new' },
    ]);
    expect(storedStock(dir)).toEqual({ product: 0, variants: { 'tee-l': 0, 'tee-m': 0 } });

    // A claim word with no size takes nothing and waits; naming a size replaces it.
    expect(await bo.client.send({ type: 'comment', name: 'Bo', text: '要' })).toMatchObject({ ok: true });
    await until(() => orders(studio.events).length === 5, 'the claim naming no size');
    const unnamed = orders(studio.events)[4];
    expect(unnamed).toMatchObject({ status: 'waitlisted', variantId: null, variantLabel: null });
    await until(() => orders(bo.events).some((order) => order.id === unnamed?.id), 'the unnamed claim on Bo’s page');
    expect(orders(bo.events).at(-1)).toMatchObject({ id: unnamed?.id, variantId: null });
    expect(await studio.client.send({ type: 'action', action: { kind: 'upsertProducts', products: [teeWithSizes({ M: 3, L: 0 })] } })).toMatchObject({ ok: true });
    await until(() => statuses(studio.events).some((s) => s.orderId === boM?.id && s.status === 'new'), 'Bo’s M claim moved up by the restock');
    expect(statuses(studio.events).some((s) => s.orderId === unnamed?.id)).toBe(false);
    expect(await bo.client.send({ type: 'comment', name: 'Bo', text: '要 M' })).toMatchObject({ ok: true });
    await until(() => statuses(studio.events).some((s) => s.orderId === unnamed?.id && s.status === 'cancelled'), 'the unnamed claim replaced');
    expect(orders(studio.events).at(-1)).toMatchObject({ buyerName: 'Bo', status: 'new', variantLabel: 'M' });
    expect(storedStock(dir)).toEqual({ product: 1, variants: { 'tee-l': 0, 'tee-m': 1 } });
  });

  it('asks the Buy sheet for a variant of a product that has them, and refuses one for a product without', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promoteTee(studio, { S: 1, L: 3 });
    const buyer = connect(server, 'viewer');
    await buyer.welcome;
    const order = { type: 'order' as const, productId: 'tee', quantity: 2, buyerName: 'Li', contact: '123' };
    expect(await buyer.client.send(order)).toMatchObject({ ok: false, code: 'invalid', message: 'Choose one: S, L.' });
    expect(await buyer.client.send({ ...order, variantId: 'tee-xxl' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await buyer.client.send({ ...order, variantId: 'tee-s' })).toMatchObject({ ok: false, code: 'out-of-stock', message: 'S: Only 1 left: lower the quantity.' });
    expect(await buyer.client.send({ ...order, variantId: 'tee-l' })).toMatchObject({ ok: true });
    await until(() => stockEvents(studio.events).length === 1, 'the stock event');
    expect(stockEvents(studio.events)).toEqual([{ left: 2, variant: { id: 'tee-l', left: 1 } }]);
    const welcome = await connect(server, 'viewer').welcome;
    expect(welcome.snapshot.promotion?.product).toMatchObject({ stock: 2, variants: [{ label: 'S', stock: 1 }, { label: 'L', stock: 1 }] });

    expect(await studio.client.send({ type: 'action', action: { kind: 'upsertProducts', products: [{ ...teeWithSizes({}), variants: [], stock: 5 }] } })).toMatchObject({ ok: true });
    // Another buyer: the first has used up a viewer's order rate.
    const next = connect(server, 'viewer');
    await next.welcome;
    expect(await next.client.send({ ...order, variantId: 'tee-l' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await next.client.send(order)).toMatchObject({ ok: true });
  });
});
