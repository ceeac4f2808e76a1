import type { SourceOf } from '../../../contract/schemas/scene.std';
import { fitOptions, ImageFileField, SelectField } from './fields.dom';
import { useSourceUpdate } from './useScenes.dom';

export function ImageProperties({ sceneId, source }: { sceneId: string; source: SourceOf<'image'> }) {
  const update = useSourceUpdate(sceneId, source.id, 'image');
  return (
    <>
      <img className="thumbnail" src={source.image} alt={`${source.name}: the current picture`} />
      <ImageFileField label="Replace image" hint="PNG, JPEG, WebP or GIF, at most 2 MB." onImage={(image) => update((current) => ({ ...current, image: image.dataUrl }))} />
      <SelectField label="Fit" value={source.fit} options={fitOptions} onChange={(fit) => update((current) => ({ ...current, fit: fit === 'contain' ? 'contain' : 'cover' }))} />
    </>
  );
}
