import type { StateCreator } from 'zustand';
import type { StudioStatus } from '../../contract/schemas/status.std';
import type { StudioState } from './studioStore.std';

export interface StatusSlice {
  status: StudioStatus;
  statusReceived(status: StudioStatus): void;
}

export const createStatusSlice: StateCreator<StudioState, [], [], StatusSlice> = (set) => ({
  status: { state: 'offline', liveSince: null, bitrateKbps: null, fps: null, droppedFrames: 0, cpuPercent: 0, loopDelayMs: null },
  statusReceived: (status) => set({ status }),
});
