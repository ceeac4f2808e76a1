import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { roomIdSchema, roomLimits } from '../../contract/room/roomMessages.std';
import type { Logger } from '../log/logger.std';
import { handleRequests, listen, refuseUpgrade } from '../http/httpShared.node';
import { sendJson } from '../http/httpJson.node';
import { securityHeaders } from '../http/securityHeaders.std';
import { httpServer, type TlsFiles } from '../http/tlsFiles.node';
import { readStaticFile, sendStaticFile } from '../http/staticFiles.node';
import { createFanout, type Fanout } from './fanout.std';
import { COUNTER_EVENT_MS, openLiveRoom, type LiveRoom } from './liveRoom.node';
import { openSqliteRoomStore } from './sqliteRoomStore.node';
import { createRateLimiter } from './rateLimiter.std';
import { roomCloseCodes } from './roomCloseCodes.std';
import { handleRoomConnection, type RoomRuntime } from './roomConnection.node';
import type { Database } from './roomDatabase.node';
import { defaultRoomLimits, type RoomRateLimits } from './roomLimits.std';
import type { RoomVideo } from './roomVideo.std';
import { createRoomPhotos, type RoomPhotos, type StoredPhoto } from './roomPhotos.node';
import { knownViewerKeys } from './viewerKeys.node';

// The live room server: viewers' page (GET /watch/:roomId), the room protocol
// (WebSocket /rooms/:roomId/live, docs/ROOM-PROTOCOL.md), and any extra HTTP handlers the
// composition root mounts (the SFU's broadcaster API). Embedded in the studio or standalone.

/** What a cluster node's room is built from: the server's fan-out and video for it. */
export interface ClusterRoomParts {
  fanout: Fanout;
  video: RoomVideo;
  log: Logger;
}

export interface ClusterRoom {
  room: LiveRoom;
  /** Viewers' sockets on every node (this one's counted now, the others' as they last said). */
  viewers(): number;
  knowsViewer(viewerKey: string): boolean;
  /** Stops following the room's log and relaying to it. */
  close(): Promise<void>;
}

/**
 * Rooms kept by a cluster (main/roomCluster/): in PostgreSQL, each followed in its NATS JetStream
 * log, opened asynchronously. Without one, rooms live in this server's SQLite file.
 */
export interface ClusterRooms {
  /** Whether a room exists that this node has not opened yet (a studio opened it on another node). */
  exists(roomId: string): Promise<boolean>;
  open(roomId: string, parts: ClusterRoomParts): Promise<ClusterRoom>;
  /** Where every node reads the rooms' product photos. */
  photos: RoomPhotos;
}

export type HttpHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

export interface RoomServerOptions {
  host: string;
  port: number;
  db: Database;
  studioToken: string;
  /** The built renderer (viewer.html and its assets); null serves no pages (protocol only). */
  viewerDir: string | null;
  videoFor: (roomId: string) => RoomVideo;
  httpHandlers?: readonly HttpHandler[];
  limits?: Partial<RoomRateLimits>;
  log: Logger;
  now: () => number;
  newId: () => string;
  /** How often the studio's batch of events goes out. */
  studioFlushMs?: number;
  /** How often viewers' batches go out: slower, as the platforms do, so 10,000 viewers cost little. */
  viewerFlushMs?: number;
  /** Reverse proxies (nginx…) whose X-Forwarded-For names the viewer's address for rate limits. */
  trustedProxies?: readonly string[];
  /** Serve HTTPS and WSS with this certificate; none: plain HTTP (alone, or behind a TLS-terminating proxy). */
  tls?: TlsFiles | null;
  /** Rooms shared with other nodes (--cluster); none: rooms in `db`. */
  cluster?: ClusterRooms | null;
  /** Runs `run` after `ms` unless cancelled (the hello timeout); tests pass a clock of their own. */
  schedule?: (ms: number, run: () => void) => () => void;
}

