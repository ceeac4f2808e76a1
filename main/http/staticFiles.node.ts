import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { securityHeaders } from './securityHeaders.std';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export type FoundStaticFile = { status: 200; body: Buffer; contentType: string; immutable: boolean };
export type StaticFile = FoundStaticFile | { status: 404 };

/** Reads a file of the built renderer; paths outside its folder do not exist. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 404 };
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep)) return { status: 404 };
  try {
    const body = await readFile(file);
    return {
      status: 200,
      body,
      contentType: contentTypes[path.extname(file)] ?? 'application/octet-stream',
      // Vite puts a content hash in asset names, so those never change under the same URL.
      immutable: relative.startsWith('assets/'),
    };
  } catch {
    return { status: 404 };
  }
}

/**
 * A file found by readStaticFile, under the security headers (`headers`: `lanSecurityHeaders` for
 * plain http on the LAN): hashed assets cached for good, the rest as `mutable` says (`no-store` for
 * the studio's pages, `no-cache` for the viewers' page).
 */
export function sendStaticFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: FoundStaticFile,
  mutable: 'no-store' | 'no-cache',
  headers: Readonly<Record<string, string>> = securityHeaders,
): void {
  response.writeHead(200, {
    ...headers,
    'Content-Type': file.contentType,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : mutable,
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}
