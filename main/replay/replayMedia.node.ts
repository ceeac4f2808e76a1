import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ReplayDesk } from './replayDesk.node';
import { mediaAnswer } from '../http/mediaRange.std';
import { replayMediaPath } from './replayMediaPath.std';

// A replay's media file (a show's video, a clip, a thumbnail, an export) for the player, with byte
// ranges: the answer both edges send, the browser studio's server as is, Electron's app protocol
// as a web Response. The library decides which files of a show may be served.

export interface ReplayMediaResponse {
  status: number;
  headers: Record<string, string>;
  /** null for HEAD, 404 and 416. */
  body: Readable | null;
}

const notFound: ReplayMediaResponse = { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, body: null };

export async function openReplayMedia(replay: Pick<ReplayDesk, 'mediaFile'>, pathname: string, method: string, rangeHeader: string | null | undefined): Promise<ReplayMediaResponse> {
  const wanted = replayMediaPath(pathname);
  if (!wanted) return notFound;
  const file = await replay.mediaFile(wanted.showId, wanted.file).catch(() => null);
  if (!file) return notFound;
  const size = file.sizeBytes;
  const answer = mediaAnswer(size, file.contentType, rangeHeader);
  if (answer.status === 416 || method === 'HEAD' || size === 0) return { status: answer.status, headers: answer.headers, body: null };
  return { status: answer.status, headers: answer.headers, body: createReadStream(file.path, { start: answer.start, end: answer.end }) };
}
