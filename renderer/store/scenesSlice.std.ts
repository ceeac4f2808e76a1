import type { StateCreator } from 'zustand';
import type { SceneCollection } from '../../contract/schemas/scene.std';
import type { DeviceProblem } from '../media/deviceProblem.std';
import type { StudioState } from './studioStore.std';

/** Where a capture source stands, keyed by source id: shown in the sources list and on its slate. */
export interface SourceStatus {
  state: 'starting' | 'live' | 'error';
  message?: string;
  /** With `error` on a camera: what kind of trouble, for the pre-flight's fix. */
  problem?: DeviceProblem;
}

export interface ScenesSlice {
  /** null until the core has answered. */
  sceneCollection: SceneCollection | null;
  selectedSourceId: string | null;
  sourceStatuses: Record<string, SourceStatus>;
  /** From the core: replaces the collection without saving it back. */
  scenesReceived(collection: SceneCollection): void;
  /** A local edit (see sceneEdits): applied now, saved to the core by syncWithCore. */
  editScenes(edit: (collection: SceneCollection) => SceneCollection): void;
  selectSource(sourceId: string | null): void;
  sourceStatusChanged(sourceId: string, status: SourceStatus | null): void;
}

export const createScenesSlice: StateCreator<StudioState, [], [], ScenesSlice> = (set) => ({
  sceneCollection: null,
  selectedSourceId: null,
  sourceStatuses: {},
  scenesReceived: (sceneCollection) => set({ sceneCollection }),
  editScenes: (edit) =>
    set((state) => (state.sceneCollection ? { sceneCollection: edit(state.sceneCollection) } : {})),
  selectSource: (selectedSourceId) => set({ selectedSourceId }),
  sourceStatusChanged: (sourceId, status) =>
    set((state) => ({
      sourceStatuses: status
        ? { ...state.sourceStatuses, [sourceId]: status }
        : Object.fromEntries(Object.entries(state.sourceStatuses).filter(([id]) => id !== sourceId)),
    })),
});
