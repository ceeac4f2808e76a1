import { useEffect, useState, useSyncExternalStore } from 'react';
import type { AudioSettings } from '../../../contract/schemas/settings.std';
import { startAudioEngine, type AudioEngine, type AudioEngineDeps } from './audioEngine.dom';
import { initialAudioSnapshot, type AudioLevels, type AudioSnapshot } from './audioSnapshot.std';
import { browserAudioDeps } from './browserAudio.dom';

/**
 * A stable handle on the audio engine for React: the engine itself is started on mount and
 * stopped on unmount (twice over in StrictMode), while components subscribe to this handle.
 * The engine's MediaStreams and nodes stay here, never in the store.
 */
export interface AudioControls {
  subscribe(listener: () => void): () => void;
  getSnapshot(): AudioSnapshot;
  /** ~10 per second: update the DOM directly, not React state. */
  onLevels(listener: (levels: AudioLevels) => void): () => void;
  startSystemAudio(): void;
  retryMicrophone(): void;
  resume(): void;
}

interface EngineHolder extends AudioControls {
  apply(settings: AudioSettings): void;
  start(): void;
  stop(): void;
}

function createEngineHolder(makeDeps: () => AudioEngineDeps): EngineHolder {
  let engine: AudioEngine | null = null;
  let settings: AudioSettings | null = null;
  let snapshot = initialAudioSnapshot;
  const listeners = new Set<() => void>();
  const levelListeners = new Set<(levels: AudioLevels) => void>();
  return {
    apply(next) {
      settings = next;
      engine?.apply(next);
    },
    start() {
      if (engine || !settings) return;
      engine = startAudioEngine(makeDeps(), settings, {
        onChange: (next) => {
          snapshot = next;
          listeners.forEach((listener) => listener());
        },
        onLevels: (levels) => levelListeners.forEach((listener) => listener(levels)),
      });
    },
    stop() {
      void engine?.stop();
      engine = null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    onLevels(listener) {
      levelListeners.add(listener);
      return () => levelListeners.delete(listener);
    },
    startSystemAudio: () => void engine?.startSystemAudio(),
    retryMicrophone: () => engine?.retryMicrophone(),
    resume: () => void engine?.resume(),
  };
}

/** Runs the audio engine while the calling component is mounted, with these settings. */
export function useAudioEngine(settings: AudioSettings): { snapshot: AudioSnapshot; controls: AudioControls } {
  const [holder] = useState(() => createEngineHolder(browserAudioDeps));
  // Settings first: start() uses the latest ones.
  useEffect(() => holder.apply(settings), [holder, settings]);
  useEffect(() => {
    holder.start();
    return () => holder.stop();
  }, [holder]);
  const snapshot = useSyncExternalStore(holder.subscribe, holder.getSnapshot);
  return { snapshot, controls: holder };
}
