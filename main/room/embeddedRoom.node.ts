import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { LiveRoomInfo } from '../../contract/schemas/liveRoom.std';
import type { Logger } from '../log/logger.std';
import type { ShowSfu } from '../sfu/showSfuTypes.std';
import { describeLiveRoom, liveRoomNotRunning } from './liveRoomInfo.node';
import { startRoomHost, type RoomHost } from './roomHost.node';
import { newRoomToken } from './roomToken.node';

// The studio's own live room, the default destination: going live needs no account and no
// server, and phones on the same network join by the QR code. It listens on every interface
// (SHOPCAST_ROOM_HOST=127.0.0.1 keeps it to this machine) on a fixed port, so a printed QR code
// keeps working from one show to the next; a taken port falls back to a free one.

export const DEFAULT_EMBEDDED_ROOM_PORT = 4821;
export const EMBEDDED_ROOM_ID = 'shop';

export interface EmbeddedRoom {
  info: () => LiveRoomInfo;
  /** The room's show, where Go Live broadcasts; null when the room is not running. */
  show: () => ShowSfu | null;
  /** For the studio's own connection to the room (issue 6's panel); null when not running. */
  host: RoomHost | null;
  token: string;
  close(): Promise<void>;
}

export interface EmbeddedRoomDeps {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  requireModule: (id: string) => unknown;
  log: Logger;
  packageRoot: string;
  viewerDir: string;
}

export async function startEmbeddedRoom(deps: EmbeddedRoomDeps): Promise<EmbeddedRoom> {
  // A fixed token (SHOPCAST_ROOM_TOKEN) lets an external broadcaster or bridge use the embedded room.
  const token = deps.env['SHOPCAST_ROOM_TOKEN'] ?? newRoomToken();
  const portText = deps.env['SHOPCAST_ROOM_PORT'];
  const start = (port: number) =>
    startRoomHost({
      host: deps.env['SHOPCAST_ROOM_HOST'] ?? '0.0.0.0',
      port,
      dataDir: path.join(deps.dataDir, 'room'),
      rooms: [EMBEDDED_ROOM_ID],
      token,
      packageRoot: deps.packageRoot,
      viewerDir: deps.viewerDir,
      publicUrl: deps.env['SHOPCAST_ROOM_PUBLIC_URL'] ?? null,
      // Behind a reverse proxy (or a load generator speaking as one), viewers' own addresses come from X-Forwarded-For.
      trustedProxies: (deps.env['SHOPCAST_ROOM_TRUST_PROXY'] ?? '').split(',').map((address) => address.trim()).filter(Boolean),
      env: deps.env,
      requireModule: deps.requireModule,
      log: deps.log,
      newId: randomUUID,
    });
  try {
    const host = await start(portText ? Number(portText) : DEFAULT_EMBEDDED_ROOM_PORT).catch((error: unknown) => {
      if (portText || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      return start(0);
    });
    const info = await describeLiveRoom(host, EMBEDDED_ROOM_ID);
    deps.log.info('live room open', { watchUrl: info().watchUrl });
    return { info, show: () => host.showFor(EMBEDDED_ROOM_ID), host, token, close: () => host.close() };
  } catch (error) {
    const message = `The live room did not start: ${error instanceof Error ? error.message : String(error)}. Comments and orders from your own room are off until the studio restarts.`;
    deps.log.error('live room did not start', { error });
    const info = () => liveRoomNotRunning(message);
    return { info, show: () => null, host: null, token, close: () => Promise.resolve() };
  }
}
