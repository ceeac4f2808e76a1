import { describe, expect, it } from 'vitest';
import { defaultSceneCollection } from '../../../contract/scenePresets.std';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { firstShowSteps, type FirstShowInput } from './firstShowSteps.std';

const en = createStudioTranslator('en');

function counter(): () => string {
  let next = 0;
  return () => `id-${(next += 1)}`;
}

const scenes = defaultSceneCollection(counter());
const activeCamera = scenes.scenes.find((scene) => scene.id === scenes.activeSceneId)?.sources.find((source) => source.kind === 'camera');
const fresh: FirstShowInput = { scenes, sourceStatuses: {}, productCount: 0, destinationsOn: 1, showCount: 0 };

describe('the first-show checklist', () => {
  it('on a fresh studio: the camera starting, no product, the live room on, no test show yet', () => {
    expect(activeCamera).toBeDefined();
    expect(firstShowSteps(fresh, en).map((step) => [step.id, step.done, step.title])).toEqual([
      ['camera', false, 'Turn on your camera'],
      ['product', false, 'Add a product to sell'],
      ['destination', true, 'Somewhere to send the show'],
      ['test-show', false, 'Do a test show in your own room'],
    ]);
  });

  it('ticks each step from what the studio knows', () => {
    const steps = firstShowSteps({ ...fresh, sourceStatuses: { [activeCamera?.id ?? '']: { state: 'live' } }, productCount: 3, destinationsOn: 2, showCount: 1 }, en);
    expect(steps.every((step) => step.done)).toBe(true);
    expect(steps.map((step) => step.title)).toEqual(['Camera ready', '3 products to sell', 'Somewhere to send the show', 'Test show done']);
  });

  it('says why the camera has no picture, and when nothing is switched on', () => {
    const steps = firstShowSteps({ ...fresh, sourceStatuses: { [activeCamera?.id ?? '']: { state: 'error', message: 'Camera permission was denied.' } }, destinationsOn: 0 }, en);
    expect(steps[0]).toMatchObject({ done: false, hint: 'Camera permission was denied.' });
    expect(steps[2]).toMatchObject({ done: false, title: 'Choose where the show goes' });
  });

  it('asks for a camera in a scene that has none', () => {
    const noCamera = { ...scenes, scenes: scenes.scenes.map((scene) => ({ ...scene, sources: scene.sources.filter((source) => source.kind !== 'camera') })) };
    expect(firstShowSteps({ ...fresh, scenes: noCamera }, en)[0]).toMatchObject({ done: false, title: 'Put a camera in the scene' });
  });
});
