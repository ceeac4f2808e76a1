import { useCallback, useState } from 'react';
import { useT } from '../../app/i18n/studioI18n.dom';
import { errorMessage } from '../destinations/errorMessage.std';

/**
 * One call to the core from a button, with its refusal kept to show next to the buttons (the
 * room's sentence: "That comment is gone", "Only the host can do that …").
 */
export function usePanelCall(): { run: (call: () => Promise<unknown>) => Promise<boolean>; failure: string | null; clearFailure: () => void } {
  const translator = useT();
  const [failure, setFailure] = useState<string | null>(null);
  const run = useCallback(async (call: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await call();
      return true;
    } catch (error) {
      setFailure(errorMessage(error, translator));
      return false;
    }
  }, [translator]);
  const clearFailure = useCallback(() => setFailure(null), []);
  return { run, failure, clearFailure };
}
