import { aspectOf, type Aspect } from '../../../contract/sceneLayout.std';
import type { OutputProfile } from '../../../contract/schemas/settings.std';

// Each profile's name for the merchant is in the studio's catalogues (`shell.output.<profile>`).
export const outputSizes: Record<OutputProfile, { width: number; height: number }> = {
  '720p30': { width: 1280, height: 720 },
  '1080p30': { width: 1920, height: 1080 },
  vertical720x1280: { width: 720, height: 1280 },
};

/** Which of a scene's two layouts the output shows. */
export const outputAspect = (profile: OutputProfile): Aspect => aspectOf(outputSizes[profile]);
