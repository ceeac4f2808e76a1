// Where the player finds a show's media files: `/replay-media/<showId>/<file…>`, on both edges
// (the browser studio's server, Electron's app protocol); renderer/features/library/mediaUrl.std.ts
// writes the same paths.

export const REPLAY_MEDIA_PREFIX = '/replay-media/';

/** `/replay-media/<showId>/<file…>` as the show and the file inside its folder, or null. */
export function replayMediaPath(pathname: string): { showId: string; file: string } | null {
  if (!pathname.startsWith(REPLAY_MEDIA_PREFIX)) return null;
  try {
    const [showId, ...rest] = pathname.slice(REPLAY_MEDIA_PREFIX.length).split('/').map((part) => decodeURIComponent(part));
    if (!showId || rest.length === 0 || rest.some((part) => part === '' || part.includes('/'))) return null;
    return { showId, file: rest.join('/') };
  } catch {
    return null;
  }
}
