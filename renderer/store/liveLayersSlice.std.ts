import type { StateCreator } from 'zustand';
import { noLiveLayers, type LiveLayers } from '../../contract/schemas/liveLayers.std';
import type { StudioState } from './studioStore.std';

export interface LiveLayersSlice {
  liveLayers: LiveLayers;
  liveLayersReceived(layers: LiveLayers): void;
}

// Owned by the core (the live panel and staff consoles change them there); mirrored here.
export const createLiveLayersSlice: StateCreator<StudioState, [], [], LiveLayersSlice> = (set) => ({
  liveLayers: noLiveLayers,
  liveLayersReceived: (liveLayers) => set({ liveLayers }),
});
