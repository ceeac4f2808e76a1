import { useCallback, useEffect, useRef, type RefObject } from 'react';

/**
 * Moves focus after the next render to the first enabled element of a list of `data-focus` keys
 * inside the container. Reordering moves rows in the DOM, which drops focus; a keyboard user
 * pressing "Move up" twice must stay on the button.
 */
export function useFocusLater(container: RefObject<HTMLElement | null>): (...keys: string[]) => void {
  const pending = useRef<string[] | null>(null);
  useEffect(() => {
    const keys = pending.current;
    if (!keys) return;
    pending.current = null;
    for (const key of keys) {
      const target = container.current?.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
      if (target && !(target as HTMLButtonElement).disabled) {
        target.focus();
        return;
      }
    }
  });
  return useCallback((...keys: string[]) => {
    pending.current = keys;
  }, []);
}
