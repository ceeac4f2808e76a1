import type { StateCreator } from 'zustand';
import type { Catalogue } from '../../contract/schemas/catalogue.std';
import type { StudioState } from './studioStore.std';

export interface CatalogueSlice {
  catalogue: Catalogue;
  catalogueReceived(catalogue: Catalogue): void;
}

// Owned by the core (catalogue.json); the stock in it follows the room's sales.
export const createCatalogueSlice: StateCreator<StudioState, [], [], CatalogueSlice> = (set) => ({
  catalogue: { products: [], runSheet: [] },
  catalogueReceived: (catalogue) => set({ catalogue }),
});
