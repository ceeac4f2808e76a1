import { describe, expect, it } from 'vitest';
import { DEFAULT_ROOM_PORT, parseRoomArgs } from './roomArgs.node';

describe('parseRoomArgs', () => {
  it('defaults to every interface on port 4830 with one room', () => {
    expect(parseRoomArgs([], {})).toEqual({ ok: true, args: { host: '0.0.0.0', port: DEFAULT_ROOM_PORT, dataDir: null, rooms: ['shop'], publicUrl: null, trustedProxies: [], standby: false, logJson: false, tls: null, peers: [], cluster: null } });
  });

  it('reads several rooms and a public URL', () => {
    const parsed = parseRoomArgs(['--room', 'a', '--room', 'b-2', '--public-url', 'https://live.example.com/', '--port', '0'], {});
    expect(parsed).toMatchObject({ ok: true, args: { rooms: ['a', 'b-2'], publicUrl: 'https://live.example.com', port: 0 } });
  });

  it('puts JSON log lines on stdout with --log-json or SHOPCAST_LOG_JSON=1', () => {
    expect(parseRoomArgs(['--log-json'], {})).toMatchObject({ ok: true, args: { logJson: true } });
    expect(parseRoomArgs([], { SHOPCAST_LOG_JSON: '1' })).toMatchObject({ ok: true, args: { logJson: true } });
  });

  it('knows a studio’s warm standby', () => {
    expect(parseRoomArgs(['--standby', '--port', '4821'], {})).toMatchObject({ ok: true, args: { standby: true, port: 4821 } });
  });

  it('serves HTTPS with a certificate and its key, both or neither', () => {
    expect(parseRoomArgs(['--tls-cert', '/etc/shop/cert.pem', '--tls-key', '/etc/shop/key.pem'], {})).toMatchObject({ ok: true, args: { tls: { certFile: '/etc/shop/cert.pem', keyFile: '/etc/shop/key.pem' } } });
    expect(parseRoomArgs(['--tls-cert', '/etc/shop/cert.pem'], {})).toMatchObject({ ok: false, message: expect.stringMatching(/both --tls-cert .* and --tls-key/) });
    expect(parseRoomArgs(['--tls-key', '/etc/shop/key.pem'], {})).toMatchObject({ ok: false });
  });

  it('takes the other room nodes of a cluster, comma-separated or repeated', () => {
    expect(parseRoomArgs(['--peers', 'http://10.0.0.2:4830/, http://10.0.0.3:4830', '--peers', 'https://node-d.example.com'], {})).toMatchObject({
      ok: true,
      args: { peers: ['http://10.0.0.2:4830', 'http://10.0.0.3:4830', 'https://node-d.example.com'] },
    });
    expect(parseRoomArgs([], { SHOPCAST_ROOM_PEERS: 'http://10.0.0.2:4830' })).toMatchObject({ ok: true, args: { peers: ['http://10.0.0.2:4830'] } });
    expect(parseRoomArgs(['--peers', '10.0.0.2:4830'], {})).toMatchObject({ ok: false, message: expect.stringMatching(/base URLs, like http:\/\/10\.0\.0\.2:4830, not "10\.0\.0\.2:4830"/) });
  });

  it('makes a node of a cluster with --cluster, its NATS and its PostgreSQL, from flags or the environment', () => {
    expect(parseRoomArgs(['--cluster', '--nats', 'nats://10.0.0.5:4222', '--postgres', 'postgres://shopcast@10.0.0.6/shopcast', '--node-id', 'node-a'], {})).toMatchObject({
      ok: true,
      args: { cluster: { natsUrl: 'nats://10.0.0.5:4222', postgresUrl: 'postgres://shopcast@10.0.0.6/shopcast', nodeId: 'node-a' } },
    });
    const fromEnv = parseRoomArgs(['--cluster'], { SHOPCAST_ROOM_NATS: 'nats://n:4222', SHOPCAST_ROOM_POSTGRES: 'postgres://p/db' }, 'host-42');
    expect(fromEnv).toMatchObject({ ok: true, args: { cluster: { natsUrl: 'nats://n:4222', postgresUrl: 'postgres://p/db', nodeId: 'host-42' } } });
    expect(parseRoomArgs(['--cluster', '--nats', 'nats://n:4222'], {})).toMatchObject({ ok: false, message: expect.stringMatching(/give both --nats .* and --postgres/) });
    expect(parseRoomArgs(['--cluster', '--nats', 'n:4222', '--postgres', 'postgres://p/db'], {})).toMatchObject({ ok: false, message: expect.stringMatching(/like nats:\/\/10\.0\.0\.5:4222, not "n:4222"/) });
    expect(parseRoomArgs(['--cluster', '--nats', 'nats://n:4222', '--postgres', 'mysql://p/db'], {})).toMatchObject({ ok: false, message: expect.stringMatching(/--postgres is the database/) });
    expect(parseRoomArgs(['--cluster', '--nats', 'nats://n:4222', '--postgres', 'postgres://p/db', '--node-id', 'a b'], {})).toMatchObject({ ok: false, message: expect.stringMatching(/--node-id/) });
    expect(parseRoomArgs(['--nats', 'nats://n:4222'], {})).toMatchObject({ ok: false, message: expect.stringMatching(/add --cluster/) });
  });

  it('says what is wrong', () => {
    expect(parseRoomArgs(['--port', 'x'], {})).toMatchObject({ ok: false, message: expect.stringMatching(/port must be a number/) });
    expect(parseRoomArgs(['--room', 'Not OK'], {})).toMatchObject({ ok: false, message: expect.stringMatching(/not a room id/) });
    expect(parseRoomArgs(['--bogus'], {})).toMatchObject({ ok: false, message: expect.stringMatching(/bogus[\s\S]*Usage/) });
  });
});
