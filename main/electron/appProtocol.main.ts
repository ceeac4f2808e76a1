import { net, protocol } from 'electron';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { ReplayDesk } from '../replay/replayDesk.node';
import { REPLAY_MEDIA_PREFIX } from '../replay/replayMediaPath.std';
import { openReplayMedia } from '../replay/replayMedia.node';
import { securityHeaders } from '../http/securityHeaders.std';
import { ORDERS_CSV_PATH } from '../../contract/schemas/fulfilment.std';
import { ordersCsvFileName } from '../fulfilment/ordersCsv.std';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://studio`;

/** Must run before `app.ready`: the renderer's origin is a standard, secure scheme, not file://. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the built renderer, and the replays' media with byte ranges, under app://studio/ with the same headers as the browser studio. */
export function serveRenderer(rendererDir: string, replay: Pick<ReplayDesk, 'mediaFile'>, orders: { csv(): Promise<string> }): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host === 'studio' && url.pathname.startsWith(REPLAY_MEDIA_PREFIX)) {
      const media = await openReplayMedia(replay, url.pathname, request.method, request.headers.get('range'));
      const body = media.body ? (Readable.toWeb(media.body) as ReadableStream<Uint8Array>) : null;
      return new Response(body, { status: media.status, headers: { ...securityHeaders, ...media.headers } });
    }
    if (url.host === 'studio' && url.pathname === ORDERS_CSV_PATH) {
      // The same download as the browser studio's: an attachment, made when asked, never cached.
      const headers = { ...securityHeaders, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${ordersCsvFileName(Date.now())}"`, 'Cache-Control': 'no-store' };
      return new Response(await orders.csv(), { status: 200, headers });
    }
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(root, `.${relative}`);
    if (url.host !== 'studio' || !file.startsWith(root + path.sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}
