import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './httpShared.node';

// Small JSON-over-HTTP helpers (the broadcaster API, the room's /healthz): bodies read with a hard size limit,
// answers that are always JSON and never cached, and a constant-time token check.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/**
 * The body as JSON ({} when empty). Over `limit` bytes it stops reading and throws 413: a declared
 * Content-Length is refused before any byte is read.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit);
  if (body === null) throw tooLarge(limit);
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
}

function tooLarge(limit: number): HttpError {
  // The rest of the body is thrown away: close the connection rather than keep reading it.
  return new HttpError(413, `the body is larger than ${limit / 1024} KB`, { connection: 'close' });
}

/**
 * `Authorization: Bearer <token>`, or Basic with the token as password: mediasoup-demo's scripts
 * can only carry credentials in SERVER_URL (http://broadcaster:<token>@host), which httpie sends
 * as Basic.
 */
export function presentedToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer?.[1]) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}
