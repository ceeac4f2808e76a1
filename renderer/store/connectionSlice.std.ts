import type { StateCreator } from 'zustand';
import type { StudioState } from './studioStore.std';

export type ConnectionState = 'connecting' | 'connected' | 'lost' | 'refused';

export interface ConnectionSlice {
  connection: ConnectionState;
  connectionChanged(state: ConnectionState): void;
}

export const createConnectionSlice: StateCreator<StudioState, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  connectionChanged: (connection) => set({ connection }),
});
