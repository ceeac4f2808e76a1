import type { StateCreator } from 'zustand';
import type { StudioState } from './studioStore.std';

export type ConnectionState = 'connecting' | 'connected' | 'lost' | 'refused';

export interface ConnectionSlice {
  connection: ConnectionState;
  /** Why the core closed this window's connection, in its own words (a revoked or expired console); null when it just went away. */
  connectionEndedReason: string | null;
  connectionChanged(state: ConnectionState): void;
  /** The core closed the connection on purpose (`refused`, with its reason) or it was lost. */
  connectionEnded(ending: { refused: boolean; reason: string | null }): void;
}

export const createConnectionSlice: StateCreator<StudioState, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  connectionEndedReason: null,
  connectionChanged: (connection) => set({ connection }),
  connectionEnded: ({ refused, reason }) => set({ connection: refused ? 'refused' : 'lost', connectionEndedReason: reason }),
});
