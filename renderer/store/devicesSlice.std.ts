import type { StateCreator } from 'zustand';
import type { SourceStatus } from './scenesSlice.std';
import type { StudioState } from './studioStore.std';

/**
 * The microphone as the audio engine last reported it (the cameras are in `sourceStatuses`):
 * mirrored here so the pre-flight can say "Microphone blocked" with its fix. null before the
 * mixer has started.
 */
export interface DevicesSlice {
  microphoneStatus: SourceStatus | null;
  microphoneStatusChanged(status: SourceStatus | null): void;
}

export const createDevicesSlice: StateCreator<StudioState, [], [], DevicesSlice> = (set) => ({
  microphoneStatus: null,
  microphoneStatusChanged: (microphoneStatus) => set({ microphoneStatus }),
});
