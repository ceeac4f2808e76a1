import { describe, expect, it } from 'vitest';
import { connect, promote, startRoom, until } from '../../testing/roomTestKit.node';

// A show's end in the real room server (SQLite on a temporary file): viewers hear it, Buy follows
// the merchant's choice on the room's clock, the end survives a restart, and a new show clears it.

const order = { type: 'order' as const, productId: 'p1', quantity: 1, buyerName: 'Li', contact: '123' };
const endShow = (buyGraceMinutes: number) => ({ type: 'action' as const, action: { kind: 'endShow' as const, buyGraceMinutes } });

describe('the end of a show', () => {
  it('keeps Buy open through the grace, refuses orders and claims after it, and tells viewers the show ended', async () => {
    let clock = 1_000_000;
    const { server } = await startRoom({}, () => clock);
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promote(studio, 10);
    const viewer = connect(server, 'viewer');
    await viewer.welcome;

    expect(await studio.client.send(endShow(10))).toMatchObject({ ok: true });
    await until(() => viewer.events.some((e) => e.kind === 'show'), 'the end at the viewer');
    expect(viewer.events.find((e) => e.kind === 'show')).toMatchObject({ ended: { endedAt: 1_000_000, buyUntil: 1_000_000 + 600_000 } });

    clock += 599_999;
    expect(await viewer.client.send(order)).toMatchObject({ ok: true });

    clock += 1;
    expect(await viewer.client.send(order)).toMatchObject({ ok: false, code: 'show-ended', message: expect.stringMatching(/show has ended/) });
    // A late arrival learns it from the welcome, not from history.
    const late = connect(server, 'viewer');
    expect((await late.welcome).snapshot.ended).toEqual({ endedAt: 1_000_000, buyUntil: 1_600_000 });
    // Nor does a comment-to-claim sell after the grace.
    expect(await studio.client.send({ type: 'action', action: { kind: 'promoteProduct', productId: 'p1', claimKeywords: ['+1'] } })).toMatchObject({ ok: true });
    expect(await viewer.client.send({ type: 'comment', name: 'Li', text: '+1' })).toMatchObject({ ok: true });
    await until(() => studio.events.some((e) => e.kind === 'comment'), 'the comment at the studio');
    expect(studio.events.filter((e) => e.kind === 'order')).toHaveLength(1);
  });

  it('closes Buy at once when the merchant chose so, keeps that across a restart, and opens it again with the next show', async () => {
    const first = await startRoom();
    const studio = connect(first.server, 'studio');
    await studio.welcome;
    await promote(studio, null);
    expect(await studio.client.send(endShow(0))).toMatchObject({ ok: true });
    const viewer = connect(first.server, 'viewer');
    expect((await viewer.welcome).snapshot.ended).toMatchObject({ buyUntil: null });
    expect(await viewer.client.send(order)).toMatchObject({ ok: false, code: 'show-ended' });
    await first.close();

    const again = await startRoom({}, Date.now, {}, first.dir);
    const back = connect(again.server, 'viewer');
    expect((await back.welcome).snapshot.ended).toMatchObject({ buyUntil: null });
    expect(await back.client.send(order)).toMatchObject({ ok: false, code: 'show-ended' });

    const host = connect(again.server, 'studio');
    await host.welcome;
    expect(await host.client.send({ type: 'action', action: { kind: 'startShow' } })).toMatchObject({ ok: true });
    await until(() => back.events.some((e) => e.kind === 'show' && e.ended === null), 'the new show at the viewer');
    expect(await back.client.send(order)).toMatchObject({ ok: true });
  });

  it('refuses a grace past the bound as an invalid action', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    expect(await studio.client.send(endShow(100_000))).toMatchObject({ ok: false, code: 'invalid' });
  });
});
