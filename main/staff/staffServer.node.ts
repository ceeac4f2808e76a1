import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch, Sender } from '../kernel/dispatcher.std';
import type { EventHub } from '../kernel/eventHub.std';
import type { Logger } from '../log/logger.std';
import { serveApiSocket } from '../http/apiSocket.node';
import { allowReadOnly, closeServer, handleRequests, isSameOrigin, listen, readBody, readCookie, refuseUpgrade, serveRendererFile, sessionCookie } from '../http/httpShared.node';
import { lanSecurityHeaders } from '../http/securityHeaders.std';
import { httpServer, type TlsFiles } from '../http/tlsFiles.node';
import { confirmPairingPage, pairingCss, PAIRING_CSS_PATH, pairingPage, pairingPageCsp } from './pairingPage.std';
import type { StaffDesk } from './staffDesk.std';
import { sessionMessages, type CodeRefused, type SessionEndReason } from './staffRegistry.std';

// Not the studio's cookie name: cookies are per host, not per port, so a console opened on the
// studio's own machine must not overwrite the studio's session.
export const STAFF_COOKIE = 'shopcast_staff';
export const STAFF_API_PATH = '/api';
export const PAIR_PATH = '/pair';
/** The close code a console's sockets get when its session ends; the reason says why. */
export const SESSION_ENDED_CLOSE_CODE = 4001;
const MAX_API_MESSAGE = 1024 * 1024;
// `code=123456` and little else: anything much longer is not this console's form.
export const MAX_PAIR_BODY = 1024;
export const CROSS_ORIGIN_PAIRING =
  "This pairing was sent from another site, not from this console's own page, so it was refused. Open the link from the studio's Staff tab again.";

/** What the console server takes of the core (createCore's `Core` is one): calls, events and the staff desk. */
export interface StaffCore {
  dispatch: Dispatch;
  events: EventHub;
  staff: StaffDesk;
}

export interface StaffServerOptions {
  host: string;
  port: number;
  /** The address consoles reach this machine at (its LAN address), for the console URL. */
  publicHost: string;
  rendererDir: string;
  core: StaffCore;
  log: Logger;
  /** HTTPS and WSS with this certificate (SHOPCAST_STAFF_TLS_CERT / _KEY); none: plain http on the LAN. */
  tls?: TlsFiles | null;
}

export interface StaffServer {
  origin: string;
  close(): Promise<void>;
}

const codeFrom = (value: string | null) => (value ?? '').trim().slice(0, 16);

/**
 * Whether a POST comes from a page of this server. Browsers send Origin with every POST (and
 * this server's pages keep Referer for same-origin requests), so another site's page that
 * submits a code — to pair the browser as someone else, or to guess from its address — is
 * refused. A request with neither header is no browser riding on anyone's page.
 */
function fromOwnPage(request: IncomingMessage, scheme: 'http' | 'https'): boolean {
  const own = `${scheme}://${request.headers.host ?? ''}`;
  const { origin, referer } = request.headers;
  if (origin !== undefined) return origin === own;
  if (referer === undefined) return true;
  try {
    return new URL(referer).origin === own;
  } catch {
    return false;
  }
}

/**
 * Staff consoles on the LAN: the renderer and the contract over `/api`, for devices paired with a
 * six-digit code (the link shows who it pairs; only the button's POST spends it), each as its
 * member's role. No media socket and no program frame: a console runs the live panel, not the
 * show. Unpaired requests get the pairing pages and nothing else.
 */
