import { useEffect } from 'react';
import { useStudioStore } from '../../app/studioContext.dom';
import { beepForOrder } from './orderSound.dom';

/** Beeps when orders arrive live (the store's ordersArrived counter moves), if the host left the sound on. Outside React's renders. */
export function useOrderSound(): void {
  const store = useStudioStore();
  useEffect(
    () =>
      store.subscribe((next, previous) => {
        if (next.ordersArrived > previous.ordersArrived && next.settings.livePanel.orderSound) beepForOrder();
      }),
    [store],
  );
}
