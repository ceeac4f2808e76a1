import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.std';
import { HttpError, presentedToken, readJsonBody, sendJson } from '../http/httpJson.node';
import { tokenMatches } from '../security/tokenMatches.node';
import { describeIssue } from './mediasoupShapes.std';
import { SfuError } from './sfuErrors.std';
import { pipeRequestSchema } from './sfuPipeSchemas.std';
import type { ShowSfu } from './showSfuTypes.std';

// Room nodes asking each other for a show's producers (issue 14): `POST /rooms/:roomId/pipe` (a
// long poll, sfuPipeSchemas.std.ts) and `DELETE /rooms/:roomId/pipe/:node`, on the room's own
// HTTP server, behind the room token the cluster's nodes share, checked as the broadcaster API
// checks it: before anything else, so nobody learns which rooms are live without it.

const PIPE_BODY_LIMIT = 64 * 1024;

export interface PipeApiDeps {
  showFor(roomId: string): ShowSfu | undefined;
  token: string;
  log: Logger;
}

type Route = { name: 'pipe'; roomId: string } | { name: 'release'; roomId: string; node: string };

const statusOf: Record<SfuError['code'], number> = { invalid: 400, 'not-found': 404, conflict: 409, 'video-off': 503, failed: 500 };

export function createPipeApi(deps: PipeApiDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  if (deps.token.length < 16) throw new Error('the pipe API token must be at least 16 characters');
  const log = deps.log.child('pipeApi');
  return async (req, res, url) => {
    const route = matchRoute(url.pathname);
    if (route === null) return false;
    const method = req.method ?? 'GET';
    // The receiver gave up (or died): stop waiting for it and close what was made for it.
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    try {
      if (route === 'malformed') throw new HttpError(400, 'the path has a malformed escape');
      if (!tokenMatches(presentedToken(req), deps.token)) {
        throw new HttpError(401, 'a valid token is required: send Authorization: Bearer <token>', { 'www-authenticate': 'Bearer realm="shopcast-room"' });
      }
      const allowed = route.name === 'pipe' ? 'POST' : 'DELETE';
      if (method !== allowed) throw new HttpError(405, `${method} is not served here; use ${allowed}`, { allow: allowed });
      const show = deps.showFor(route.roomId);
      if (!show) throw new HttpError(404, `room "${route.roomId}" is not live`);
      if (route.name === 'release') {
        show.dropPipe(route.node);
        sendJson(res, 200, { released: true });
        return true;
      }
      const parsed = pipeRequestSchema.safeParse(await readJsonBody(req, PIPE_BODY_LIMIT));
      if (!parsed.success) throw new HttpError(400, `wrong body: ${describeIssue(parsed.error)}`);
      const answer = await show.pipeOut(parsed.data, gone.signal);
      if (!gone.signal.aborted) sendJson(res, 200, answer);
    } catch (error) {
      if (gone.signal.aborted) {
        log.debug('pipe request abandoned by its receiver', { path: url.pathname });
        return true;
      }
      const status = error instanceof HttpError ? error.status : error instanceof SfuError ? statusOf[error.code] : 500;
      const message = error instanceof HttpError || error instanceof SfuError ? error.message : 'the SFU failed; see the room log';
      if (status >= 500 && status !== 503) log.error('pipe request failed', { method, path: url.pathname, error });
      else log.info('pipe request refused', { method, path: url.pathname, status, message });
      if (!res.headersSent && !res.destroyed) sendJson(res, status, { error: message }, error instanceof HttpError ? error.headers : {});
    }
    return true;
  };
}

function matchRoute(pathname: string): Route | 'malformed' | null {
  const match = /^\/rooms\/([^/]+)\/pipe(?:\/([^/]+))?$/.exec(pathname);
  if (!match) return null;
  try {
    const roomId = decodeURIComponent(match[1] ?? '');
    return match[2] === undefined ? { name: 'pipe', roomId } : { name: 'release', roomId, node: decodeURIComponent(match[2]) };
  } catch {
    return 'malformed';
  }
}
