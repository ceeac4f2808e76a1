import type http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { securityHeaders } from './securityHeaders.std';
import { readStaticFile, sendStaticFile } from './staticFiles.node';

// What the servers (the browser studio's, the staff consoles', the live room's) do the same way:
// cookies, the Origin check on upgrades, refused upgrades, bodies read within a limit, the
// renderer's files, routing to an async handler, listening and closing.

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * An HttpOnly, SameSite=Strict session cookie: no script reads it, no other site's request carries
 * it. `secure` (a server speaking HTTPS) keeps the browser from ever sending it over plain http.
 */
export function sessionCookie(name: string, value: string, maxAgeSeconds?: number, secure = false): string {
  return `${name}=${value}; HttpOnly; SameSite=Strict; Path=/${maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`}${secure ? '; Secure' : ''}`;
}

/**
 * The Origin check stops another site's page from riding on the cookie (cross-site WebSocket
 * hijacking): browsers always send Origin on a WebSocket upgrade.
 */
export function isSameOrigin(request: IncomingMessage, scheme: 'http' | 'https' = 'http'): boolean {
  return request.headers.origin === `${scheme}://${request.headers.host ?? ''}`;
}

/** Answers an upgrade request with `status` (401 unless said) and no body, and closes the connection. */
export function refuseUpgrade(socket: Duplex, status = '401 Unauthorized'): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The body, or null once it is longer than `limit` bytes (a declared Content-Length is refused
 * before any byte is read) or when the client leaves before its end. The rest of a refused body
 * is discarded, never buffered: the answer should close the connection.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (body: Buffer | null): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
      resolve(body);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        // Not destroyed: that would take the socket and the 413 with it. The rest is discarded.
        finish(null);
        request.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish(Buffer.concat(chunks));
    // A client gone before the end: nothing to answer.
    const onClose = (): void => finish(null);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onClose);
    request.once('error', reject);
  });
}

/** Answers 405 to anything but GET and HEAD; true when the request may go on. */
export function allowReadOnly(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  response.writeHead(405, { Allow: 'GET, HEAD' }).end();
  return false;
}

/** A file of the built renderer under the renderer CSP (and `headers`' others); hashed assets are cached for good. */
export async function serveRendererFile(
  request: IncomingMessage,
  response: ServerResponse,
  rendererDir: string,
  pathname: string,
  headers: Readonly<Record<string, string>> = securityHeaders,
): Promise<void> {
  const file = await readStaticFile(rendererDir, pathname);
  if (file.status === 404) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  sendStaticFile(request, response, file, 'no-store', headers);
}

const bare500 = (response: ServerResponse): void => {
  if (!response.headersSent) response.writeHead(500).end();
};

/** Routes requests to an async handler; a handler that throws is logged and answered by `fail` (a bare 500 unless said). */
export function handleRequests(
  server: http.Server,
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  onError: (error: unknown, path: string | undefined) => void,
  fail: (response: ServerResponse) => void = bare500,
): void {
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      onError(error, request.url);
      fail(response);
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
