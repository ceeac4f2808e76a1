import type { IncomingMessage, ServerResponse } from 'node:http';
import type { types } from 'mediasoup';
import type { z } from 'zod';
import type { Logger } from '../log/logger.std';
import {
  connectTransportBodySchema,
  createBroadcasterBodySchema,
  createProducerBodySchema,
  createTransportBodySchema,
} from './broadcasterApiSchemas.std';
import { tokenMatches } from '../security/tokenMatches.node';
import { HttpError, presentedToken, readJsonBody, sendJson } from '../http/httpJson.node';
import { describeIssue } from './mediasoupShapes.std';
import { SfuError, type SfuErrorCode } from './sfuErrors.std';
import type { ShowSfu } from './showSfuTypes.std';

// mediasoup-demo's broadcaster REST API (server/server.js) over a live room's SFU, so its
// broadcasters/ffmpeg.sh and gstreamer.sh push into a Shopcast room unchanged
// (docs/BROADCASTER-API.md). Differences from the demo: a token is required, rooms are not created
// on demand (404 for a room that is not live), only plain transports, errors are JSON.

export const BROADCASTER_BODY_LIMIT = 64 * 1024;

export interface BroadcasterApiDeps {
  showFor(roomId: string): ShowSfu | undefined;
  /** The shared secret broadcasters present; at least 16 characters. */
  token: string;
  log: Logger;
  /** A path prefix, when the room server serves other things under /rooms (SERVER_URL then ends with it). */
  basePath?: string;
}

/** Answers true when the request was one of the API's, false for paths it leaves to the caller. */
export type BroadcasterApiHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

type Route =
  | { name: 'room'; roomId: string }
  | { name: 'broadcasters'; roomId: string }
  | { name: 'uplink'; roomId: string }
  | { name: 'broadcaster'; roomId: string; broadcasterId: string }
  | { name: 'resync'; roomId: string; broadcasterId: string }
  | { name: 'transports'; roomId: string; broadcasterId: string }
  | { name: 'connect'; roomId: string; broadcasterId: string; transportId: string }
  | { name: 'producers'; roomId: string; broadcasterId: string; transportId: string };

const allowedMethods: Record<Route['name'], readonly string[]> = {
  room: ['GET'],
  broadcasters: ['POST'],
  uplink: ['POST'],
  broadcaster: ['GET', 'DELETE'],
  resync: ['POST'],
  transports: ['POST'],
  connect: ['POST'],
  producers: ['POST'],
};

const statusOf: Record<SfuErrorCode, number> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  'video-off': 503,
  failed: 500,
};

export function createBroadcasterApi(deps: BroadcasterApiDeps): BroadcasterApiHandler {
  if (deps.token.length < 16) throw new Error('the broadcaster API token must be at least 16 characters');
  const log = deps.log.child('broadcasterApi');
  const basePath = (deps.basePath ?? '').replace(/\/+$/, '');

  return async (req, res, url) => {
    const route = matchRoute(url.pathname, basePath);
    if (route === null) return false;
    const method = req.method ?? 'GET';
    try {
      if (route === 'malformed') throw new HttpError(400, 'the path has a malformed escape');
      // Before anything else, so nobody learns which rooms are live without the token.
      if (!tokenMatches(presentedToken(req), deps.token)) {
        throw new HttpError(401, 'a valid token is required: send Authorization: Bearer <token>', {
          'www-authenticate': 'Bearer realm="shopcast-broadcaster"',
        });
      }
      const allowed = allowedMethods[route.name];
      if (!allowed.includes(method)) {
        throw new HttpError(405, `${method} is not served here; use ${allowed.join(' or ')}`, { allow: allowed.join(', ') });
      }
      const show = deps.showFor(route.roomId);
      if (!show) throw new HttpError(404, `room "${route.roomId}" is not live`);
      const answer = await serve(route, method, req, show);
      sendJson(res, 200, answer);
      if (method !== 'GET') log.info('broadcaster request served', { method, route: route.name, roomId: route.roomId });
    } catch (error) {
      const { status, message, headers } = refusalOf(error);
      if (status >= 500 && status !== 503) log.error('broadcaster request failed', { method, path: url.pathname, error });
      else log.info('broadcaster request refused', { method, path: url.pathname, status, message });
      sendJson(res, status, { error: message }, headers);
    }
    return true;
  };
}

