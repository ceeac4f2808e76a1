import { describe, expect, it } from 'vitest';
import { ENTER_MS, EXIT_MS, initialLayerState, layerPose, updateLayer, type LayerAnimationState } from './liveAnimation.std';

interface Toast {
  text: string;
}

const first: Toast = { text: 'Li*** bought 2' };
const second: Toast = { text: 'Wa*** bought 1' };
const t0 = 10_000;

function shown(content: Toast, key: string, now = t0): LayerAnimationState<Toast> {
  return updateLayer(initialLayerState<Toast>(), content, key, now);
}

describe('initialLayerState', () => {
  it('shows nothing', () => {
    expect(layerPose(initialLayerState<Toast>(), t0)).toBeNull();
  });

  it('stays hidden when fed nothing', () => {
    const state = initialLayerState<Toast>();
    expect(updateLayer(state, null, null, t0)).toBe(state);
    expect(layerPose(updateLayer(state, null, null, t0), t0 + 1000)).toBeNull();
  });
});

describe('entering', () => {
  it('appears transparent and 0.3 of its height low at t = 0', () => {
    expect(layerPose(shown(first, 'a'), t0)).toEqual({ opacity: 0, offset: 0.3 });
  });

  it('is fully in place at ENTER_MS and stays there', () => {
    const state = shown(first, 'a');
    expect(layerPose(state, t0 + ENTER_MS)).toEqual({ opacity: 1, offset: 0 });
    expect(layerPose(state, t0 + ENTER_MS + 60_000)).toEqual({ opacity: 1, offset: 0 });
  });

  it('fades in and slides up steadily in between', () => {
    const state = shown(first, 'a');
    let previous = { opacity: 0, offset: 0.3 };
    for (let ms = 10; ms < ENTER_MS; ms += 10) {
      const pose = layerPose(state, t0 + ms);
      expect(pose).not.toBeNull();
      if (!pose) return;
      expect(pose.opacity).toBeGreaterThan(previous.opacity);
      expect(pose.opacity).toBeLessThan(1);
      expect(pose.offset).toBeLessThan(previous.offset);
      expect(pose.offset).toBeGreaterThan(0);
      // The slide and the fade move together.
      expect(pose.offset).toBeCloseTo((1 - pose.opacity) * 0.3, 12);
      previous = pose;
    }
  });

  it('eases out: more than half-way by half the time', () => {
    const pose = layerPose(shown(first, 'a'), t0 + ENTER_MS / 2);
    expect(pose?.opacity).toBeGreaterThan(0.5);
  });

  it('is not drawn ahead of time for a clock that reads before the start', () => {
    expect(layerPose(shown(first, 'a'), t0 - 50)).toEqual({ opacity: 0, offset: 0.3 });
  });
});

describe('same key', () => {
  it('keeps the animation going and takes the new content', () => {
    const state = shown(first, 'a');
    const updated = updateLayer(state, { text: 'Li*** bought 3' }, 'a', t0 + 100);
    expect(updated.since).toBe(t0);
    expect(updated.content).toEqual({ text: 'Li*** bought 3' });
    expect(layerPose(updated, t0 + 100)).toEqual(layerPose(state, t0 + 100));
    expect(layerPose(updateLayer(state, first, 'a', t0 + ENTER_MS + 5_000), t0 + ENTER_MS + 5_000)).toEqual({ opacity: 1, offset: 0 });
  });
});

describe('new key', () => {
  it('enters again from the start', () => {
    const settled = shown(first, 'a');
    const now = t0 + 5_000;
    const replaced = updateLayer(settled, second, 'b', now);
    expect(replaced.content).toBe(second);
    expect(replaced.key).toBe('b');
    expect(layerPose(replaced, now)).toEqual({ opacity: 0, offset: 0.3 });
    expect(layerPose(replaced, now + ENTER_MS)).toEqual({ opacity: 1, offset: 0 });
  });
});

describe('leaving', () => {
  const hiddenAt = t0 + 2_000;
  const leaving = () => updateLayer(shown(first, 'a'), null, null, hiddenAt);

  it('fades out over EXIT_MS, in place, then is gone', () => {
    const state = leaving();
    expect(layerPose(state, hiddenAt)).toEqual({ opacity: 1, offset: 0 });
    const middle = layerPose(state, hiddenAt + EXIT_MS / 2);
    expect(middle?.offset).toBe(0);
    expect(middle?.opacity).toBeCloseTo(0.5, 12);
    const nearlyGone = layerPose(state, hiddenAt + EXIT_MS - 1);
    expect(nearlyGone?.opacity).toBeGreaterThan(0);
    expect(nearlyGone?.opacity).toBeLessThan(0.01);
    expect(layerPose(state, hiddenAt + EXIT_MS)).toBeNull();
    expect(layerPose(state, hiddenAt + EXIT_MS + 60_000)).toBeNull();
  });

  it('keeps what was shown while leaving, so it can be drawn fading', () => {
    expect(leaving().content).toBe(first);
  });

  it('does not restart the exit when hidden again', () => {
    const state = leaving();
    const again = updateLayer(state, null, null, hiddenAt + 100);
    expect(again).toBe(state);
    expect(layerPose(again, hiddenAt + EXIT_MS)).toBeNull();
    // Also once the exit has finished.
    const later = updateLayer(again, null, null, hiddenAt + EXIT_MS + 1_000);
    expect(later).toBe(state);
    expect(layerPose(later, hiddenAt + EXIT_MS + 1_000)).toBeNull();
  });

  it('treats a null key like hidden content', () => {
    const state = updateLayer(shown(first, 'a'), first, null, hiddenAt);
    expect(state.leaving).toBe(true);
    expect(layerPose(state, hiddenAt + EXIT_MS)).toBeNull();
  });

  it('enters again when the same content comes back', () => {
    const state = leaving();
    const back = updateLayer(state, first, 'a', hiddenAt + 100);
    expect(back.leaving).toBe(false);
    expect(layerPose(back, hiddenAt + 100)).toEqual({ opacity: 0, offset: 0.3 });
    expect(layerPose(back, hiddenAt + 100 + ENTER_MS)).toEqual({ opacity: 1, offset: 0 });
  });

  it('enters again after it has fully left', () => {
    const gone = leaving();
    const now = hiddenAt + EXIT_MS + 1_000;
    const back = updateLayer(gone, second, 'b', now);
    expect(layerPose(back, now)).toEqual({ opacity: 0, offset: 0.3 });
    expect(layerPose(back, now + ENTER_MS)).toEqual({ opacity: 1, offset: 0 });
  });
});

describe('purity', () => {
  it('never changes the state it is given', () => {
    const state = Object.freeze(shown(first, 'a'));
    const snapshot = { ...state };
    updateLayer(state, second, 'b', t0 + 10);
    updateLayer(state, null, null, t0 + 10);
    updateLayer(state, first, 'a', t0 + 10);
    expect(state).toEqual(snapshot);
  });
});

describe('a layer hidden while still entering', () => {
  it('fades out from the opacity it had reached, without popping to full', () => {
    let state = updateLayer(initialLayerState<string>(), 'hello', 'k', 0);
    const before = layerPose(state, 50)?.opacity ?? 0;
    state = updateLayer(state, null, null, 50);
    const after = layerPose(state, 50)?.opacity ?? 0;
    expect(before).toBeLessThan(0.9);
    expect(after).toBeCloseTo(before, 5);
  });
});
