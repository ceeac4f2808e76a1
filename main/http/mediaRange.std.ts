import parseRange from 'range-parser';

// How a media file is answered to a `<video>` element, which asks for byte ranges to start
// quickly and to seek: one shape for both edges (the browser studio's server, Electron's app
// protocol; main/replay/replayMedia.node.ts). Several ranges in one request are answered as the
// first: players ask for one.

export type MediaAnswer =
  | { status: 200; start: 0; end: number; headers: Record<string, string> }
  | { status: 206; start: number; end: number; headers: Record<string, string> }
  | { status: 416; headers: Record<string, string> };

export function mediaAnswer(size: number, contentType: string, rangeHeader: string | null | undefined): MediaAnswer {
  const common = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache' };
  if (!rangeHeader) return { status: 200, start: 0, end: size - 1, headers: { ...common, 'Content-Length': String(size) } };
  const ranges = parseRange(size, rangeHeader, { combine: true });
  // Malformed, or a unit other than bytes: the whole file, as RFC 9110 lets a server answer.
  if (ranges === -2 || (ranges !== -1 && ranges.type !== 'bytes')) return { status: 200, start: 0, end: size - 1, headers: { ...common, 'Content-Length': String(size) } };
  const first = ranges === -1 ? undefined : ranges[0];
  if (!first) return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}` } };
  return {
    status: 206,
    start: first.start,
    end: first.end,
    headers: { ...common, 'Content-Length': String(first.end - first.start + 1), 'Content-Range': `bytes ${first.start}-${first.end}/${size}` },
  };
}
