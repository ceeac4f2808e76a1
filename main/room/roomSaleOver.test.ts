import { describe, expect, it } from 'vitest';
import type { RoomEvent } from '../../contract/room/roomEvents.std';
import { SALE_OVER_REPLY } from './claimRefusal.std';
import { connect, product, startRoom, until } from '../../testing/roomTestKit.node';

// Issue 14: a claim in the comments after the flash sale ended was taken at full price while the
// Buy sheet refused `sale-over` for the same product. One rule now decides both.

const orders = (events: readonly RoomEvent[]) => events.filter((event) => event.kind === 'order');

describe('a flash sale that has ended', () => {
  it('refuses a claim in the comments as the Buy sheet refuses an order: no order, and the claimant is answered', async () => {
    let clock = 1_800_000_000_000;
    const { server } = await startRoom({}, () => clock);
    const studio = connect(server, 'studio');
    await studio.welcome;
    expect(await studio.client.send({ type: 'action', action: { kind: 'upsertProducts', products: [product(5)] } })).toMatchObject({ ok: true });
    const flashSale = { priceMinor: 1990, endsAt: clock + 60_000 };
    expect(await studio.client.send({ type: 'action', action: { kind: 'promoteProduct', productId: 'p1', claimKeywords: ['+1'], flashSale } })).toMatchObject({ ok: true });
    const viewer = connect(server, 'viewer');
    await viewer.welcome;

    clock = flashSale.endsAt;
    const buy = await viewer.client.send({ type: 'order', productId: 'p1', quantity: 1, buyerName: 'Ana', contact: '555' });
    expect(buy).toMatchObject({ ok: false, code: 'sale-over' });
    const claim = await viewer.client.send({ type: 'comment', name: 'Ana', text: '+1' });
    expect(claim).toMatchObject({ ok: true });
    const commentId = claim.ok ? claim.id : null;

    await until(() => viewer.events.some((event) => event.kind === 'reply' && event.commentId === commentId), 'the room’s answer to the claim');
    const reply = viewer.events.find((event) => event.kind === 'reply' && event.commentId === commentId);
    expect(reply).toMatchObject({ kind: 'reply', text: SALE_OVER_REPLY });
    await until(() => studio.events.some((event) => event.kind === 'reply'), 'the answer at the studio');
    expect(orders(studio.events)).toEqual([]);
    expect(studio.events.some((event) => event.kind === 'stock')).toBe(false);
  });
});
