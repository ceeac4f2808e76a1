import type { RequestHandlers } from '../kernel/dispatcher.std';
import type { EventHub } from '../kernel/eventHub.std';
import { createExportJobs, type ExportJobsDeps } from './exportJobs.node';
import { readShowDetail, showMediaFile } from './showFiles.node';

// The replay library at the contract's boundary: the renderer's calls, the `library` and
// `exports` events, and what happens by itself: a show's clips are cut when it has ended (or was
// repaired after a crash), in the background, as if the merchant had asked.

export interface ReplayDeskDeps extends Omit<ExportJobsDeps, 'onJobs' | 'onShowChanged'> {
  events: EventHub;
  /** Opens the folder in the system's file manager; absent where the core can't (plain Node). */
  revealFolder?: (folder: string) => Promise<void>;
}

export interface ReplayDesk {
  handlers: Pick<RequestHandlers, 'listShows' | 'getShow' | 'renameShow' | 'deleteShow' | 'revealShow' | 'startExport' | 'cancelExport' | 'getExports'>;
  /** A show's recording is final (joined after its end, or repaired): listed again, its clips cut. */
  showFinished(showId: string): void;
  /** The library changed underneath (a show started recording): listed again. */
  changed(): void;
  /** A file of a show for the player, by its path inside the show's folder (the media servers' one check). */
  mediaFile: (showId: string, file: string) => Promise<{ path: string; contentType: string; sizeBytes: number }>;
  /** Resolves once the exports running now have ended. */
  idle(): Promise<void>;
}

export function createReplayDesk(deps: ReplayDeskDeps): ReplayDesk {
  const { library, events, log } = deps;
  const announce = () =>
    void library.list().then(
      (shows) => events.emit('library', shows),
      (error: unknown) => log.warn('library not listed', { error }),
    );
  const jobs = createExportJobs({ ...deps, onJobs: (list) => events.emit('exports', list), onShowChanged: announce });

  const showFinished = (showId: string) => {
    announce();
    void library
      .get(showId)
      .then((show) => (show.state === 'ready' && show.chapters.length > 0 ? jobs.start({ kind: 'clips', showId, mode: 'keyframe' }) : null))
      .catch((error: unknown) => log.warn('clips not started', { showId, error }));
  };

  return {
    handlers: {
      listShows: () => library.list(),
      getShow: ({ showId }) => readShowDetail(library, showId),
      renameShow: async ({ showId, title }) => {
        const renamed = await library.rename(showId, title);
        announce();
        return renamed;
      },
      deleteShow: async ({ showId }) => {
        await library.folderOf(showId);
        const reopen = await jobs.closeShow(showId);
        try {
          await library.remove(showId);
        } finally {
          reopen();
        }
        const shows = await library.list();
        events.emit('library', shows);
        return shows;
      },
      revealShow: async ({ showId }) => {
        const folder = await library.folderOf(showId);
        if (!deps.revealFolder) return { revealed: false, folder };
        await deps.revealFolder(folder);
        return { revealed: true, folder };
      },
      startExport: (request) => jobs.start(request),
      cancelExport: ({ jobId }) => jobs.cancel(jobId),
      getExports: () => jobs.list(),
    },
    showFinished,
    changed: announce,
    mediaFile: (showId, file) => showMediaFile(library, showId, file),
    idle: () => jobs.idle(),
  };
}
