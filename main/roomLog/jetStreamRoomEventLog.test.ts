import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsServerBinaryPath, natsServerMissingMessage, startNatsServer, type NatsServer } from '../../testing/natsServer.node';
import { openJetStreamRoomEventLog, roomLogNames } from './jetStreamRoomEventLog.node';
import { collector, entry, roomEventLogSuite } from './roomEventLog.suite';

// The room's event log on a real nats-server with JetStream (testing/natsServer.node.ts); each
// open() is another node on a connection of its own, and restart() is a SIGKILL and a start on
// the same store. Absent nats-server skips here only off CI.

const skip = natsServerBinaryPath() === null && process.env['CI'] !== 'true';
if (skip) console.warn(`Skipping the JetStream room event log tests: ${natsServerMissingMessage}`);

describe.skipIf(skip)('JetStream', () => {
  let nats: NatsServer | undefined;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await nats?.dispose();
  });
  const server = () => {
    if (!nats) throw new Error('nats-server did not start');
    return nats;
  };

  roomEventLogSuite('JetStream', () => ({
    batchesWhole: false,
    async open(roomId) {
      const nc = await connect({ servers: server().url });
      const log = await openJetStreamRoomEventLog({ nc, roomId });
      return {
        ...log,
        async close() {
          await log.close();
          await nc.close();
        },
      };
    },
    async restart() {
      await server().kill();
      await server().start();
    },
  }));

  it('leaves no consumer on the server after reads and a stopped follower', async () => {
    const nc = await connect({ servers: server().url });
    try {
      const log = await openJetStreamRoomEventLog({ nc, roomId: 'consumers' });
      await log.append([entry('c1'), entry('c2')], 0);
      for (let n = 0; n < 3; n++) expect(await log.read(n, 10)).toHaveLength(2 - n);
      const seen = collector();
      const following = await log.follow(0, seen.onEvent);
      await seen.until(2);
      const consumers = async () => (await (await nc.jetstreamManager()).streams.info(roomLogNames('consumers').stream)).state.consumer_count;
      expect(await consumers()).toBe(1);
      await following.stop();
      expect(await consumers()).toBe(0);
    } finally {
      await nc.close();
    }
  });

  it('a follower goes on after the server is SIGKILLed and back, with what another node appended meanwhile', async () => {
    const nc = await connect({ servers: server().url });
    try {
      const log = await openJetStreamRoomEventLog({ nc, roomId: 'failover' });
      await log.append([entry('f1'), entry('f2')], 0);
      const seen = collector();
      const following = await log.follow(0, seen.onEvent);
      await seen.until(2);

      await server().kill();
      await server().start();
      const writer = await connect({ servers: server().url });
      try {
        const elsewhere = await openJetStreamRoomEventLog({ nc: writer, roomId: 'failover' });
        expect(await elsewhere.append([entry('f3'), entry('f4')], 2)).toEqual({ seqs: [3, 4] });
        await seen.until(4);
        expect(seen.events.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
        expect(seen.events).toEqual(await elsewhere.read(0, 10));
      } finally {
        await writer.close();
      }
      await following.stop();
    } finally {
      await nc.close();
    }
  });

  it('names a room\'s stream and subject after its id, escaping what NATS reads as syntax', () => {
    expect(roomLogNames('shop-1')).toEqual({ stream: 'SHOPCAST_ROOM_shop-1', subject: 'shopcast.room.shop-1' });
    expect(roomLogNames('a.b*c>d e_f')).toEqual({
      stream: 'SHOPCAST_ROOM_a_2e_b_2a_c_3e_d_20_e_5f_f',
      subject: 'shopcast.room.a_2e_b_2a_c_3e_d_20_e_5f_f',
    });
    expect(roomLogNames('a_2e_b').stream).not.toBe(roomLogNames('a.b').stream);
  });
});
