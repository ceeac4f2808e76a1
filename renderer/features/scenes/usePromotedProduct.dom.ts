import type { Product } from '../../../contract/schemas/product.std';
import { useStudio } from '../../app/studioContext.dom';
import { placePromotion } from '../compositor/promotedCard.std';

/** The promoted product when this scene's card is the one showing it (as the compositor decides), else null. */
export function usePromotedProduct(sceneId: string, sourceId: string): Product | null {
  return useStudio((state) => {
    const scene = state.sceneCollection?.scenes.find((candidate) => candidate.id === sceneId);
    const card = scene ? placePromotion(scene, state.liveLayers).card : null;
    return card?.sourceId === sourceId ? card.product : null;
  });
}
