// Live layers slide in and fade in when they appear, fade out when they go. The animation is a
// pure function of time, so every frame (and a test) computes it the same way.

export const ENTER_MS = 300;
export const EXIT_MS = 250;

export interface LayerAnimationState<T> {
  /** What is (or, while leaving, was) shown. */
  content: T | null;
  key: string | null;
  since: number;
  leaving: boolean;
  /** The opacity the exit starts from: a layer hidden while still coming in fades from there. */
  exitFrom: number;
}

export function initialLayerState<T>(): LayerAnimationState<T> {
  return { content: null, key: null, since: 0, leaving: false, exitFrom: 1 };
}

/** Feeds the layer's current content (null: hidden); returns the new state. */
export function updateLayer<T>(state: LayerAnimationState<T>, content: T | null, key: string | null, now: number): LayerAnimationState<T> {
  if (content === null || key === null) {
    if (state.content === null || state.leaving) return state;
    return { ...state, since: now, leaving: true, exitFrom: layerPose(state, now)?.opacity ?? 1 };
  }
  if (key === state.key && !state.leaving) return { ...state, content };
  // New content (or the same coming back): enter again.
  return { content, key, since: now, leaving: false, exitFrom: 1 };
}

export interface LayerPose {
  opacity: number;
  /** Vertical offset as a fraction of the layer's height (slides up into place). */
  offset: number;
}

const easeOut = (t: number) => 1 - (1 - t) ** 3;

/** How the layer is drawn at `now`; null once it has fully left. */
export function layerPose(state: LayerAnimationState<unknown>, now: number): LayerPose | null {
  if (state.content === null) return null;
  if (state.leaving) {
    const t = Math.min(1, (now - state.since) / EXIT_MS);
    return t >= 1 ? null : { opacity: state.exitFrom * (1 - t), offset: 0 };
  }
  const t = easeOut(Math.min(1, Math.max(0, (now - state.since) / ENTER_MS)));
  return { opacity: t, offset: (1 - t) * 0.3 };
}
