import type { StateCreator } from 'zustand';
import { applyPanelEvent, offPanelState, type PanelEvent, type PanelState } from '../../contract/schemas/panel.std';
import type { StudioState } from './studioStore.std';

export interface PanelSlice {
  panel: PanelState;
  /** Every comment the panel has been given since it started: the benchmark's and tests' counter (the window keeps only 500). */
  commentsReceived: number;
  /** Orders that arrived while this window watched (not the ones in the first state): what the order sound rings for. */
  ordersArrived: number;
  panelReceived(state: PanelState): void;
  panelEventReceived(event: PanelEvent): void;
}

/** How many orders in `next` the panel had not seen in `previous`: new arrivals, by id. */
export function countArrivedOrders(previous: PanelState, next: PanelState): number {
  if (next.orders.length === 0) return 0;
  const seen = new Set(previous.orders.map((order) => order.id));
  // A whole state after a burst can end with orders older than the window kept before: only
  // those after the previous newest count, or a reconnect would ring for the whole show.
  const newestSeenAt = previous.orders.at(-1)?.at ?? Number.NEGATIVE_INFINITY;
  let arrived = 0;
  for (const order of next.orders) if (!seen.has(order.id) && order.at >= newestSeenAt) arrived += 1;
  return arrived;
}

// The panel's model lives in the core; every window applies the same pure `applyPanelEvent`, so a
// window fed only by events ends with the core's own state.
export const createPanelSlice: StateCreator<StudioState, [], [], PanelSlice> = (set) => ({
  panel: offPanelState('Connecting to the live room…'),
  commentsReceived: 0,
  ordersArrived: 0,
  panelReceived: (panel) => set({ panel }),
  panelEventReceived: (event) =>
    set((state) => {
      const panel = applyPanelEvent(state.panel, event);
      const comments = event.kind === 'update' ? event.comments.length : 0;
      // A whole state over a panel that had seen nothing yet is the show so far, not arrivals.
      const arrived =
        event.kind === 'update' ? countArrivedOrders(state.panel, { ...panel, orders: event.orders }) : state.panel.lastSeq === 0 ? 0 : countArrivedOrders(state.panel, panel);
      return {
        panel,
        commentsReceived: state.commentsReceived + comments,
        ordersArrived: state.ordersArrived + arrived,
      };
    }),
});
