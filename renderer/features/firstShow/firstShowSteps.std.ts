import type { SceneCollection } from '../../../contract/schemas/scene.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';
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
function cameraStep(input: FirstShowInput, { t }: StudioTranslator): FirstShowStep {
  const scene = input.scenes?.scenes.find((candidate) => candidate.id === input.scenes?.activeSceneId);
  const cameras = scene?.sources.filter((source) => source.kind === 'camera') ?? [];
  const statuses = cameras.map((camera) => input.sourceStatuses[camera.id]);
  if (statuses.some((status) => status?.state === 'live')) return { id: 'camera', done: true, title: t('firstShow.camera.done'), hint: t('firstShow.camera.doneHint') };
  if (cameras.length === 0) return { id: 'camera', done: false, title: t('firstShow.camera.none'), hint: t('firstShow.camera.noneHint') };
  const blocked = statuses.find((status) => status?.state === 'error');
  // A blocked camera's own reason (the capture's words) says more than the general hint.
  return { id: 'camera', done: false, title: t('firstShow.camera.off'), hint: blocked?.message ?? t('firstShow.camera.offHint') };
}

/**
 * What a merchant does before their first real show, in order: a picture, something to sell,
 * somewhere to send it, and a rehearsal in their own room (only they have its link) — each
 * ticked from what the studio already knows, so it never asks for what is done.
 */
export function firstShowSteps(input: FirstShowInput, translator: StudioTranslator): FirstShowStep[] {
  const { t } = translator;
  return [
    cameraStep(input, translator),
    input.productCount > 0
      ? { id: 'product', done: true, title: t('firstShow.product.done', { count: input.productCount }), hint: t('firstShow.product.doneHint') }
      : { id: 'product', done: false, title: t('firstShow.product.todo'), hint: t('firstShow.product.todoHint') },
    input.destinationsOn > 0
      ? { id: 'destination', done: true, title: t('firstShow.destination.done'), hint: t('firstShow.destination.doneHint') }
      : { id: 'destination', done: false, title: t('firstShow.destination.todo'), hint: t('firstShow.destination.todoHint') },
    input.showCount > 0
      ? { id: 'test-show', done: true, title: t('firstShow.test.done'), hint: t('firstShow.test.doneHint') }
      : { id: 'test-show', done: false, title: t('firstShow.test.todo'), hint: t('firstShow.test.todoHint') },
  ];
}
