import type { StateCreator } from 'zustand';
import { defaultSettings, type Settings } from '../../contract/schemas/settings.std';
import type { StudioState } from './studioStore.std';

export interface SettingsSlice {
  settings: Settings;
  settingsReceived(settings: Settings): void;
}

// Settings live in the core (one file for every window); this slice mirrors them.
export const createSettingsSlice: StateCreator<StudioState, [], [], SettingsSlice> = (set) => ({
  settings: defaultSettings,
  settingsReceived: (settings) => set({ settings }),
});
