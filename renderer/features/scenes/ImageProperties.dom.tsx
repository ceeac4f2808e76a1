import type { SourceOf } from '../../../contract/schemas/scene.std';
import { fitOptions, ImageFileField, SelectField } from './fields.dom';
import { useSourceUpdate } from './useScenes.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

export function ImageProperties({ sceneId, source }: { sceneId: string; source: SourceOf<'image'> }) {
  const translator = useT();
  const update = useSourceUpdate(sceneId, source.id, 'image');
  return (
    <>
      <img className="thumbnail" src={source.image} alt={`${source.name}: the current picture`} />
      <ImageFileField label={translator.t('props.image.replace')} hint={translator.t('props.image.hint')} onImage={(image) => update((current) => ({ ...current, image: image.dataUrl }))} />
      <SelectField label={translator.t('props.fit')} value={source.fit} options={fitOptions(translator)} onChange={(fit) => update((current) => ({ ...current, fit: fit === 'contain' ? 'contain' : 'cover' }))} />
    </>
  );
}
