import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { AckFrame, RoomEvent } from '../contract/room/roomEvents.std';
import { clusterSocket, studioHello, until, viewerHello, type ClusterSocket } from '../testing/clusterTestKit.node';
import { startNatsServer, type NatsServer } from '../testing/natsServer.node';
import { startPostgresServer, type PostgresServer } from '../testing/postgresServer.node';
import { spawnRoom, type SpawnedRoom } from '../testing/spawnRoom.node';
import { expect, test } from './fixtures';
import { ROOM_ENTRY } from './roomPeers';

// Many room nodes, one show (issue 14): two built `npm run room -- --cluster` processes on one
// nats-server and one PostgreSQL, both started here. Viewers split across the nodes see every
// comment once in one order; a flash sale across both sells exactly its stock; a node SIGKILLed
// mid-stream loses nothing acknowledged for its viewers, who resume on the other; a welcome counts
// the viewers of both nodes. An e2e spec because it runs the built room (dist/main/room.node.js).

const token = 'cluster-test-token-0123456789abcdef';

let nats: NatsServer;
let postgres: PostgresServer;
let db: pg.Pool;
const nodes: { room: SpawnedRoom; dir: string }[] = [];
const sockets: ClusterSocket[] = [];
let a: SpawnedRoom;
let b: SpawnedRoom;

async function startNode(nodeId: string): Promise<SpawnedRoom> {
  const dir = mkdtempSync(path.join(tmpdir(), `room-${nodeId}-`));
  const room = await spawnRoom(ROOM_ENTRY, {
    dataDir: dir,
    port: 0,
    token,
    args: ['--cluster', '--nats', nats.url, '--postgres', postgres.url, '--node-id', nodeId, '--room', 'shop', '--trust-proxy', '127.0.0.1'],
  });
  nodes.push({ room, dir });
  return room;
}

const open = async (node: SpawnedRoom, roomId: string, hello: object) => {
  const socket = await clusterSocket(node.port, roomId, hello);
  sockets.push(socket);
  await socket.welcome;
  return socket;
};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  if (!existsSync(ROOM_ENTRY)) throw new Error(`${ROOM_ENTRY} is missing: run \`npm run build\` first.`);
  [nats, postgres] = await Promise.all([startNatsServer(), startPostgresServer()]);
  db = new pg.Pool({ connectionString: postgres.url, max: 2 });
  db.on('error', () => {});
  // B after A: A migrates the schema, B finds it done (either way works: the migration is locked).
  a = await startNode('node-a');
  b = await startNode('node-b');
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  for (const socket of sockets) socket.close();
  for (const { room, dir } of nodes) {
    await room.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  await db?.end();
  await Promise.all([nats?.dispose(), postgres?.stop()]);
});

const comments = (events: readonly RoomEvent[]) => events.flatMap((event) => (event.kind === 'comment' ? [event] : []));
const seqsOf = (events: readonly RoomEvent[]) => events.map((event) => event.seq);
/** A viewer's page gets at most 20 comments a second (a sample past that): the tests stay under it. */
const photoBytes = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const paced = () => new Promise((resolve) => setTimeout(resolve, 100));

