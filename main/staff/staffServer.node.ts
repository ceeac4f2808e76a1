import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/createCore.node';
import type { Dispatch, Sender } from '../core/dispatcher.std';
import type { Logger } from '../log/logger.std';
import { serveApiSocket } from '../studio/apiSocket.node';
import { allowReadOnly, closeServer, handleRequests, isSameOrigin, listen, readCookie, refuseUpgrade, serveRendererFile, sessionCookie } from '../studio/httpShared.node';
import { securityHeaders } from '../studio/securityHeaders.std';
import { pairingCss, PAIRING_CSS_PATH, pairingPage, pairingPageCsp } from './pairingPage.std';
import { sessionMessages, type SessionEndReason } from './staffRegistry.std';

// Not the studio's cookie name: cookies are per host, not per port, so a console opened on the
// studio's own machine must not overwrite the studio's session.
export const STAFF_COOKIE = 'shopcast_staff';
export const STAFF_API_PATH = '/api';
export const PAIR_PATH = '/pair';
/** The close code a console's sockets get when its session ends; the reason says why. */
export const SESSION_ENDED_CLOSE_CODE = 4001;
const MAX_API_MESSAGE = 1024 * 1024;

export interface StaffServerOptions {
  host: string;
  port: number;
  /** The address consoles reach this machine at (its LAN address), for the console URL. */
  publicHost: string;
  rendererDir: string;
  core: Pick<Core, 'dispatch' | 'events' | 'staff'>;
  log: Logger;
}

export interface StaffServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Staff consoles on the LAN: the renderer and the contract over `/api`, for devices paired with a
 * six-digit code, each as its member's role. No media socket and no program frame: a console
 * runs the live panel, not the show. Unpaired requests get the pairing form and nothing else.
 */
export async function startStaffServer(options: StaffServerOptions): Promise<StaffServer> {
  const { core, log } = options;
  const registry = core.staff.registry;
  const apiSockets = new WebSocketServer({ noServer: true, maxPayload: MAX_API_MESSAGE });
  const socketsByMember = new Map<string, Set<WebSocket>>();

  function page(response: ServerResponse, status: number, message: string | null, headers: Record<string, string> = {}): void {
    response.writeHead(status, {
      ...securityHeaders,
      'Content-Security-Policy': pairingPageCsp,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    });
    response.end(response.req.method === 'HEAD' ? undefined : pairingPage(message));
  }

  function pair(request: IncomingMessage, response: ServerResponse, code: string): void {
    const address = request.socket.remoteAddress ?? 'unknown';
    const redeemed = registry.redeem(code, address);
    if (!redeemed.ok) {
      log.warn('staff pairing refused', { reason: redeemed.reason, address });
      page(response, redeemed.reason === 'locked' ? 429 : 401, redeemed.message);
      return;
    }
    const { member } = redeemed;
    log.info('staff console paired', { member: member.id, role: member.role, address });
    // Redirect so the spent code leaves the address bar and the history.
    response.writeHead(303, {
      Location: '/',
      'Set-Cookie': sessionCookie(STAFF_COOKIE, redeemed.token, Math.floor((member.expiresAt - Date.now()) / 1000)),
      'Cache-Control': 'no-store',
    });
    response.end();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowReadOnly(request, response)) return;
    const url = new URL(request.url ?? '/', 'http://console.invalid');
    if (url.pathname === PAIRING_CSS_PATH) {
      response.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' });
      response.end(request.method === 'HEAD' ? undefined : pairingCss);
      return;
    }
    if (url.pathname === PAIR_PATH) {
      // Only a real visit spends a code: a HEAD (a link checker) gets the form.
      if (request.method === 'HEAD') page(response, 200, null);
      else pair(request, response, (url.searchParams.get('code') ?? '').trim().slice(0, 16));
      return;
    }
    const cookie = readCookie(request, STAFF_COOKIE);
    const session = registry.session(cookie);
    if (!session.ok) {
      // A dead cookie is cleared, so the next visit is a plain pairing form.
      const clear: Record<string, string> = cookie === undefined ? {} : { 'Set-Cookie': sessionCookie(STAFF_COOKIE, '', 0) };
      const message = cookie === undefined ? null : session.reason === 'unknown' ? session.message : `${session.message}. Ask the host for a new code.`;
      page(response, 401, message, clear);
      return;
    }
    await serveRendererFile(request, response, options.rendererDir, url.pathname);
  }

  const server = http.createServer();
  handleRequests(server, handle, (error, path) => log.error('request failed', { error, path }));

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://console.invalid').pathname;
    const cookie = readCookie(request, STAFF_COOKIE);
    const session = registry.session(cookie);
    const sameOrigin = isSameOrigin(request);
    if (path !== STAFF_API_PATH || !session.ok || !sameOrigin) {
      log.warn('staff socket refused', { path, paired: session.ok, sameOrigin });
      refuseUpgrade(socket);
      return;
    }
    apiSockets.handleUpgrade(request, socket, head, (ws) => {
      const { memberId } = session;
      // A revoke may land between the check above and this callback.
      const still = registry.session(cookie);
      if (!still.ok) {
        ws.close(SESSION_ENDED_CLOSE_CODE, still.message);
        return;
      }
      const sockets = socketsByMember.get(memberId) ?? new Set<WebSocket>();
      socketsByMember.set(memberId, sockets.add(ws));
      const release = registry.connect(memberId);
      ws.on('close', () => {
        sockets.delete(ws);
        if (sockets.size === 0 && socketsByMember.get(memberId) === sockets) socketsByMember.delete(memberId);
        release();
      });
      const sender: Sender = { transport: 'websocket', id: `staff:${memberId}`, role: still.role, name: still.name, console: true };
      serveApiSocket(ws, sender, callWhilePaired(cookie), core.events, log.child('api'));
    });
  });

  // Closing sends a close frame, but calls already in flight from the console could still arrive
  // during the closing handshake: each call checks the session again.
  function callWhilePaired(cookie: string | undefined): Dispatch {
    return async (channel, payload, sender) => {
      const session = registry.session(cookie);
      if (session.ok) return core.dispatch(channel, payload, sender);
      return { ok: false, error: { code: 'forbidden', message: session.message } };
    };
  }

  const stopListening = registry.onSessionEnded((memberId: string, reason: SessionEndReason) => {
    const sockets = socketsByMember.get(memberId);
    socketsByMember.delete(memberId);
    log.info('staff console disconnected', { member: memberId, reason, sockets: sockets?.size ?? 0 });
    for (const ws of sockets ?? []) ws.close(SESSION_ENDED_CLOSE_CODE, sessionMessages[reason]);
  });

  const port = await listen(server, options.port, options.host);
  const origin = `http://${options.publicHost}:${port}`;
  core.staff.setConsole({ url: origin });
  log.info('staff console server listening', { host: options.host, origin });

  return {
    origin,
    close: async () => {
      stopListening();
      core.staff.setConsole({ url: null, message: 'The staff console server has stopped.' });
      await closeServer(server, apiSockets.clients);
    },
  };
}
