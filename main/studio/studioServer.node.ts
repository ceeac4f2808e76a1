import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline, type Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/createCore.node';
import type { Logger } from '../log/logger.std';
import type { MediaFrame } from '../media/mediaIngest.std';
import { serveMediaSocket } from '../media/mediaSocket.node';
import { serveApiSocket } from '../http/apiSocket.node';
import { createPairing } from './pairing.std';
import { allowReadOnly, closeServer, handleRequests, isSameOrigin, listen, readCookie, refuseUpgrade, serveRendererFile, sessionCookie } from '../http/httpShared.node';
import { REPLAY_MEDIA_PREFIX } from '../replay/replayMediaPath.std';
import { openReplayMedia } from '../replay/replayMedia.node';
import { securityHeaders } from '../http/securityHeaders.std';
import { unauthorizedPage, type RefusalReason } from './unauthorizedPage.std';
import { ORDERS_CSV_PATH } from '../../contract/schemas/fulfilment.std';
import { ordersCsvFileName } from '../fulfilment/ordersCsv.std';

export const SESSION_COOKIE = 'shopcast_session';
export const API_PATH = '/api';
export const MEDIA_PATH = '/media';
/** The newest program frame as raw I420, for paired clients (pixel checks, thumbnails). */
export const PROGRAM_FRAME_PATH = '/program/frame.i420';
// A 1080p I420 frame is 3.1 MB; nothing legitimate on the media socket is larger than 4K I420.
const MAX_MEDIA_MESSAGE = 4096 * 4096 * 2;
const MAX_API_MESSAGE = 1024 * 1024;
/** How long `?after=` waits for the next program frame before answering that none came. */
const NEXT_FRAME_WAIT_MS = 5000;

function nextVideoFrame(media: Core['media'], after: number, timeoutMs: number): Promise<MediaFrame | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(null);
    }, timeoutMs);
    const stop = media.onVideoFrame((frame) => {
      if (frame.header.sequence <= after) return;
      clearTimeout(timer);
      stop();
      resolve(frame);
    });
  });
}

export interface StudioServerOptions {
  host: string;
  port: number;
  rendererDir: string;
  core: Pick<Core, 'dispatch' | 'events' | 'media' | 'replay' | 'orders'>;
  log: Logger;
}

export interface StudioServer {
  origin: string;
  /** A fresh one-time pairing URL. */
  pairingUrl(): string;
  close(): Promise<void>;
}

/** Program frames whose arrival time is kept: more than a second of them at 30 fps. */
const RECEIVED_TIMES_KEPT = 120;

function serveProgramFrame(response: ServerResponse, frame: MediaFrame | null, receivedAtMs?: number): void {
  if (!frame) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('No program frame has arrived yet.');
    return;
  }
  const { header, payload } = frame;
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Cache-Control': 'no-store',
    'X-Frame-Width': String(header.width),
    'X-Frame-Height': String(header.height),
    'X-Frame-Sequence': String(header.sequence),
    'X-Frame-Capture-Time': String(header.captureTimeMs),
    // When the core received it (epoch ms): the frame is in the program from then, not from when composing began.
    ...(receivedAtMs === undefined ? {} : { 'X-Frame-Received-Time': String(receivedAtMs) }),
  });
  response.end(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
}

/**
 * The browser studio: the built renderer and the contract over WebSocket, behind one-time pairing.
 * Unpaired requests get a 401 page and nothing else: no script, no asset, no socket.
 */
