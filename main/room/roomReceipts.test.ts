import { describe, expect, it } from 'vitest';
import type { AckFrame } from '../../contract/room/roomEvents.std';
import { connect, promote, rawSocket, startRoom, until } from '../../testing/roomTestKit.node';

// Receipts answer a retry with its first ack, but only a retry of the same kind of message: a
// comment's clientId reused for an order is refused, not answered with the comment's ack (issue 14).

const order = (clientId: string) => ({ type: 'order', clientId, productId: 'p1', quantity: 1, buyerName: 'Ana', contact: '13800138000' });
const comment = (clientId: string) => ({ type: 'comment', clientId, name: 'Ana', text: 'Is it real silk?' });

describe('receipts by kind', () => {
  it('refuses an order that reuses a comment’s clientId (and the other way round), and still answers true retries with their first ack', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promote(studio, 10);
    const viewer = await rawSocket(server.port, { type: 'hello', v: 1, role: 'viewer', viewerKey: 'receipts-viewer-key-01' });
    const ackFor = async (message: object, count: number) => {
      viewer.send(message);
      await until(() => viewer.acks().length === count, `ack ${count}`);
      return viewer.acks()[count - 1] as AckFrame;
    };
    const commented = await ackFor(comment('shared-id-0001'), 1);
    expect(commented).toMatchObject({ ok: true });
    const reused = await ackFor(order('shared-id-0001'), 2);
    expect(reused).toEqual({ type: 'ack', clientId: 'shared-id-0001', ok: false, code: 'invalid', message: 'clientId: shared-id-0001 was already used for a comment; send a new clientId for each message.' });
    // A retry of the comment itself is still its first ack.
    expect(await ackFor(comment('shared-id-0001'), 3)).toEqual(commented);

    const ordered = await ackFor(order('shared-id-0002'), 4);
    expect(ordered).toMatchObject({ ok: true });
    expect(await ackFor(comment('shared-id-0002'), 5)).toMatchObject({ ok: false, code: 'invalid', message: 'clientId: shared-id-0002 was already used for an order; send a new clientId for each message.' });
    expect(await ackFor(order('shared-id-0002'), 6)).toEqual(ordered);

    // The same reuse within one commit batch (both read in one turn): the order is refused there too.
    viewer.send(comment('shared-id-0003'));
    viewer.send(order('shared-id-0003'));
    await until(() => viewer.acks().length === 8, 'both acks of the batch');
    expect(viewer.acks().slice(6).map((ack) => ack.ok)).toEqual([true, false]);

    // Exactly one order exists: the one made with its own clientId.
    await until(() => studio.events.filter((e) => e.kind === 'comment').length === 2, 'the two comments at the studio');
    expect(studio.events.filter((e) => e.kind === 'order').map((e) => (e.kind === 'order' ? e.order.id : null))).toEqual([ordered.ok ? ordered.id : 'none']);
  });
});
