import type { StateCreator } from 'zustand';
import type { ExportJob, ShowSummary } from '../../contract/schemas/replay.std';
import type { StudioState } from './studioStore.std';

export interface LibrarySlice {
  /** The recorded shows, newest first, as the core sorts them. */
  shows: ShowSummary[];
  /** Background exports (clips, 9:16, whole show), running and finished. */
  exportJobs: ExportJob[];
  showsReceived(shows: ShowSummary[]): void;
  /** One show as a call answered it (a rename), in its place, before the `library` event confirms it. */
  showReceived(show: ShowSummary): void;
  exportJobsReceived(jobs: ExportJob[]): void;
}

// Owned by the core (the recordings folder and its export queue); mirrored from `library` and `exports`.
export const createLibrarySlice: StateCreator<StudioState, [], [], LibrarySlice> = (set) => ({
  shows: [],
  exportJobs: [],
  showsReceived: (shows) => set({ shows }),
  showReceived: (show) => set(({ shows }) => ({ shows: shows.map((known) => (known.id === show.id ? show : known)) })),
  exportJobsReceived: (exportJobs) => set({ exportJobs }),
});
