import { describe, expect, it } from 'vitest';
import { sampleProduct } from '../../contract/scenePresets.std';
import { liveLayersSchema, noLiveLayers, PURCHASE_TOAST_MS, type LiveLayers } from '../../contract/schemas/liveLayers.std';
import { createEventHub } from '../kernel/eventHub.std';
import { createLiveLayersState } from './liveLayersState.std';

interface Timer {
  ms: number;
  run: () => void;
}

function setup() {
  const emitted: { event: string; payload: unknown }[] = [];
  const listenerErrors: unknown[] = [];
  const events = createEventHub((error) => listenerErrors.push(error));
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const timers: Timer[] = [];
  const state = createLiveLayersState(events, (ms, run) => timers.push({ ms, run }));
  const layersEmitted = () => emitted.filter((entry) => entry.event === 'liveLayers').map((entry) => entry.payload as LiveLayers);
  return { state, emitted, timers, layersEmitted, listenerErrors };
}

const toast = (id: string, text = `${id} bought 1`) => ({ id, text, shownAt: 1_700_000_000_000 });
const pinned = { id: 'c1', author: 'Mei', text: 'Does it come in blue?' };

describe('createLiveLayersState', () => {
  it('starts with nothing shown, and emits nothing', () => {
    const { state, emitted, timers } = setup();
    expect(state.get()).toEqual(noLiveLayers);
    expect(emitted).toEqual([]);
    expect(timers).toEqual([]);
  });

  it('merges an update into the layers, returns them and emits them', () => {
    const { state, emitted, timers } = setup();
    const next = state.update({ pinnedComment: pinned });
    const expected: LiveLayers = { ...noLiveLayers, pinnedComment: pinned };
    expect(next).toEqual(expected);
    expect(state.get()).toEqual(expected);
    expect(emitted).toEqual([{ event: 'liveLayers', payload: expected }]);
    expect(liveLayersSchema.parse(next)).toEqual(expected);
    expect(timers).toEqual([]);
  });

  it('keeps the layers an update does not mention', () => {
    const { state, layersEmitted } = setup();
    state.update({ pinnedComment: pinned });
    state.update({ nowExplaining: sampleProduct });
    state.update({ flashSale: { priceMinor: 7900, endsAt: 1_700_000_600_000 } });
    const expected: LiveLayers = {
      pinnedComment: pinned,
      purchaseToast: null,
      nowExplaining: sampleProduct,
      flashSale: { priceMinor: 7900, endsAt: 1_700_000_600_000 },
    };
    expect(state.get()).toEqual(expected);
    expect(layersEmitted()).toHaveLength(3);
    expect(layersEmitted().at(-1)).toEqual(expected);
  });

  it('clears a layer set to null', () => {
    const { state, layersEmitted } = setup();
    state.update({ pinnedComment: pinned, nowExplaining: sampleProduct });
    state.update({ pinnedComment: null });
    expect(state.get()).toEqual({ ...noLiveLayers, nowExplaining: sampleProduct });
    expect(layersEmitted().at(-1)).toEqual({ ...noLiveLayers, nowExplaining: sampleProduct });
  });

  it('does not change layers it has already handed out', () => {
    const { state } = setup();
    const first = state.update({ pinnedComment: pinned });
    state.update({ pinnedComment: null });
    expect(first.pinnedComment).toEqual(pinned);
    expect(noLiveLayers).toEqual({ pinnedComment: null, purchaseToast: null, nowExplaining: null, flashSale: null });
  });

  it('removes a purchase toast after PURCHASE_TOAST_MS, and emits that', () => {
    const { state, timers, layersEmitted } = setup();
    state.update({ purchaseToast: toast('order-1') });
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBe(PURCHASE_TOAST_MS);
    expect(state.get().purchaseToast).toEqual(toast('order-1'));

    timers[0]?.run();
    expect(state.get().purchaseToast).toBeNull();
    expect(layersEmitted()).toHaveLength(2);
    expect(layersEmitted().at(-1)).toEqual(noLiveLayers);
  });

  it('removes only the toast, keeping what changed meanwhile', () => {
    const { state, timers } = setup();
    state.update({ purchaseToast: toast('order-1') });
    state.update({ pinnedComment: pinned });
    timers[0]?.run();
    expect(state.get()).toEqual({ ...noLiveLayers, pinnedComment: pinned });
  });

  it("does not remove a newer toast when the older one's timer fires", () => {
    const { state, timers, layersEmitted } = setup();
    state.update({ purchaseToast: toast('order-1') });
    state.update({ purchaseToast: toast('order-2') });
    expect(timers).toHaveLength(2);

    timers[0]?.run();
    expect(state.get().purchaseToast).toEqual(toast('order-2'));
    expect(layersEmitted()).toHaveLength(2);

    timers[1]?.run();
    expect(state.get().purchaseToast).toBeNull();
    expect(layersEmitted()).toHaveLength(3);
  });

  it('does nothing when the timer fires after the toast was already cleared', () => {
    const { state, timers, layersEmitted } = setup();
    state.update({ purchaseToast: toast('order-1') });
    state.update({ purchaseToast: null });
    timers[0]?.run();
    expect(state.get()).toEqual(noLiveLayers);
    expect(layersEmitted()).toHaveLength(2);
  });

  it('schedules no removal for updates without a toast', () => {
    const { state, timers } = setup();
    state.update({ pinnedComment: pinned });
    state.update({ purchaseToast: null });
    state.update({});
    expect(timers).toEqual([]);
  });

  it('tells every subscriber', () => {
    const { state, listenerErrors } = setup();
    const events = createEventHub((error) => listenerErrors.push(error));
    const seen: string[] = [];
    events.subscribe((event) => seen.push(`a:${event}`));
    events.subscribe((event) => seen.push(`b:${event}`));
    const other = createLiveLayersState(events, () => undefined);
    other.update({ pinnedComment: pinned });
    expect(seen).toEqual(['a:liveLayers', 'b:liveLayers']);
    expect(state.get()).toEqual(noLiveLayers);
    expect(listenerErrors).toEqual([]);
  });
});
