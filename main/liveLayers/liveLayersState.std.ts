import { noLiveLayers, PURCHASE_TOAST_MS, type LiveLayers, type LiveLayersPatch } from '../../contract/schemas/liveLayers.std';
import type { EventHub } from '../kernel/eventHub.std';

export interface LiveLayersState {
  get(): LiveLayers;
  update(patch: LiveLayersPatch): LiveLayers;
}

/**
 * What the live layers show right now. The compositor draws them from this; the live panel
 * (pins, orders, promotions) changes them. Not persisted: a restarted show starts clean.
 */
export function createLiveLayersState(
  events: EventHub,
  after: (ms: number, run: () => void) => void,
): LiveLayersState {
  let layers = noLiveLayers;
  const set = (next: LiveLayers) => {
    layers = next;
    events.emit('liveLayers', layers);
    return layers;
  };
  return {
    get: () => layers,
    update(patch) {
      const next = set({ ...layers, ...patch });
      const toast = patch.purchaseToast;
      if (toast) {
        // The toast leaves by itself, unless a newer one has replaced it.
        after(PURCHASE_TOAST_MS, () => {
          if (layers.purchaseToast?.id === toast.id) set({ ...layers, purchaseToast: null });
        });
      }
      return next;
    },
  };
}
