import { parseArgs } from 'node:util';
import { roomIdSchema } from '../../contract/room/roomMessages.std';

export interface RoomArgs {
  host: string;
  port: number;
  dataDir: string | null;
  rooms: string[];
  /** The address viewers' links use (a public https URL behind a proxy); null: this machine's LAN address. */
  publicUrl: string | null;
  /** Reverse proxies whose X-Forwarded-For is believed for per-address rate limits. */
  trustedProxies: string[];
  /** Started by a studio as a warm standby: loads, then waits for its take-over message before it opens the room. */
  standby: boolean;
  /** JSON log lines on stdout, nothing else there (--log-json, SHOPCAST_LOG_JSON=1): for a server's log collector. */
  logJson: boolean;
  /** PEM files to serve HTTPS and WSS with (--tls-cert, --tls-key, both or neither); null: plain HTTP. */
  tls: { certFile: string; keyFile: string } | null;
  /** The other room nodes' base URLs (--peers, SHOPCAST_ROOM_PEERS, comma-separated): where a room's broadcaster is looked for when it is not here. */
  peers: string[];
  /** One of many room nodes sharing each show (--cluster): its rooms in PostgreSQL, their event logs in NATS JetStream; null: this process's SQLite file. */
  cluster: RoomClusterArgs | null;
}

export interface RoomClusterArgs {
  /** nats://… (--nats, SHOPCAST_ROOM_NATS): where each room's event log is kept and followed. */
  natsUrl: string;
  /** postgres://… (--postgres, SHOPCAST_ROOM_POSTGRES): orders, stock and the rooms' rows. */
  postgresUrl: string;
  /** This node's name among the others (--node-id), default <hostname>-<pid>. */
  nodeId: string;
}

export const DEFAULT_ROOM_PORT = 4830;

export const roomUsage =
  'Usage: npm run room -- [--port <0-65535, default 4830>] [--host <address, default 0.0.0.0>] [--data-dir <folder>] [--room <id>]... [--public-url <https://…>] [--trust-proxy <address>]... [--tls-cert <cert.pem> --tls-key <key.pem>] [--peers <http://node-b:4830,…>] [--cluster --nats <nats://…> --postgres <postgres://…> [--node-id <name>]] [--log-json]\n' +
  'The studio token is SHOPCAST_ROOM_TOKEN, or the one kept in <data-dir>/room-token (made on first start).';

export type ParsedRoomArgs = { ok: true; args: RoomArgs } | { ok: false; message: string };

export function parseRoomArgs(argv: readonly string[], env: NodeJS.ProcessEnv, defaultNodeId = 'room-node'): ParsedRoomArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        room: { type: 'string', multiple: true },
        'public-url': { type: 'string' },
        'trust-proxy': { type: 'string', multiple: true },
        standby: { type: 'boolean' },
        'log-json': { type: 'boolean' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        peers: { type: 'string', multiple: true },
        cluster: { type: 'boolean' },
        nats: { type: 'string' },
        postgres: { type: 'string' },
        'node-id': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}\n${roomUsage}` };
  }
  if (values.help) return { ok: false, message: roomUsage };
  const portText = values.port ?? env['SHOPCAST_ROOM_PORT'] ?? String(DEFAULT_ROOM_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return { ok: false, message: `The port must be a number from 0 to 65535, not "${portText}".` };
  const rooms = values.room ?? ['shop'];
  const badRoom = rooms.find((room) => !roomIdSchema.safeParse(room).success);
  if (badRoom !== undefined) return { ok: false, message: `"${badRoom}" is not a room id: use 1 to 40 lowercase letters, digits or "-".` };
  const publicUrl = values['public-url'] ?? env['SHOPCAST_ROOM_PUBLIC_URL'] ?? null;
  if (publicUrl !== null && !/^https?:\/\/[^/\s]+\/?$/.test(publicUrl)) {
    return { ok: false, message: `--public-url is the address viewers open, like https://live.example.com, not "${publicUrl}".` };
  }
  // Flags only, no environment variable: the studio starts its own room with this entry and its
  // environment, and reaches it over plain ws:// on this machine.
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) {
    return { ok: false, message: 'HTTPS needs both --tls-cert <certificate.pem> and --tls-key <key.pem>.' };
  }
  const tls = certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : null;
  const peerList = (values.peers ?? [env['SHOPCAST_ROOM_PEERS'] ?? '']).flatMap((list) => list.split(',')).map((peer) => peer.trim()).filter((peer) => peer !== '');
  const badPeer = peerList.find((peer) => !/^https?:\/\/[^/\s]+\/?$/.test(peer));
  if (badPeer !== undefined) return { ok: false, message: `--peers lists the other room nodes' base URLs, like http://10.0.0.2:4830, not "${badPeer}".` };
  const peers = peerList.map((peer) => peer.replace(/\/$/, ''));
  const cluster = clusterArgs(values, env, defaultNodeId);
  if (typeof cluster === 'string') return { ok: false, message: cluster };
  return {
    ok: true,
    args: { host: values.host ?? env['SHOPCAST_ROOM_HOST'] ?? '0.0.0.0', port, dataDir: values['data-dir'] ?? null, rooms, publicUrl: publicUrl?.replace(/\/$/, '') ?? null, trustedProxies: values['trust-proxy'] ?? [], standby: values.standby ?? false, logJson: values['log-json'] ?? env['SHOPCAST_LOG_JSON'] === '1', tls, peers, cluster },
  };
}

/** The cluster's flags, null without --cluster, or what is wrong with them in the operator's words. */
function clusterArgs(values: { cluster?: boolean; nats?: string; postgres?: string; 'node-id'?: string }, env: NodeJS.ProcessEnv, defaultNodeId: string): RoomClusterArgs | null | string {
  if (!values.cluster) {
    const stray = (['nats', 'postgres', 'node-id'] as const).find((flag) => values[flag] !== undefined);
    return stray === undefined ? null : `--${stray} is for a room node of a cluster: add --cluster (with --nats and --postgres).`;
  }
  const natsUrl = values.nats ?? env['SHOPCAST_ROOM_NATS'] ?? '';
  const postgresUrl = values.postgres ?? env['SHOPCAST_ROOM_POSTGRES'] ?? '';
  if (natsUrl === '' || postgresUrl === '') {
    return 'A room node of a cluster shares its shows with the others through NATS and PostgreSQL: give both --nats <nats://host:4222> and --postgres <postgres://user@host/db> (or SHOPCAST_ROOM_NATS and SHOPCAST_ROOM_POSTGRES).';
  }
  if (!/^(nats|tls):\/\/[^/\s]+\/?$/.test(natsUrl)) return `--nats is the NATS server's address, like nats://10.0.0.5:4222, not "${natsUrl}".`;
  if (!/^postgres(ql)?:\/\/\S+$/.test(postgresUrl)) return `--postgres is the database's address, like postgres://shopcast@10.0.0.6/shopcast, not "${postgresUrl}".`;
  const nodeId = values['node-id'] ?? defaultNodeId;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(nodeId)) return `--node-id names this node to the others: 1 to 64 letters, digits, ".", "_" or "-", not "${nodeId}".`;
  return { natsUrl, postgresUrl, nodeId };
}
