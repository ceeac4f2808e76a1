import type { StateCreator } from 'zustand';
import type { OrderWebhookState } from '../../contract/schemas/fulfilment.std';
import type { StudioState } from './studioStore.std';

export interface OrderWebhookSlice {
  /** Where orders are sent and whether they arrive; null until the core says (and for a moderator, who may not read it). */
  orderWebhook: OrderWebhookState | null;
  orderWebhookReceived(state: OrderWebhookState): void;
}

export const createOrderWebhookSlice: StateCreator<StudioState, [], [], OrderWebhookSlice> = (set) => ({
  orderWebhook: null,
  orderWebhookReceived: (orderWebhook) => set({ orderWebhook }),
});
