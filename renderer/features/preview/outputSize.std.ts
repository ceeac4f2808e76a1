import { aspectOf, type Aspect } from '../../../contract/sceneLayout.std';
import type { OutputProfile } from '../../../contract/schemas/settings.std';

export const outputSizes: Record<OutputProfile, { width: number; height: number; label: string }> = {
  '720p30': { width: 1280, height: 720, label: '720p · 30 fps (16:9)' },
  '1080p30': { width: 1920, height: 1080, label: '1080p · 30 fps (16:9)' },
  vertical720x1280: { width: 720, height: 1280, label: 'Vertical 720×1280 (9:16)' },
};

/** Which of a scene's two layouts the output shows. */
export const outputAspect = (profile: OutputProfile): Aspect => aspectOf(outputSizes[profile]);
