import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { RefusedError } from '../../contract/envelope.std';
import { showFileSchema, type ShowDetail } from '../../contract/schemas/replay.std';
import { SHOW_FILE } from '../ffmpeg/recordingFiles.std';
import { CLIPS_DIR, clipNamesOf } from './clipCutter.node';
import { replayConversation } from './replayConversation.std';
import type { ShowLibrary } from './showLibrary.node';

// A show's files as the player and the exports see them: what it holds (its video, clips,
// exports, conversation) and a file of it to serve, by a path inside its folder. Only finished
// media is served: no temporary file of a cut in progress, no timeline, no link out of the folder.

export const EXPORTS_DIR = 'exports';

const SERVED_TYPES: Record<string, string> = { '.mp4': 'video/mp4', '.jpg': 'image/jpeg' };

const finished = (name: string) => !name.startsWith('.');

/** Finished files of one extension in a folder of the show, named as the contract allows (a file copied in by hand may not be). */
async function filesIn(folder: string, extension: string): Promise<{ name: string; sizeBytes: number }[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile() && finished(entry.name) && entry.name.endsWith(extension) && showFileSchema.safeParse(entry.name).success);
  const sized = await Promise.all(files.map(async (entry) => ({ name: entry.name, sizeBytes: (await lstat(path.join(folder, entry.name)).catch(() => null))?.size ?? -1 })));
  // Gone between the listing and its size (a cut renaming over it, a delete): left out.
  return sized.filter((file) => file.sizeBytes >= 0);
}

/** Everything the player shows of a show. */
export async function readShowDetail(library: ShowLibrary, showId: string): Promise<ShowDetail> {
  const { show, timeline, folder } = await library.read(showId);
  const conversation = replayConversation(timeline, show.durationSec === null ? null : show.durationSec * 1000);
  const clipFiles = new Set((await filesIn(path.join(folder, CLIPS_DIR), '.mp4')).map((file) => file.name));
  const thumbnails = new Set((await filesIn(path.join(folder, CLIPS_DIR), '.jpg')).map((file) => file.name));
  const names = clipNamesOf(show.chapters);
  const clips = show.chapters.flatMap((chapter, index) => {
    const name = names[index] ?? '';
    if (!clipFiles.has(`${name}.mp4`)) return [];
    return [{ chapter, file: `${CLIPS_DIR}/${name}.mp4`, thumbnail: thumbnails.has(`${name}.jpg`) ? `${CLIPS_DIR}/${name}.jpg` : null }];
  });
  const exports = (await filesIn(path.join(folder, EXPORTS_DIR), '.mp4')).map((file) => ({ file: `${EXPORTS_DIR}/${file.name}`, sizeBytes: file.sizeBytes }));
  return { show, video: show.state === 'ready' ? SHOW_FILE : null, ...conversation, clips, exports };
}

/** The absolute path and type of a finished media file of the show, or a refusal. */
export async function showMediaFile(library: ShowLibrary, showId: string, file: string): Promise<{ path: string; contentType: string; sizeBytes: number }> {
  const folder = await library.folderOf(showId);
  const contentType = SERVED_TYPES[path.extname(file).toLowerCase()];
  if (!showFileSchema.safeParse(file).success || contentType === undefined) throw new RefusedError('That is not a file of this show.');
  const resolved = path.resolve(folder, file);
  const inside = path.dirname(resolved) === folder || path.dirname(path.dirname(resolved)) === folder;
  const info = inside ? await lstat(resolved).catch(() => null) : null;
  // Through the real paths too: `clips/` made a link to elsewhere must not serve elsewhere.
  const real = info?.isFile() ? await realpath(resolved).catch(() => null) : null;
  const realFolder = await realpath(folder);
  if (!info || real === null || !real.startsWith(realFolder + path.sep)) throw new RefusedError('That file of the show is not there (it may have been deleted).');
  return { path: resolved, contentType, sizeBytes: info.size };
}
