import type { StateCreator } from 'zustand';
import { offlineSession, type LiveSession } from '../../contract/schemas/live.std';
import type { StudioState } from './studioStore.std';

export interface LiveSlice {
  live: LiveSession;
  liveReceived(session: LiveSession): void;
}

// The go-live controller lives in the core; the studio mirrors its session.
export const createLiveSlice: StateCreator<StudioState, [], [], LiveSlice> = (set) => ({
  live: offlineSession,
  liveReceived: (live) => set({ live }),
});
