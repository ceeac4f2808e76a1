import { describe, expect, it } from 'vitest';
import type { LiveLayers } from '../../../contract/schemas/liveLayers.std';
import { LiveLayerAnimator } from './framePlan.dom';

const none: LiveLayers = { pinnedComment: null, purchaseToast: null, nowExplaining: null, flashSale: null };
const pinned: LiveLayers = { ...none, pinnedComment: { id: 'c1', author: 'Ana', text: 'Does it come in red?' } };
const pinPose = (animator: LiveLayerAnimator, layers: LiveLayers, now: number) => animator.poses(layers, now).find((entry) => entry.id === 'pinnedComment')?.pose ?? null;

describe('the live layers’ animation across frames', () => {
  it('shows a new pin in the very first frame that sees it, one frame into its entrance', () => {
    const animator = new LiveLayerAnimator();
    animator.frameMs = 1000 / 30;
    expect(pinPose(animator, none, 0)).toBeNull();
    const first = pinPose(animator, pinned, 1000);
    expect(first?.opacity).toBeGreaterThan(0.2);
    expect(first?.opacity).toBeLessThan(1);
    expect(pinPose(animator, pinned, 1000 + 1000 / 30)?.opacity).toBeGreaterThan(first?.opacity ?? 1);
  });

  it('without a frame interval, a change starts at the frame that sees it (transparent)', () => {
    const animator = new LiveLayerAnimator();
    expect(pinPose(animator, pinned, 1000)?.opacity).toBe(0);
  });
});