export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const { core, log } = options;
  const pairing = createPairing(() => randomBytes(24).toString('base64url'));
  const apiSockets = new WebSocketServer({ noServer: true, maxPayload: MAX_API_MESSAGE });
  const mediaSockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MEDIA_MESSAGE, perMessageDeflate: false });
  const receivedAt = new Map<number, number>();
  const stopTimingFrames = core.media.onVideoFrame((frame) => {
    receivedAt.set(frame.header.sequence, Date.now());
    if (receivedAt.size > RECEIVED_TIMES_KEPT) receivedAt.delete(receivedAt.keys().next().value as number);
  });
  const serveFrame = (response: ServerResponse, frame: MediaFrame | null) => serveProgramFrame(response, frame, frame ? receivedAt.get(frame.header.sequence) : undefined);

  function refuse(response: ServerResponse, reason: RefusalReason): void {
    response.writeHead(401, {
      ...securityHeaders,
      'Content-Security-Policy': "default-src 'none'",
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(unauthorizedPage(reason));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://studio.invalid');
    if (!allowReadOnly(request, response)) return;
    const token = url.searchParams.get('token');
    if (token !== null) {
      const redeemed = pairing.redeem(token);
      if (!redeemed.ok) {
        log.warn('pairing refused', { reason: redeemed.reason, address: request.socket.remoteAddress });
        refuse(response, redeemed.reason);
        return;
      }
      log.info('browser paired', { address: request.socket.remoteAddress });
      url.searchParams.delete('token');
      // Redirect so the spent token leaves the address bar and the history.
      response.writeHead(303, {
        Location: `${url.pathname}${url.search}`,
        'Set-Cookie': sessionCookie(SESSION_COOKIE, redeemed.sessionId),
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    if (!pairing.isSession(readCookie(request, SESSION_COOKIE))) {
      refuse(response, 'missing');
      return;
    }
    if (url.pathname === PROGRAM_FRAME_PATH) {
      const after = Number(url.searchParams.get('after') ?? Number.NaN);
      const latest = core.media.latestVideoFrame();
      if (Number.isInteger(after) && (latest === null || latest.header.sequence <= after)) {
        // `?after=<sequence>`: the next frame as it arrives, so a reader sees every frame without polling.
        serveFrame(response, await nextVideoFrame(core.media, after, NEXT_FRAME_WAIT_MS));
        return;
      }
      serveFrame(response, latest);
      return;
    }
    if (url.pathname === ORDERS_CSV_PATH) {
      // A download, made when asked: the buyers' contacts never sit in a cache or a file.
      response.writeHead(200, {
        ...securityHeaders,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${ordersCsvFileName(Date.now())}"`,
        'Cache-Control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : core.orders.csv());
      return;
    }
    if (url.pathname.startsWith(REPLAY_MEDIA_PREFIX)) {
      const media = await openReplayMedia(core.replay, url.pathname, request.method ?? 'GET', request.headers.range);
      response.writeHead(media.status, { ...securityHeaders, ...media.headers });
      // pipeline, not pipe: a seek aborts the request (the file is closed at once), and a file gone
      // since its size was read ends the answer instead of the process.
      if (media.body) pipeline(media.body, response, (error) => error && log.info('replay media answer ended early', { path: url.pathname, error }));
      else response.end();
      return;
    }
    await serveRendererFile(request, response, options.rendererDir, url.pathname);
  }

  const server = http.createServer();
  handleRequests(server, handle, (error, path) => log.error('request failed', { error, path }));

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://studio.invalid').pathname;
    const sessionId = readCookie(request, SESSION_COOKIE);
    const sameOrigin = isSameOrigin(request);
    const target = path === API_PATH ? apiSockets : path === MEDIA_PATH ? mediaSockets : null;
    if (!target || !pairing.isSession(sessionId) || !sameOrigin) {
      log.warn('socket refused', { path, paired: pairing.isSession(sessionId), sameOrigin });
      refuseUpgrade(socket);
      return;
    }
    target.handleUpgrade(request, socket, head, (ws) => {
      const senderId = `browser:${sessionId.slice(0, 6)}`;
      if (target === apiSockets) {
        serveApiSocket(ws, { transport: 'websocket', id: senderId, role: 'host', name: 'Host' }, core.dispatch, core.events, log.child('api'));
      } else {
        serveMediaSocket(ws, core.media, senderId);
      }
    });
  });

  const port = await listen(server, options.port, options.host);
  const origin = `http://${options.host}:${port}`;
  log.info('studio server listening', { origin });

  return {
    origin,
    pairingUrl: () => `${origin}/?token=${pairing.issueToken()}`,
    close: () => {
      stopTimingFrames();
      return closeServer(server, [...apiSockets.clients, ...mediaSockets.clients]);
    },
  };
}
