import type http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { securityHeaders } from './securityHeaders.std';
import { readStaticFile } from './staticFiles.node';

// What the browser studio's server and the staff console server both do the same way: cookies,
// the Origin check on upgrades, the renderer's files, listening and closing.

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** An HttpOnly, SameSite=Strict session cookie: no script reads it, no other site's request carries it. */
export function sessionCookie(name: string, value: string, maxAgeSeconds?: number): string {
  return `${name}=${value}; HttpOnly; SameSite=Strict; Path=/${maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`}`;
}

/**
 * The Origin check stops another site's page from riding on the cookie (cross-site WebSocket
 * hijacking): browsers always send Origin on a WebSocket upgrade.
 */
export function isSameOrigin(request: IncomingMessage): boolean {
  return request.headers.origin === `http://${request.headers.host ?? ''}`;
}

export function refuseUpgrade(socket: Duplex): void {
  socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
}

/** Answers 405 to anything but GET and HEAD; true when the request may go on. */
export function allowReadOnly(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  response.writeHead(405, { Allow: 'GET, HEAD' }).end();
  return false;
}

/** A file of the built renderer under the renderer CSP; hashed assets are cached for good. */
export async function serveRendererFile(request: IncomingMessage, response: ServerResponse, rendererDir: string, pathname: string): Promise<void> {
  const file = await readStaticFile(rendererDir, pathname);
  if (file.status === 404) {
    response.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': file.contentType,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

/** Routes requests to an async handler; a handler that throws answers 500 and is logged. */
export function handleRequests(
  server: http.Server,
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  onError: (error: unknown, path: string | undefined) => void,
): void {
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      onError(error, request.url);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
}

/** Listens and answers the port it got (the one asked for, or a free one for port 0). */
export async function listen(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function closeServer(server: http.Server, sockets: Iterable<WebSocket>): Promise<void> {
  for (const client of sockets) client.terminate();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() alone waits for every keep-alive connection a browser still holds open.
  server.closeAllConnections();
  await closed;
}
