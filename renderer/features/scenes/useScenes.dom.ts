import { useCallback } from 'react';
import type { Scene, Source, SourceKind, SourceOf } from '../../../contract/schemas/scene.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { activeScene, sceneEdits } from '../../store/sceneEdits.std';
import { checkSource } from './sourceValidation.std';

export function useActiveScene(): Scene | undefined {
  return useStudio((state) => (state.sceneCollection ? activeScene(state.sceneCollection) : undefined));
}

export function isKind<K extends SourceKind>(source: Source, kind: K): source is SourceOf<K> {
  return source.kind === kind;
}

/**
 * Applies a change to one source if the contract accepts the result; answers the reason when it
 * does not (and then nothing changes). The check runs against the store's current source, inside
 * the edit, so two quick edits never build on a stale copy.
 */
export function useSourceUpdate<K extends SourceKind>(sceneId: string, sourceId: string, kind: K): (change: (source: SourceOf<K>) => SourceOf<K>) => string | null {
  const editScenes = useStudio((state) => state.editScenes);
  const translator = useT();
  return useCallback(
    (change) => {
      let problem: string | null = null;
      editScenes((collection) => {
        const current = collection.scenes.find((scene) => scene.id === sceneId)?.sources.find((source) => source.id === sourceId);
        if (!current || !isKind(current, kind)) {
          problem = translator.t('props.gone');
          return collection;
        }
        const checked = checkSource(change(current), translator, current);
        if (!checked.ok) {
          problem = checked.message;
          return collection;
        }
        return sceneEdits.updateSource(collection, sceneId, sourceId, () => checked.value);
      });
      return problem;
    },
    [editScenes, sceneId, sourceId, kind, translator],
  );
}
