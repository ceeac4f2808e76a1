import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StudioApi } from '../../contract/api.std';
import type { StudioState, StudioStore } from '../store/studioStore.std';

export interface StudioContextValue {
  api: StudioApi;
  store: StudioStore;
}

export const StudioContext = createContext<StudioContextValue | null>(null);

function useStudioContext(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error('StudioContext is missing: render inside <StudioContext value={…}>');
  return value;
}

export function useStudioApi(): StudioApi {
  return useStudioContext().api;
}

/** The store itself, for services that subscribe outside React (the compositor). */
export function useStudioStore(): StudioStore {
  return useStudioContext().store;
}

/** Select narrowly: a component re-renders only when its selection changes. */
export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(useStudioContext().store, selector);
}