test.describe('a show served by two room nodes', () => {
  // Two room processes, a nats-server and a PostgreSQL on two cores: generous, as the e2e's other peers.
  test.describe.configure({ timeout: 120_000 });
  test('shows every comment once, in one seq order, to 20 viewers split across the nodes; a pin on A of a comment made on B reaches B', async () => {
    const studio = await open(a, 'shop', studioHello(token));
    const viewers = await Promise.all(Array.from({ length: 20 }, (_, index) => open(index % 2 === 0 ? a : b, 'shop', viewerHello())));
    // Each viewer's group has had its first frame (the count of all 20, written by one node) before
    // the first comment: a group's comment budget starts when it is first flushed.
    await until(() => viewers.every((viewer) => viewer.events().some((event) => event.kind === 'viewerCount' && event.count === 20)), 'the count of 20 on every viewer');
    const acks: AckFrame[] = [];
    for (const [index, viewer] of viewers.entries()) {
      acks.push(await viewer.request({ type: 'comment', name: `Viewer ${index}`, text: `hello from ${index % 2 === 0 ? 'A' : 'B'} #${index}` }));
      await paced();
    }
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const ids = acks.map((ack) => (ack.ok ? ack.id : null));
    await until(() => viewers.every((viewer) => ids.every((id) => comments(viewer.events()).some((event) => event.comment.id === id))), 'every comment on every viewer');

    const orders = viewers.map((viewer) => comments(viewer.events()).map((event) => `${event.seq}:${event.comment.id}`));
    for (const seen of orders) {
      expect(seen).toEqual(orders[0]);
      expect(new Set(seen).size).toBe(seen.length);
    }
    for (const viewer of viewers) expect(seqsOf(viewer.events())).toEqual([...seqsOf(viewer.events())].sort((x, y) => x - y));

    const madeOnB = ids[1] as string;
    expect(await studio.request({ type: 'action', action: { kind: 'pinComment', commentId: madeOnB } })).toMatchObject({ ok: true });
    const onB = viewers.filter((_, index) => index % 2 === 1);
    await until(() => onB.every((viewer) => viewer.events().some((event) => event.kind === 'pinned' && event.comment?.id === madeOnB)), 'the pin on B');
    // A viewer arriving on B later is welcomed with the pin A's studio set.
    expect((await (await open(b, 'shop', viewerHello())).welcome).snapshot.pinned?.id).toBe(madeOnB);
  });

  test('sells exactly 100 units when 2,000 orders split across both nodes race for them (the product\'s photo, sent through A, served by B)', async () => {
    const studio = await open(a, 'flash', studioHello(token));
    expect(await studio.request({ type: 'action', action: { kind: 'upsertProducts', products: [{ id: 'p1', name: 'Silk scarf', priceMinor: 5900, listPriceMinor: 9900, currency: 'CNY', stock: 100, photo: `data:image/png;base64,${photoBytes.toString('base64')}` }] } })).toMatchObject({ ok: true });
    expect(await studio.request({ type: 'action', action: { kind: 'promoteProduct', productId: 'p1', flashSale: { priceMinor: 3900, endsAt: Date.now() + 600_000 } } })).toMatchObject({ ok: true });
    // The photo sent through A is served by B, from the database both read.
    await until(() => studio.events().some((event) => event.kind === 'products'), 'the products event');
    const photoUrl = studio.events().flatMap((event) => (event.kind === 'products' ? event.products.map((product) => product.photo) : []))[0] ?? '';
    expect(photoUrl).toMatch(/^\/rooms\/flash\/photos\/[0-9a-f]{64}\.png$/);
    const fromB = await fetch(`http://127.0.0.1:${b.port}${photoUrl}`);
    expect(fromB.status).toBe(200);
    expect(Buffer.from(await fromB.arrayBuffer())).toEqual(photoBytes);
    // 400 buyers (each a phone of its own), five orders each: within every rate limit, 2,000 in flight together.
    const buyers = await Promise.all(Array.from({ length: 400 }, (_, index) => open(index % 2 === 0 ? a : b, 'flash', viewerHello())));
    const pending: Promise<AckFrame>[] = [];
    for (const buyer of buyers) for (let k = 0; k < 5; k += 1) pending.push(buyer.request({ type: 'order', productId: 'p1', quantity: 1, buyerName: 'Ana', contact: '13800138000' }));
    const acks = await Promise.all(pending);

    expect(acks.filter((ack) => ack.ok)).toHaveLength(100);
    expect(acks.filter((ack) => !ack.ok).every((ack) => !ack.ok && ack.code === 'out-of-stock')).toBe(true);
    expect((await db.query("SELECT stock FROM products WHERE room_id = 'flash' AND id = 'p1'")).rows).toEqual([{ stock: 0 }]);
    expect((await db.query("SELECT count(*)::int AS n FROM orders WHERE room_id = 'flash' AND status = 'new'")).rows).toEqual([{ n: 100 }]);
    // The studio's order book, on A, holds all 100, those taken on B included, each once.
    await until(() => new Set(studio.events().flatMap((event) => (event.kind === 'order' ? [event.order.id] : []))).size === 100, "the studio's 100 orders");
    expect(studio.events().filter((event) => event.kind === 'order')).toHaveLength(100);
  });

  test('counts the viewers of both nodes in a welcome', async () => {
    const studio = await open(a, 'count', studioHello(token));
    await Promise.all([open(a, 'count', viewerHello()), open(a, 'count', viewerHello()), open(a, 'count', viewerHello()), open(b, 'count', viewerHello()), open(b, 'count', viewerHello())]);
    // The node writing viewerCount events (node-a, the lowest id) has heard node-b's two.
    await until(() => studio.events().some((event) => event.kind === 'viewerCount' && event.count === 5), 'a viewerCount of 5', 15_000);
    expect((await (await open(a, 'count', viewerHello())).welcome).snapshot.viewerCount).toBe(6);
  });

  test('loses nothing acknowledged when node A is SIGKILLed mid-stream: its studio and viewers resume on B', async () => {
    const studio = await open(a, 'crash', studioHello(token));
    const onA = await Promise.all(Array.from({ length: 5 }, () => open(a, 'crash', viewerHello())));
    const onB = await Promise.all(Array.from({ length: 5 }, () => open(b, 'crash', viewerHello())));
    await until(() => [...onA, ...onB].every((viewer) => viewer.events().some((event) => event.kind === 'viewerCount' && event.count === 10)), 'the count of 10 on every viewer');
    /** Comment ids acknowledged, and to which viewer socket. */
    const acked = new Map<string, ClusterSocket>();
    const sent: Promise<void>[] = [];
    const comment = (viewer: ClusterSocket, text: string) =>
      sent.push(
        viewer.request({ type: 'comment', name: 'Ana', text }).then(
          (ack) => {
            if (ack.ok && ack.id) acked.set(ack.id, viewer);
          },
          // Sent to A as it died: never acknowledged, so nobody was promised it.
          () => {},
        ),
      );
    // Comments on both nodes, A's last ones in flight when it dies.
    for (let index = 0; index < 10; index += 1) {
      comment((index % 2 === 0 ? onA : onB)[index % 5] as ClusterSocket, `before #${index}`);
      await paced();
    }
    for (const viewer of onA) comment(viewer, 'as A dies');
    await a.kill();
    await Promise.allSettled(sent);

    // Each of A's sockets reconnects to B from the newest seq it received, as the reference client does.
    const newest = (socket: ClusterSocket) => Math.max(0, ...seqsOf(socket.events()));
    const studioAgain = await open(b, 'crash', { ...studioHello(token), resumeFrom: newest(studio) });
    const viewersAgain = await Promise.all(onA.map((viewer) => open(b, 'crash', viewerHello(newest(viewer)))));
    for (let index = 0; index < 5; index += 1) {
      comment(onB[index] as ClusterSocket, `after #${index}`);
      await paced();
    }
    await Promise.allSettled(sent);
    expect(acked.size).toBeGreaterThanOrEqual(15);

    /** What a page shows across its two sockets: events past the newest seq it had (the protocol's rule), their comments. */
    const shown = (first: ClusterSocket, second: ClusterSocket) => {
      let highest = 0;
      return comments([...first.events(), ...second.events()].filter((event) => event.seq > highest && (highest = event.seq) > 0));
    };
    const has = (events: readonly RoomEvent[], id: string) => comments(events).some((event) => event.comment.id === id);
    // The studio gets the whole log: every comment acknowledged to anyone, on either node.
    await until(() => [...acked.keys()].every((id) => has(shown(studio, studioAgain), id)), 'every acknowledged comment on the resumed studio');
    // A viewer's resume replays its own comments (others' missed meanwhile are not replayed, by the
    // protocol), and the live feed on B carries everything after.
    const afterIds = [...acked].filter(([, by]) => onB.includes(by)).map(([id]) => id);
    await until(
      () => onA.every((viewer, index) => [...acked].filter(([, by]) => by === viewer).every(([id]) => has(shown(viewer, viewersAgain[index] as ClusterSocket), id))),
      "every viewer's own acknowledged comment after its resume",
    );
    await until(() => viewersAgain.every((viewer) => afterIds.slice(-5).every((id) => has(viewer.events(), id))), 'the comments made on B after the resume');
    for (const [index, viewer] of onA.entries()) {
      const all = shown(viewer, viewersAgain[index] as ClusterSocket);
      expect(new Set(all.map((event) => event.comment.id)).size).toBe(all.length);
    }
    const all = shown(studio, studioAgain);
    expect(new Set(all.map((event) => event.comment.id)).size).toBe(all.length);
    // A studio opening the show on B from the start gets the whole log from B's memory, fed by B's
    // follower: A's comments, those A committed as it died included, each once, in seq order.
    const late = await open(b, 'crash', { ...studioHello(token), resumeFrom: 0 });
    await until(() => [...acked.keys()].every((id) => has(late.events(), id)), 'every acknowledged comment in B\'s replay from 0');
    const replayed = late.events();
    expect(seqsOf(replayed)).toEqual(Array.from({ length: replayed.length }, (_, index) => index + 1));
  });
});