async function serve(route: Route, method: string, req: IncomingMessage, show: ShowSfu): Promise<unknown> {
  switch (route.name) {
    case 'room':
      return show.rtpCapabilities();
    case 'uplink':
      return measureUplink(req);
    case 'broadcasters': {
      const body = parse(createBroadcasterBodySchema, await readJsonBody(req, BROADCASTER_BODY_LIMIT));
      return show.createBroadcaster({
        id: body.id,
        displayName: body.displayName,
        device: { name: body.device.name, version: body.device.version },
        rtpCapabilities: body.rtpCapabilities as types.RtpCapabilities | undefined,
      });
    }
    case 'broadcaster':
      if (method === 'DELETE') {
        show.deleteBroadcaster(route.broadcasterId);
        return { id: route.broadcasterId, deleted: true };
      }
      return show.broadcaster(route.broadcasterId);
    case 'resync':
      await show.resyncBroadcaster(route.broadcasterId);
      return { id: route.broadcasterId, resynced: true };
    case 'transports': {
      const body = parse(createTransportBodySchema, await readJsonBody(req, BROADCASTER_BODY_LIMIT));
      return show.createPlainTransport(route.broadcasterId, { comedia: body.comedia, rtcpMux: body.rtcpMux });
    }
    case 'connect': {
      const body = parse(connectTransportBodySchema, await readJsonBody(req, BROADCASTER_BODY_LIMIT));
      await show.connectPlainTransport(route.broadcasterId, route.transportId, body);
      return { connected: true };
    }
    case 'producers': {
      const body = parse(createProducerBodySchema, await readJsonBody(req, BROADCASTER_BODY_LIMIT));
      // The outline is checked here; mediasoup validates the rest and answers TypeError (400).
      const rtpParameters = body.rtpParameters as types.RtpParameters;
      return show.produce(route.broadcasterId, route.transportId, { kind: body.kind, rtpParameters, paused: body.paused });
    }
  }
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, `wrong body: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

function refusalOf(error: unknown): { status: number; message: string; headers: Record<string, string> } {
  if (error instanceof HttpError) return { status: error.status, message: error.message, headers: error.headers };
  if (error instanceof SfuError) return { status: statusOf[error.code], message: error.message, headers: {} };
  return { status: 500, message: 'the SFU failed; see the studio log', headers: {} };
}

/** null: not the API's path; 'malformed': the API's path with a broken %-escape. */
/** Shopcast's own: the studio times an upload of a few megabytes here before going live. */
export const UPLINK_TEST_LIMIT = 16 * 1024 * 1024;

async function measureUplink(req: IncomingMessage): Promise<{ bytes: number; ms: number }> {
  const started = performance.now();
  let first: number | null = null;
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    first ??= performance.now();
    bytes += chunk.length;
    if (bytes > UPLINK_TEST_LIMIT) throw new HttpError(413, `an upload test sends at most ${UPLINK_TEST_LIMIT / 1024 / 1024} MB`);
  }
  // Timed from the first byte: the connection's set-up is not upload bandwidth.
  return { bytes, ms: Math.max(1, performance.now() - (first ?? started)) };
}

function matchRoute(pathname: string, basePath: string): Route | 'malformed' | null {
  if (basePath !== '' && !pathname.startsWith(`${basePath}/`)) return null;
  const raw = pathname.slice(basePath.length).split('/');
  if (raw[0] !== '' || raw[1] !== 'rooms') return null;
  let parts: string[];
  try {
    parts = raw.slice(2).map((part) => decodeURIComponent(part));
  } catch {
    return 'malformed';
  }
  if (parts.some((part) => part === '')) return null;
  const [roomId, broadcasters, broadcasterId, transports, transportId, action, ...rest] = parts;
  if (roomId === undefined || rest.length > 0) return null;
  if (broadcasters === undefined) return { name: 'room', roomId };
  if (broadcasters === 'uplink' && broadcasterId === undefined) return { name: 'uplink', roomId };
  if (broadcasters !== 'broadcasters') return null;
  if (broadcasterId === undefined) return { name: 'broadcasters', roomId };
  if (transports === undefined) return { name: 'broadcaster', roomId, broadcasterId };
  if (transports === 'resync' && transportId === undefined) return { name: 'resync', roomId, broadcasterId };
  if (transports !== 'transports') return null;
  if (transportId === undefined) return { name: 'transports', roomId, broadcasterId };
  if (action === 'connect') return { name: 'connect', roomId, broadcasterId, transportId };
  if (action === 'producers') return { name: 'producers', roomId, broadcasterId, transportId };
  return null;
}