export async function startStaffServer(options: StaffServerOptions): Promise<StaffServer> {
  const { core, log } = options;
  const registry = core.staff.registry;
  const scheme = options.tls ? 'https' : 'http';
  const secure = scheme === 'https';
  const apiSockets = new WebSocketServer({ noServer: true, maxPayload: MAX_API_MESSAGE });
  const socketsByMember = new Map<string, Set<WebSocket>>();

  function page(response: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
    response.writeHead(status, {
      ...lanSecurityHeaders,
      'Content-Security-Policy': pairingPageCsp,
      // Under no-referrer a browser sends `Origin: null` with the confirmation form's POST, which
      // the origin check must refuse; same-origin keeps both headers on this server only.
      'Referrer-Policy': 'same-origin',
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    });
    response.end(response.req.method === 'HEAD' ? undefined : html);
  }

  function refused(response: ServerResponse, refusal: CodeRefused, address: string, step: 'confirm' | 'pair'): void {
    log.warn('staff pairing refused', { reason: refusal.reason, address, step });
    page(response, refusal.reason === 'locked' ? 429 : 401, pairingPage(refusal.message));
  }

  /** The link (or the typed code): who it pairs, and a button; nothing is spent here. */
  function confirm(request: IncomingMessage, response: ServerResponse, code: string): void {
    const address = request.socket.remoteAddress ?? 'unknown';
    // A wrong code still counts against the address: looking must not be a way to guess.
    const peeked = registry.peek(code, address);
    if (!peeked.ok) {
      refused(response, peeked, address, 'confirm');
      return;
    }
    log.info('staff pairing link opened', { role: peeked.role, address });
    page(response, 200, confirmPairingPage(code, peeked.name, peeked.role));
  }

  /** The confirmation page's button: spends the code into the session cookie. */
  async function pair(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const address = request.socket.remoteAddress ?? 'unknown';
    if (!fromOwnPage(request, scheme)) {
      log.warn('staff pairing refused', { reason: 'cross-origin', address, origin: request.headers.origin ?? null, step: 'pair' });
      page(response, 403, pairingPage(CROSS_ORIGIN_PAIRING));
      return;
    }
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded') {
      response.writeHead(415, { ...lanSecurityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('Send the pairing form.');
      return;
    }
    const read = await readBody(request, MAX_PAIR_BODY);
    const body = read?.toString('utf8') ?? null;
    if (body === null) {
      // The rest of an oversized body is discarded, not read: the connection goes with the answer.
      response.writeHead(413, { ...lanSecurityHeaders, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('Too large.');
      return;
    }
    const redeemed = registry.redeem(codeFrom(new URLSearchParams(body).get('code')), address);
    if (!redeemed.ok) {
      refused(response, redeemed, address, 'pair');
      return;
    }
    const { member } = redeemed;
    log.info('staff console paired', { member: member.id, role: member.role, address });
    // 303, a GET: a reload does not post the spent code again, and the link's code leaves the
    // address bar.
    response.writeHead(303, {
      Location: '/',
      'Set-Cookie': sessionCookie(STAFF_COOKIE, redeemed.token, Math.floor((member.expiresAt - Date.now()) / 1000), secure),
      'Cache-Control': 'no-store',
    });
    response.end();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://console.invalid');
    if (url.pathname === PAIR_PATH && request.method === 'POST') {
      await pair(request, response);
      return;
    }
    if (url.pathname === PAIR_PATH && request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD, POST' }).end();
      return;
    }
    if (!allowReadOnly(request, response)) return;
    if (url.pathname === PAIRING_CSS_PATH) {
      response.writeHead(200, { ...lanSecurityHeaders, 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' });
      response.end(request.method === 'HEAD' ? undefined : pairingCss);
      return;
    }
    if (url.pathname === PAIR_PATH) {
      const code = codeFrom(url.searchParams.get('code'));
      // A HEAD (a link checker) learns nothing and counts nothing; an empty code is no guess.
      if (request.method === 'HEAD' || code === '') page(response, 200, pairingPage(null));
      else confirm(request, response, code);
      return;
    }
    const cookie = readCookie(request, STAFF_COOKIE);
    const session = registry.session(cookie);
    if (!session.ok) {
      // A dead cookie is cleared, so the next visit is a plain pairing form.
      const clear: Record<string, string> = cookie === undefined ? {} : { 'Set-Cookie': sessionCookie(STAFF_COOKIE, '', 0, secure) };
      const message = cookie === undefined ? null : session.reason === 'unknown' ? session.message : `${session.message}. Ask the host for a new code.`;
      page(response, 401, pairingPage(message), clear);
      return;
    }
    await serveRendererFile(request, response, options.rendererDir, url.pathname, lanSecurityHeaders);
  }

  const server = httpServer(options.tls);
  handleRequests(server, handle, (error, path) => log.error('request failed', { error, path }));

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://console.invalid').pathname;
    const cookie = readCookie(request, STAFF_COOKIE);
    const session = registry.session(cookie);
    const sameOrigin = isSameOrigin(request, scheme);
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
      // An open socket is not yet a working console (a page that failed after connecting once
      // showed the host "connected" over a blank screen): the window counts from its page's
      // `consoleReady` on this socket until the socket closes.
      let release: (() => void) | null = null;
      ws.on('close', () => {
        sockets.delete(ws);
        if (sockets.size === 0 && socketsByMember.get(memberId) === sockets) socketsByMember.delete(memberId);
        release?.();
      });
      const sender: Sender = { transport: 'websocket', id: `staff:${memberId}`, role: still.role, name: still.name, console: true };
      const dispatch = callWhilePaired(cookie);
      const countWhenReady: Dispatch = async (channel, payload, from) => {
        const outcome = await dispatch(channel, payload, from);
        if (channel === 'consoleReady' && outcome.ok && release === null && ws.readyState === ws.OPEN) release = registry.connect(memberId);
        return outcome;
      };
      serveApiSocket(ws, sender, countWhenReady, core.events, log.child('api'));
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
  const origin = `${scheme}://${options.publicHost}:${port}`;
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
