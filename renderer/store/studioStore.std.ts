import { createStore } from 'zustand/vanilla';
import { createConnectionSlice, type ConnectionSlice } from './connectionSlice.std';
import { createNoticesSlice, type NoticesSlice } from './noticesSlice.std';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice.std';
import { createStatusSlice, type StatusSlice } from './statusSlice.std';

export type StudioState = ConnectionSlice & StatusSlice & SettingsSlice & NoticesSlice;

export function createStudioStore() {
  return createStore<StudioState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createStatusSlice(...a),
    ...createSettingsSlice(...a),
    ...createNoticesSlice(...a),
  }));
}
export type StudioStore = ReturnType<typeof createStudioStore>;
