import { createStore } from 'zustand/vanilla';
import { createConnectionSlice, type ConnectionSlice } from './connectionSlice.std';
import { createNoticesSlice, type NoticesSlice } from './noticesSlice.std';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice.std';
import { createStatusSlice, type StatusSlice } from './statusSlice.std';
import { createScenesSlice, type ScenesSlice } from './scenesSlice.std';
import { createLiveLayersSlice, type LiveLayersSlice } from './liveLayersSlice.std';
import { createProgramSlice, type ProgramSlice } from './programSlice.std';
import { createLiveSlice, type LiveSlice } from './liveSlice.std';
import { createDestinationsSlice, type DestinationsSlice } from './destinationsSlice.std';
import { createPanelSlice, type PanelSlice } from './panelSlice.std';
import { createCatalogueSlice, type CatalogueSlice } from './catalogueSlice.std';
import { createStaffSlice, type StaffSlice } from './staffSlice.std';
import { createLibrarySlice, type LibrarySlice } from './librarySlice.std';
import { createOrderWebhookSlice, type OrderWebhookSlice } from './orderWebhookSlice.std';
import { createDevicesSlice, type DevicesSlice } from './devicesSlice.std';

export type StudioState = ConnectionSlice &
  StatusSlice &
  SettingsSlice &
  NoticesSlice &
  ScenesSlice &
  LiveLayersSlice &
  ProgramSlice &
  LiveSlice &
  DestinationsSlice &
  PanelSlice &
  CatalogueSlice &
  StaffSlice &
  LibrarySlice &
  OrderWebhookSlice &
  DevicesSlice;

export function createStudioStore() {
  return createStore<StudioState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createStatusSlice(...a),
    ...createSettingsSlice(...a),
    ...createNoticesSlice(...a),
    ...createScenesSlice(...a),
    ...createLiveLayersSlice(...a),
    ...createProgramSlice(...a),
    ...createLiveSlice(...a),
    ...createDestinationsSlice(...a),
    ...createPanelSlice(...a),
    ...createCatalogueSlice(...a),
    ...createStaffSlice(...a),
    ...createLibrarySlice(...a),
    ...createOrderWebhookSlice(...a),
    ...createDevicesSlice(...a),
  }));
}
export type StudioStore = ReturnType<typeof createStudioStore>;
