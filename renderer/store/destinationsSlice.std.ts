import type { StateCreator } from 'zustand';
import type { Destination } from '../../contract/schemas/destination.std';
import type { StudioState } from './studioStore.std';

export interface DestinationsSlice {
  /** RTMP(S) destinations as the core lists them: `hasKey`, never a key. */
  destinations: Destination[];
  destinationsReceived(destinations: Destination[]): void;
}

/** How many destinations get the show: the studio's own live room when on, and the RTMP ones switched on. */
export function destinationsOn(state: Pick<StudioState, 'settings' | 'destinations'>): number {
  return (state.settings.liveRoomEnabled ? 1 : 0) + state.destinations.filter((destination) => destination.enabled).length;
}

// Owned by the core (destinations.json); every window mirrors the list from the `destinations` event.
export const createDestinationsSlice: StateCreator<StudioState, [], [], DestinationsSlice> = (set) => ({
  destinations: [],
  destinationsReceived: (destinations) => set({ destinations }),
});
