import type { StateCreator } from 'zustand';
import type { CompositorStats } from '../features/compositor/workerMessages.std';
import type { StudioState } from './studioStore.std';

export interface ProgramSlice {
  /** The compositor's own figures, once a second; null before the first second. */
  compositorStats: CompositorStats | null;
  compositorError: string | null;
  compositorStatsReceived(stats: CompositorStats): void;
  compositorFailed(message: string | null): void;
}

export const createProgramSlice: StateCreator<StudioState, [], [], ProgramSlice> = (set) => ({
  compositorStats: null,
  compositorError: null,
  compositorStatsReceived: (compositorStats) => set({ compositorStats }),
  compositorFailed: (compositorError) => set({ compositorError }),
});
