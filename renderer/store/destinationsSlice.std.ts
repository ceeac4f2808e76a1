import type { StateCreator } from 'zustand';
import type { Destination } from '../../contract/schemas/destination.std';
import type { StudioState } from './studioStore.std';

export interface DestinationsSlice {
  /** RTMP(S) destinations as the core lists them: `hasKey`, never a key. */
  destinations: Destination[];
  destinationsReceived(destinations: Destination[]): void;
}

// Owned by the core (destinations.json); every window mirrors the list from the `destinations` event.
export const createDestinationsSlice: StateCreator<StudioState, [], [], DestinationsSlice> = (set) => ({
  destinations: [],
  destinationsReceived: (destinations) => set({ destinations }),
});
