import type { SceneCollection } from '../../../contract/schemas/scene.std';
import type { SourceStatus } from '../../store/scenesSlice.std';

export interface FirstShowInput {
  scenes: SceneCollection | null;
  sourceStatuses: Readonly<Record<string, SourceStatus>>;
  productCount: number;
  /** The live room and the RTMP destinations that are switched on. */
  destinationsOn: number;
  showCount: number;
}

export interface FirstShowStep {
  id: 'camera' | 'product' | 'destination' | 'test-show';
  done: boolean;
  title: string;
  /** How to do it, or what was done. */
  hint: string;
}

/** The first camera of the active scene that has a picture, or what stands in its way. */
function cameraStep(input: FirstShowInput): FirstShowStep {
  const scene = input.scenes?.scenes.find((candidate) => candidate.id === input.scenes?.activeSceneId);
  const cameras = scene?.sources.filter((source) => source.kind === 'camera') ?? [];
  const statuses = cameras.map((camera) => input.sourceStatuses[camera.id]);
  if (statuses.some((status) => status?.state === 'live')) return { id: 'camera', done: true, title: 'Camera ready', hint: 'Frame yourself and your products in the preview.' };
  if (cameras.length === 0) return { id: 'camera', done: false, title: 'Put a camera in the scene', hint: 'Pick the Camera scene, or Add source → Camera.' };
  const blocked = statuses.find((status) => status?.state === 'error');
  return { id: 'camera', done: false, title: 'Turn on your camera', hint: blocked?.message ?? 'Allow the camera when the browser asks.' };
}

/**
 * What a merchant does before their first real show, in order: a picture, something to sell,
 * somewhere to send it, and a rehearsal in their own room (only they have its link) — each
 * ticked from what the studio already knows, so it never asks for what is done.
 */
export function firstShowSteps(input: FirstShowInput): FirstShowStep[] {
  return [
    cameraStep(input),
    input.productCount > 0
      ? { id: 'product', done: true, title: input.productCount === 1 ? '1 product to sell' : `${input.productCount} products to sell`, hint: 'Promote one with a click while you are live.' }
      : { id: 'product', done: false, title: 'Add a product to sell', hint: 'Products tab → Add product, or import a CSV of your catalogue.' },
    input.destinationsOn > 0
      ? { id: 'destination', done: true, title: 'Somewhere to send the show', hint: 'Change it in Destinations, next to Go Live.' }
      : { id: 'destination', done: false, title: 'Choose where the show goes', hint: 'Destinations, next to Go Live: your own live room, Douyin, Taobao…' },
    input.showCount > 0
      ? { id: 'test-show', done: true, title: 'Test show done', hint: 'Its recording is in the Library.' }
      : {
          id: 'test-show',
          done: false,
          title: 'Do a test show in your own room',
          hint: 'Go Live with only your live room on, open its link on your phone (the QR code above), comment and buy, then End Live.',
        },
  ];
}
