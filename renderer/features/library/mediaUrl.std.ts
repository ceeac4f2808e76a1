// The core serves a show's files at `replay-media/<showId>/<path>` on the page's own origin (in the
// browser studio and under app://studio alike), with Range support so <video> can seek. The URL is
// relative: the page decides its origin, and nothing here can point anywhere else.

/** The URL of a file of a show: each path segment encoded, so `#`, `?`, `%` or `..` in a product name stay a name. */
export function replayMediaUrl(showId: string, file: string): string {
  return ['replay-media', encodeURIComponent(showId), ...file.split('/').map(encodeURIComponent)].join('/');
}

/** The last segment of a show's file, for a download's name and a link's text. */
export function fileNameOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
