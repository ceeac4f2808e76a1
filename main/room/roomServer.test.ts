import { describe, expect, it } from 'vitest';
import type { AckFrame } from '../../contract/room/roomEvents.std';
import { connect, promote, rawSocket, startRoom, token, until } from '../../testing/roomTestKit.node';

// The room server for real: real sockets (ws), a real SQLite file, real timers.

describe('the room server', () => {
  it('delivers every comment to the studio once, in seq order, and answers a retry without counting it twice', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    const viewers = Array.from({ length: 5 }, () => connect(server, 'viewer'));
    await Promise.all(viewers.map((viewer) => viewer.welcome));
    const acks = await Promise.all(viewers.flatMap((viewer, v) => [0, 1, 2].map((i) => viewer.client.send({ type: 'comment', name: `Viewer ${v}`, text: `hello ${i}` }))));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    await until(() => studio.events.filter((e) => e.kind === 'comment').length === 15, '15 comments at the studio');
    const seqs = studio.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);

    // The same clientId again, on a raw socket: the first answer comes back, nothing new is stored.
    const raw = await rawSocket(server.port, { type: 'hello', v: 1, role: 'viewer', viewerKey: 'k'.repeat(20) });
    const comment = { type: 'comment', clientId: 'retry-0001', name: 'Ana', text: 'twice?' };
    raw.send(comment);
    raw.send(comment);
    await until(() => raw.acks().length === 2, 'two acks');
    const [first, second] = raw.acks();
    expect(first).toEqual(second);
    // Events reach the studio in seq order, so once a later comment is there, a duplicate would be too.
    raw.send({ ...comment, clientId: 'retry-0002', text: 'after' });
    await until(() => studio.events.some((e) => e.kind === 'comment' && e.comment.text === 'after'), 'the later comment');
    expect(studio.events.filter((e) => e.kind === 'comment' && e.comment.text === 'twice?')).toHaveLength(1);
  });

  it('gives a studio that reconnects exactly the events it missed, in order', async () => {
    const { server } = await startRoom();
    // A studio that never leaves sees everything the room logs, once-a-second counters included:
    // what the returning studio missed is what this one saw after the returning one's last seq.
    const witness = connect(server, 'studio');
    await witness.welcome;
    const viewer = connect(server, 'viewer');
    await viewer.welcome;
    await viewer.client.send({ type: 'comment', name: 'A', text: 'before' });
    const studio = connect(server, 'studio');
    await studio.welcome;
    await until(() => studio.events.some((e) => e.kind === 'comment' && e.comment.text === 'before'), 'the replayed comment');
    const seenUpTo = studio.client.lastSeq;
    // The replayed comment was received above, so the client has a seq.
    if (seenUpTo === undefined) throw new Error('the studio saw no event');
    studio.client.close();
    for (let i = 0; i < 3; i += 1) await viewer.client.send({ type: 'comment', name: 'A', text: `missed ${i}` });
    await until(() => witness.events.some((e) => e.kind === 'comment' && e.comment.text === 'missed 2'), 'the last comment at the witness');
    const missed = witness.events.filter((e) => e.seq > seenUpTo);
    const raw = await rawSocket(server.port, { type: 'hello', v: 1, role: 'studio', token, resumeFrom: seenUpTo });
    await until(() => raw.events().length >= missed.length, 'the missed events');
    expect(raw.events().slice(0, missed.length)).toEqual(missed);
    expect(missed.flatMap((e) => (e.kind === 'comment' ? [e.comment.text] : []))).toEqual(['missed 0', 'missed 1', 'missed 2']);
  });

  it('sells exactly the stock in a flash sale of 5,000 concurrent order attempts on 100 units', async () => {
    const { server } = await startRoom({
      socketsPerAddress: 10_000,
      newViewersPerAddress: { rate: 1, burst: 10_000 },
      orderPerAddress: { rate: 100_000, burst: 100_000 },
      messagePerSocket: { rate: 100, burst: 100 },
    });
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promote(studio, 100, { priceMinor: 1990, endsAt: Date.now() + 600_000 });
    const buyers = Array.from({ length: 1000 }, () => connect(server, 'viewer'));
    await Promise.all(buyers.map((buyer) => buyer.welcome));
    const attempts = buyers.flatMap((buyer, b) =>
      Array.from({ length: 5 }, () => buyer.client.send({ type: 'order', productId: 'p1', quantity: 1, buyerName: `Buyer ${b}`, contact: '13800000000' })),
    );
    const acks = await Promise.all(attempts);
    const accepted = acks.filter((ack) => ack.ok);
    const refused = acks.filter((ack): ack is Extract<AckFrame, { ok: false }> => !ack.ok);
    expect(accepted).toHaveLength(100);
    expect(refused).toHaveLength(4900);
    expect(new Set(refused.map((ack) => ack.code))).toEqual(new Set(['out-of-stock']));
    expect(refused[0]?.message).toMatch(/sold out/i);
    await until(() => studio.events.filter((e) => e.kind === 'order').length === 100, '100 orders at the studio');
    const orders = studio.events.filter((e) => e.kind === 'order');
    expect(orders.every((e) => e.kind === 'order' && e.order.unitPriceMinor === 1990)).toBe(true);
    expect(studio.events.filter((e) => e.kind === 'stock').at(-1)).toMatchObject({ left: 0 });
  }, 60_000);

  it('refuses orders for a product not on sale and after the sale is over, with the reason', async () => {
    let clock = Date.now();
    const { server } = await startRoom({}, () => clock);
    const studio = connect(server, 'studio');
    await studio.welcome;
    const buyer = connect(server, 'viewer');
    await buyer.welcome;
    const order = { type: 'order' as const, productId: 'p1', quantity: 1, buyerName: 'Li', contact: '123' };
    expect(await buyer.client.send(order)).toMatchObject({ ok: false, code: 'not-promoted' });
    await promote(studio, 10, { priceMinor: 100, endsAt: clock + 60_000 });
    expect(await buyer.client.send(order)).toMatchObject({ ok: true });
    expect(await buyer.client.send({ ...order, quantity: 20 })).toMatchObject({ ok: false, code: 'out-of-stock', message: 'Only 9 left: lower the quantity.' });
    clock += 60_000;
    expect(await buyer.client.send(order)).toMatchObject({ ok: false, code: 'sale-over' });
    expect(await buyer.client.send({ ...order, contact: undefined })).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('gives a reloaded page the latest comments and every one of the viewer’s own orders', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promote(studio, 10);
    const key = 'reloading-viewer-key-0001';
    const before = connect(server, 'viewer', key);
    await before.welcome;
    expect(await before.client.send({ type: 'order', productId: 'p1', quantity: 2, buyerName: 'Ana', note: 'blue one' })).toMatchObject({ ok: true });
    const other = connect(server, 'viewer');
    await other.welcome;
    await other.client.send({ type: 'order', productId: 'p1', quantity: 1, buyerName: 'Bo', contact: '1' });
    await other.client.send({ type: 'comment', name: 'Bo', text: 'nice' });
    before.client.close();

    const reloaded = connect(server, 'viewer', key);
    await reloaded.welcome;
    await until(() => reloaded.events.length >= 2, 'the arrival history');
    expect(reloaded.events.map((e) => e.kind)).toEqual(['order', 'comment']);
    expect(reloaded.events[0]).toMatchObject({ kind: 'order', order: { buyerName: 'Ana', quantity: 2, note: 'blue one' } });
  });

  it('rate-limits by the address a trusted proxy forwards, not by the proxy', async () => {
    const { server } = await startRoom({ commentPerAddress: { rate: 0.001, burst: 1 } }, Date.now, { trustedProxies: ['127.0.0.1'] });
    const viewerBehind = async (address: string) => {
      const raw = await rawSocket(
        server.port,
        { type: 'hello', v: 1, role: 'viewer', viewerKey: `key-behind-proxy-${address.replaceAll('.', '-')}` },
        { 'X-Forwarded-For': `203.0.113.9, ${address}` },
      );
      const comment = async (n: number) => {
        raw.send({ type: 'comment', clientId: `proxied-${n}-${address.replaceAll('.', '-')}`, name: 'P', text: `hi ${n}` });
        await until(() => raw.acks().length === n, `ack ${n}`);
        return raw.acks()[n - 1];
      };
      return { comment };
    };
    const first = await viewerBehind('198.51.100.1');
    const second = await viewerBehind('198.51.100.2');
    expect(await first.comment(1)).toMatchObject({ ok: true });
    expect(await first.comment(2)).toMatchObject({ ok: false, code: 'rate-limited' });
    expect(await second.comment(1)).toMatchObject({ ok: true });
  });

  it('answers a retried order for the last unit with its first answer, not "sold out"', async () => {
    const { server } = await startRoom();
    const studio = connect(server, 'studio');
    await studio.welcome;
    await promote(studio, 1);
    const raw = await rawSocket(server.port, { type: 'hello', v: 1, role: 'viewer', viewerKey: 'last-unit-buyer-key-0001' });
    const order = { type: 'order', clientId: 'last-unit-0001', productId: 'p1', quantity: 1, buyerName: 'Li', contact: '1' };
    raw.send(order);
    await until(() => raw.acks().length === 1, 'the first answer');
    raw.send(order);
    await until(() => raw.acks().length === 2, 'the retry’s answer');
    const [first, retry] = raw.acks();
    expect(first).toMatchObject({ ok: true });
    expect(retry).toEqual(first);
  });
});

