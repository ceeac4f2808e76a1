import { audioEn } from './audio.en.std';
import { destinationsEn } from './destinations.en.std';
import { goliveEn } from './golive.en.std';
import { libraryEn } from './library.en.std';
import { panelEn } from './panel.en.std';
import { productsEn } from './products.en.std';
import { scenesEn } from './scenes.en.std';
import { shellEn } from './shell.en.std';
import { staffEn } from './staff.en.std';

// The studio in English: one catalogue composed from one part per area of the studio, the keys
// every other language must match. Parts keep files small; keys are prefixed by area so none collide.

export const en = {
  ...shellEn,
  ...goliveEn,
  ...destinationsEn,
  ...panelEn,
  ...staffEn,
  ...scenesEn,
  ...audioEn,
  ...libraryEn,
  ...productsEn,
};

export type StudioKey = keyof typeof en;
