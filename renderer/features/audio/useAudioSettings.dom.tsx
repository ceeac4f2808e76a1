import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AudioSettings } from '../../../contract/schemas/settings.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';

const SAVE_GAIN_AFTER_MS = 250;

const gainFields = ['microphoneGain', 'systemAudioGain'] as const;
export type GainField = (typeof gainFields)[number];
type GainDrafts = Partial<Record<GainField, number>>;

/**
 * The audio settings as the mixer shows them, and how it changes them. A change shows (and is
 * heard) at once, before the core has saved it: Mute must not wait for a round trip. `audio` is
 * replaced whole in the settings, so each save builds on the last one still in flight (two quick
 * clicks never undo each other), and a failed save falls back to what the core has. A volume
 * slider is saved once it rests, not 60 times a second while it is dragged.
 */
export function useAudioSettings(): {
  audio: AudioSettings;
  save(patch: Partial<AudioSettings>): void;
  setGain(field: GainField, value: number): void;
} {
  const api = useStudioApi();
  const stored = useStudio((state) => state.settings.audio);
  const [optimistic, setOptimistic] = useState<AudioSettings | null>(null);
  const [drafts, setDrafts] = useState<GainDrafts>({});
  const latestStored = useRef(stored);
  const inFlight = useRef<AudioSettings | null>(null);
  const timers = useRef(new Map<GainField, ReturnType<typeof setTimeout>>());
  const pending = useRef(new Map<GainField, number>());

  useEffect(() => {
    latestStored.current = stored;
  }, [stored]);

  const save = useCallback(
    (patch: Partial<AudioSettings>) => {
      const next = { ...(inFlight.current ?? latestStored.current), ...patch };
      inFlight.current = next;
      setOptimistic(next);
      // The core sends the new settings event before it answers, so the store has them by then.
      api
        .updateSettings({ audio: next })
        .catch((error: unknown) => console.warn('audio settings not saved', error))
        .finally(() => {
          if (inFlight.current === next) {
            inFlight.current = null;
            setOptimistic(null);
          }
          setDrafts((current) => {
            const left: GainDrafts = {};
            for (const field of gainFields) {
              const draft = current[field];
              if (draft !== undefined && !(field in patch && draft === patch[field])) left[field] = draft;
            }
            return left;
          });
        });
    },
    [api],
  );

  const flush = useCallback(
    (field: GainField) => {
      clearTimeout(timers.current.get(field));
      timers.current.delete(field);
      const value = pending.current.get(field);
      pending.current.delete(field);
      if (value !== undefined) save({ [field]: value });
    },
    [save],
  );

  const setGain = useCallback(
    (field: GainField, value: number) => {
      setDrafts((current) => ({ ...current, [field]: value }));
      pending.current.set(field, value);
      clearTimeout(timers.current.get(field));
      timers.current.set(
        field,
        setTimeout(() => flush(field), SAVE_GAIN_AFTER_MS),
      );
    },
    [flush],
  );

  // Leaving with a slider just moved still saves it.
  useEffect(() => {
    const fields = timers.current;
    return () => [...fields.keys()].forEach(flush);
  }, [flush]);

  const audio = useMemo(() => ({ ...(optimistic ?? stored), ...drafts }), [optimistic, stored, drafts]);
  return { audio, save, setGain };
}
