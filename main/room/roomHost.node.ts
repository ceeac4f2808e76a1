import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Logger } from '../log/logger.std';
import { createBroadcasterApi } from '../sfu/broadcasterApi.node';
import { createPipeApi } from '../sfu/pipeApi.node';
import { openSfu } from '../sfu/openSfu.node';
import { SFU_ENV, sfuConfigFromEnv, type SfuConfig } from '../sfu/sfuConfig.std';
import { localSfuWorkerPlace } from '../sfu/sfuWorkerPath.node';
import { createShowSfu } from '../sfu/showSfu.node';
import type { ShowSfu } from '../sfu/showSfuTypes.std';
import { createVideoOffShow } from '../sfu/videoOffShow.std';
import type { TlsFiles } from '../http/tlsFiles.node';
import { lanAddress } from '../network/lanAddress.node';
import { openClusterConnections } from '../roomCluster/clusterConnections.node';
import { createClusterRooms } from './pg/clusterRooms.node';
import { migratePostgresRooms } from './pg/pgRoomSchema.node';
import type { RoomClusterArgs } from './roomArgs.node';
import { openRoomDatabase } from './roomDatabase.node';
import type { RoomRateLimits } from './roomLimits.std';
import { startRoomServer, type RoomServer } from './roomServer.node';

// The live room with everything around it: its SQLite file (or, for a node of a cluster, its
// PostgreSQL and NATS: main/roomCluster/), the SFU (or the reason there is none), the
// broadcaster API and the server. The one composition of the room, used by
// `npm run room` and by the studio, which embeds it.

export interface RoomHostOptions {
  host: string;
  port: number;
  dataDir: string;
  rooms: readonly string[];
  token: string;
  /** The folder holding package.json and node_modules (where the SFU worker is looked for). */
  packageRoot: string;
  viewerDir: string | null;
  /** The base of viewers' links; null: http://<LAN address>:<port>. */
  publicUrl: string | null;
  env: NodeJS.ProcessEnv;
  requireModule: (id: string) => unknown;
  log: Logger;
  limits?: Partial<RoomRateLimits>;
  trustedProxies?: readonly string[];
  /** HTTPS and WSS with this certificate (`--tls-cert`, `--tls-key`); none: plain HTTP. */
  tls?: TlsFiles | null;
  now?: () => number;
  newId: () => string;
  /** The other room nodes' base URLs (`--peers`): asked for a room's broadcaster when this node has none. */
  peers?: readonly string[];
  /** A node of a cluster (`--cluster`): rooms in PostgreSQL, their event logs in NATS JetStream; none: the SQLite file. */
  cluster?: RoomClusterArgs | null;
}

export interface RoomHost {
  readonly server: RoomServer;
  readonly port: number;
  /** Where a viewer opens a room: what the studio's QR code holds. */
  watchUrl(roomId: string): string;
  /** The room protocol's socket for a room, for a studio on this machine. */
  localSocketUrl(roomId: string): string;
  showFor(roomId: string): ShowSfu;
  readonly videoReason: string | null;
  close(): Promise<void>;
}

/** Media goes where the room's page is reachable: loopback stays loopback, anything else is announced. */
export function sfuConfigFor(host: string, env: NodeJS.ProcessEnv, lan: string | null): { ok: true; config: SfuConfig } | { ok: false; message: string } {
  const parsed = sfuConfigFromEnv(env);
  if (!parsed.ok || env[SFU_ENV.listenIp] !== undefined || host === '127.0.0.1' || host === 'localhost') return parsed;
  return { ok: true, config: { ...parsed.config, listenIp: '0.0.0.0', announcedIp: parsed.config.announcedIp ?? lan ?? '127.0.0.1' } };
}

const realSchedule = (ms: number, run: () => void): (() => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export async function startRoomHost(options: RoomHostOptions): Promise<RoomHost> {
  const { log } = options;
  const lan = lanAddress(os.networkInterfaces());
  const sfuConfig = sfuConfigFor(options.host, options.env, lan);
  if (!sfuConfig.ok) throw new Error(sfuConfig.message);
  await mkdir(options.dataDir, { recursive: true });
  const clusterArgs = options.cluster ?? null;
  const shared = clusterArgs ? await openClusterConnections({ ...clusterArgs, log: log.child('cluster') }) : null;
  if (shared) await migratePostgresRooms(shared.pool).catch(async (error: unknown) => {
    await shared.close();
    throw error;
  });
  const db = openRoomDatabase((file) => new Sqlite(file), path.join(options.dataDir, 'room.sqlite'));
  const sfu = await openSfu({
    env: options.env,
    exists: existsSync,
    place: localSfuWorkerPlace(options.packageRoot),
    requireModule: options.requireModule,
    config: sfuConfig.config,
    cpuCount: os.availableParallelism(),
    log: log.child('sfu'),
  });
  const shows = new Map<string, ShowSfu>();
  const showFor = (roomId: string): ShowSfu => {
    let show = shows.get(roomId);
    if (!show) {
      const pipes = { peers: options.peers ?? [], token: options.token, node: options.newId(), fetch, schedule: realSchedule };
      show = sfu.available ? createShowSfu({ pool: sfu.pool, config: sfuConfig.config, log, roomId, pipes }) : createVideoOffShow(roomId, sfu.reason);
      shows.set(roomId, show);
    }
    return show;
  };
  let server: RoomServer | null = null;
  const broadcasterApi = createBroadcasterApi({
    showFor: (roomId) => (server?.roomExists(roomId) ? showFor(roomId) : undefined),
    token: options.token,
    log: log.child('broadcasters'),
  });
  const pipeApi = createPipeApi({ showFor: (roomId) => (server?.roomExists(roomId) ? showFor(roomId) : undefined), token: options.token, log });
  try {
    server = await startRoomServer({
      host: options.host,
      port: options.port,
      db,
      studioToken: options.token,
      viewerDir: options.viewerDir,
      videoFor: showFor,
      httpHandlers: [broadcasterApi, pipeApi],
      ...(options.limits ? { limits: options.limits } : {}),
      trustedProxies: options.trustedProxies ?? [],
      tls: options.tls ?? null,
      log,
      now: options.now ?? Date.now,
      newId: options.newId,
      cluster: shared && clusterArgs ? createClusterRooms({ pool: shared.pool, nc: shared.nc, nodeId: clusterArgs.nodeId, now: options.now ?? Date.now, newId: options.newId }) : null,
    });
  } catch (error) {
    if (sfu.available) sfu.pool.close();
    db.close();
    await shared?.close();
    throw error;
  }
  for (const roomId of options.rooms) await server.openRoom(roomId);
  const running = server;
  const reachable = options.host === '0.0.0.0' || options.host === '::' ? (lan ?? '127.0.0.1') : options.host;
  const secure = Boolean(options.tls);
  const base = options.publicUrl ?? `${secure ? 'https' : 'http'}://${reachable}:${running.port}`;
  return {
    server: running,
    port: running.port,
    watchUrl: (roomId) => `${base}/watch/${roomId}`,
    localSocketUrl: (roomId) => `${secure ? 'wss' : 'ws'}://${reachable === lan ? '127.0.0.1' : reachable}:${running.port}/rooms/${roomId}/live`,
    showFor,
    videoReason: sfu.available ? null : sfu.reason,
    async close() {
      await running.close();
      for (const show of shows.values()) show.close();
      if (sfu.available) sfu.pool.close();
      db.close();
      await shared?.close();
    },
  };
}