const realSchedule = (ms: number, run: () => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export interface RoomServer {
  readonly port: number;
  /** Opens (creating when new) a room, as a studio hello would: at once on SQLite, a promise in a cluster. */
  openRoom(roomId: string): RoomRuntime | Promise<RoomRuntime>;
  roomExists(roomId: string): boolean;
  close(): Promise<void>;
}

const LIVE_PATH = /^\/rooms\/([^/]+)\/live$/;
const WATCH_PATH = /^\/watch\/([^/]+)$/;
const PHOTO_PATH = /^\/rooms\/([a-z0-9][a-z0-9-]{0,39})\/photos\/([0-9a-f]{64})\.([a-z]{3,4})$/;
const PING_MS = 30_000;
const VIEWER_GROUPS = 10;

/** A path segment decoded, or '' when it is not valid percent-encoding (then no room matches). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

/**
 * A stored product photo. Its address is its content's hash, so it is cached for good; its
 * type is the one the studio's data: URL declared, and the browser is told not to guess another
 * (nosniff) nor to run anything in it (the CSP of every response).
 */
function sendPhoto(request: IncomingMessage, response: ServerResponse, photo: StoredPhoto | null): void {
  if (!photo) return sendText(response, 404, 'Not found.');
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': photo.contentType,
    'Content-Length': String(photo.bytes.length),
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
  response.end(request.method === 'HEAD' ? undefined : photo.bytes);
}

export async function startRoomServer(options: RoomServerOptions): Promise<RoomServer> {
  const { log, db } = options;
  const limits: RoomRateLimits = { ...defaultRoomLimits, ...options.limits };
  const studioFlushMs = options.studioFlushMs ?? 25;
  const viewerFlushMs = options.viewerFlushMs ?? 500;
  const trustedProxies = new Set(options.trustedProxies ?? []);
  const rooms = new Map<string, RoomRuntime>();
  const limiters = {
    commentPerViewer: createRateLimiter(limits.commentPerViewer),
    commentPerAddress: createRateLimiter(limits.commentPerAddress),
    orderPerViewer: createRateLimiter(limits.orderPerViewer),
    orderPerAddress: createRateLimiter(limits.orderPerAddress),
    newViewerPerAddress: createRateLimiter(limits.newViewersPerAddress),
  };
  const knownViewer = knownViewerKeys(db);
  const photos: RoomPhotos = options.cluster?.photos ?? createRoomPhotos(db);
  const socketsPerAddress = new Map<string, number>();
  const roomRow = db.prepare<[string], { id: string }>('SELECT id FROM rooms WHERE id = ?');

  const { cluster } = options;
  const opening = new Map<string, Promise<RoomRuntime>>();
  const closers: (() => Promise<void>)[] = [];

  const newFanout = (roomId: string) =>
    createFanout({
      viewerCommentsPerSecond: limits.viewerCommentsPerSecond,
      viewerGroups: VIEWER_GROUPS,
      maxViewerBufferBytes: limits.maxViewerBufferBytes,
      maxStudioBufferBytes: limits.maxStudioBufferBytes,
      onDropped: (who, bufferedBytes) => log.warn('dropped a slow socket', { roomId, who, bufferedBytes }),
    });

  /** A cluster node's room: opened once however many hellos ask for it together. */
  const openClusterRoom = (clusterRooms: ClusterRooms, roomId: string): Promise<RoomRuntime> => {
    const pending = opening.get(roomId);
    if (pending) return pending;
    const fanout = newFanout(roomId);
    const video = options.videoFor(roomId);
    const opened = clusterRooms.open(roomId, { fanout, video, log: log.child(`room:${roomId}`) }).then(
      (clusterRoom) => {
        const runtime: RoomRuntime = { room: clusterRoom.room, fanout, video, viewers: clusterRoom.viewers, knowsViewer: clusterRoom.knowsViewer };
        rooms.set(roomId, runtime);
        closers.push(clusterRoom.close);
        log.info('room open', { roomId, lastSeq: clusterRoom.room.lastSeq(), cluster: true });
        return runtime;
      },
      (error: unknown) => {
        opening.delete(roomId);
        throw error;
      },
    );
    opening.set(roomId, opened);
    return opened;
  };

  const openRoom = (roomId: string): RoomRuntime | Promise<RoomRuntime> => {
    const open = rooms.get(roomId);
    if (open) return open;
    if (cluster) return openClusterRoom(cluster, roomId);
    const fanout = newFanout(roomId);
    const video = options.videoFor(roomId);
    const room = openLiveRoom({
      store: openSqliteRoomStore(db, roomId, options.now),
      roomId,
      now: options.now,
      newId: options.newId,
      log: log.child(`room:${roomId}`),
      videoState: () => video.videoState(),
      onEvent: (stored) => fanout.publish({ seq: stored.event.seq, kind: stored.event.kind, owner: stored.owner, json: stored.json }),
      defer: (run) => setImmediate(run),
    });
    const runtime: RoomRuntime = { room, fanout, video, viewers: () => fanout.viewerCount, knowsViewer: (viewerKey) => knownViewer(roomId, viewerKey) };
    rooms.set(roomId, runtime);
    log.info('room open', { roomId, lastSeq: room.lastSeq() });
    return runtime;
  };

  /** Open here, or (SQLite) in the file; a cluster's other rooms are asked of its database (`findRoom`). */
  const roomExists = (roomId: string) => rooms.has(roomId) || (!cluster && roomRow.get(roomId) !== undefined);
  const findRoom = (roomId: string, create: boolean): RoomRuntime | null | Promise<RoomRuntime | null> => {
    if (create || roomExists(roomId)) return openRoom(roomId);
    if (!cluster) return null;
    return cluster.exists(roomId).then((found) => (found ? openRoom(roomId) : null));
  };

  const studioFlushTimer = setInterval(() => {
    for (const { fanout } of rooms.values()) fanout.flushStudio();
  }, studioFlushMs);
  const viewerFlushTimer = setInterval(() => {
    const now = performance.now();
    for (const { fanout } of rooms.values()) fanout.flushViewers(now);
  }, viewerFlushMs / VIEWER_GROUPS);
  const counterTimer = setInterval(() => {
    for (const { room } of rooms.values()) room.flushCounters();
    const now = options.now();
    for (const limiter of Object.values(limiters)) limiter.sweep(now);
  }, COUNTER_EVENT_MS);

  const serveHttp = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://room.invalid');
    for (const handler of options.httpHandlers ?? []) if (await handler(request, response, url)) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.');
    if (url.pathname === '/healthz') return sendJson(response, 200, { ok: true, rooms: rooms.size });
    const photoPath = PHOTO_PATH.exec(url.pathname);
    if (photoPath) return sendPhoto(request, response, await photos.read(photoPath[1] ?? '', photoPath[2] ?? '', photoPath[3] ?? ''));
    if (!options.viewerDir) return sendText(response, 404, 'Not found.');
    const watch = WATCH_PATH.exec(url.pathname);
    let file: string;
    if (watch) {
      const roomId = safeDecode(watch[1] ?? '');
      if (!roomIdSchema.safeParse(roomId).success || !(roomExists(roomId) || (cluster && (await cluster.exists(roomId))))) {
        return sendText(response, 404, 'This live room does not exist (yet). Check the link, or ask the shop for a new one.');
      }
      file = '/viewer.html';
    } else if (/^\/watch\/assets\/[\w.-]+$/.test(url.pathname)) {
      // The page's own bundle only: nothing else of the built renderer (the studio's page) is public.
      file = url.pathname.slice('/watch'.length);
    } else {
      return sendText(response, 404, 'Not found.');
    }
    const found = await readStaticFile(options.viewerDir, file);
    if (found.status === 404) return sendText(response, 404, 'Not found.');
    sendStaticFile(request, response, found, 'no-cache');
  };

  const server = httpServer(options.tls);
  handleRequests(
    server,
    serveHttp,
    (error, path) => log.error('http request failed', { error, path }),
    (response) => {
      if (!response.headersSent) sendText(response, 500, 'Something went wrong in the room server; it is logged.');
      else response.destroy();
    },
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: roomLimits.maxStudioFrameBytes, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://room.invalid');
    const match = LIVE_PATH.exec(url.pathname);
    const roomId = match ? safeDecode(match[1] ?? '') : '';
    const peer = request.socket.remoteAddress ?? 'unknown';
    // Behind a trusted proxy the viewer is the last address it appended, not the proxy.
    const forwarded = trustedProxies.has(peer) ? request.headers['x-forwarded-for'] : undefined;
    const address = (typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined) || peer;
    const origin = request.headers.origin;
    // Browsers always send Origin: another site's page may not drive a viewer's or studio's socket.
    const crossSite = origin !== undefined && origin !== `http://${request.headers.host ?? ''}` && origin !== `https://${request.headers.host ?? ''}`;
    const refuse = (status: string) => refuseUpgrade(socket, status);
    if (!match || !roomIdSchema.safeParse(roomId).success) return refuse('404 Not Found');
    if (crossSite) return refuse('403 Forbidden');
    if ((socketsPerAddress.get(address) ?? 0) >= limits.socketsPerAddress) return refuse('429 Too Many Requests');
    wss.handleUpgrade(request, socket, head, (ws) => {
      // Counted only here, once `ws` accepted the handshake: one it refuses (400) never gets a
      // 'close' to uncount it, and 200 of them used to lock the address out for good (issue 14).
      socketsPerAddress.set(address, (socketsPerAddress.get(address) ?? 0) + 1);
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      const connection = handleRoomConnection(ws, {
        roomId,
        address,
        runtime: (create) => findRoom(roomId, create),
        studioToken: options.studioToken,
        limits,
        limiters,
        socketLimiter: createRateLimiter(limits.messagePerSocket),
        photos,
        nowMs: options.now,
        schedule: options.schedule ?? realSchedule,
        defer: (run) => void setImmediate(run),
        log,
        onJoined: () => {
          const runtime = rooms.get(roomId);
          runtime?.room.setViewerCount(runtime.viewers());
        },
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => connection.onMessage(data, isBinary));
      ws.on('error', (error) => log.debug('room socket error', { error: error.message }));
      ws.on('close', () => {
        connection.onClose();
        const left = (socketsPerAddress.get(address) ?? 1) - 1;
        if (left <= 0) socketsPerAddress.delete(address);
        else socketsPerAddress.set(address, left);
        const runtime = rooms.get(roomId);
        runtime?.room.setViewerCount(runtime.viewers());
      });
    });
  });

  const pingTimer = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_MS);

  const port = await listen(server, options.port, options.host);
  log.info('room server listening', { host: options.host, port, tls: Boolean(options.tls) });

  return {
    port,
    openRoom,
    roomExists,
    async close() {
      clearInterval(studioFlushTimer);
      clearInterval(viewerFlushTimer);
      clearInterval(counterTimer);
      clearInterval(pingTimer);
      await Promise.allSettled(opening.values());
      await Promise.all(closers.map((close) => close()));
      for (const { fanout } of rooms.values()) {
        fanout.flushStudio();
        for (let group = 0; group < VIEWER_GROUPS; group += 1) fanout.flushViewers(performance.now());
      }
      for (const ws of wss.clients) ws.close(roomCloseCodes.goingAway, 'The room server is stopping.');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
