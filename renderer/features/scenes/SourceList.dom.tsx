import { useRef, useState } from 'react';
import { MAX_SOURCES_PER_SCENE, type Scene, type Source } from '../../../contract/schemas/scene.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { sceneEdits } from '../../store/sceneEdits.std';
import { isVideoSource } from '../compositor/captureKeys.std';
import { CaptureStatus } from './CaptureStatus.dom';
import { ConfirmRemove } from './ConfirmRemove.dom';
import { MenuButton } from './MenuButton.dom';
import { CardShowing } from './ProductCardProperties.dom';
import { MoveButton } from './MoveButton.dom';
import { readImageFile } from './readImage.dom';
import { IMAGE_ACCEPT } from './imageFile.std';
import { kindGlyphs, newImageSource, newSource, sourceKinds } from './sourceFactory.std';
import { useFocusLater } from './useFocusLater.dom';

/** The active scene's sources, top-most first (the scene keeps them bottom to top). */
export function SourceList({ scene }: { scene: Scene }) {
  const editScenes = useStudio((state) => state.editScenes);
  const selectedId = useStudio((state) => state.selectedSourceId);
  const selectSource = useStudio((state) => state.selectSource);
  const imageInput = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const focusLater = useFocusLater(list);
  const [addError, setAddError] = useState<string | null>(null);
  const { t } = useT();
  const kindItems = sourceKinds.map((kind) => ({ key: kind, label: kind === 'image' ? t('sources.addImage') : t(`sources.kind.${kind}`) }));

  /** Makes the source from the scene as it is when added (an image may take a moment to read). */
  const add = (make: (id: string, existing: readonly Source[]) => Source) => {
    const id = crypto.randomUUID();
    editScenes((collection) => {
      const existing = collection.scenes.find((candidate) => candidate.id === scene.id)?.sources ?? [];
      return sceneEdits.addSource(collection, scene.id, make(id, existing));
    });
    selectSource(id);
    focusLater(`source:${id}`);
  };

  const onAdd = (key: string) => {
    setAddError(null);
    if (key === 'image') {
      // A picture is chosen first: an image source without one would be an empty box on air.
      imageInput.current?.click();
      return;
    }
    const kind = sourceKinds.find((candidate) => candidate === key);
    if (kind && kind !== 'image') add((id, existing) => newSource(kind, id, existing));
  };

  const topFirst = scene.sources.map((source, index) => ({ source, index })).reverse();
  const full = scene.sources.length >= MAX_SOURCES_PER_SCENE;

  return (
    <>
      <div className="section-head">
        <h2 id="sources-heading">{t('sources.heading')}</h2>
        <MenuButton label={t('sources.add')} items={kindItems} onSelect={onAdd} disabledReason={full ? t('sources.max', { max: MAX_SOURCES_PER_SCENE }) : null} />
      </div>
      <input
        ref={imageInput}
        type="file"
        hidden
        accept={IMAGE_ACCEPT}
        aria-label={t('sources.imageFile')}
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          input.value = '';
          if (!file) return;
          void readImageFile(file, { t }).then((result) => {
            if (!result.ok) {
              setAddError(result.message);
              return;
            }
            add((id, existing) => newImageSource(id, result.value, existing));
          });
        }}
      />
      {addError && (
        <p className="field-error" role="alert">
          {addError}
        </p>
      )}
      {scene.sources.length === 0 ? (
        <p className="empty">{t('sources.empty')}</p>
      ) : (
        <ul className="source-list" aria-labelledby="sources-heading" ref={list}>
          {topFirst.map(({ source, index }) => (
            <SourceRow
              key={source.id}
              sceneId={scene.id}
              source={source}
              selected={source.id === selectedId}
              isTop={index === scene.sources.length - 1}
              isBottom={index === 0}
              onSelect={() => selectSource(source.id)}
              onToggle={() => {
                editScenes((collection) => sceneEdits.updateSource(collection, scene.id, source.id, (current) => ({ ...current, visible: !current.visible })));
                focusLater(`${source.id}:visible`);
              }}
              onMove={(direction) => {
                editScenes((collection) => sceneEdits.moveSource(collection, scene.id, source.id, direction === 'up' ? index + 1 : index - 1));
                focusLater(`${source.id}:${direction}`, `${source.id}:${direction === 'up' ? 'down' : 'up'}`, `source:${source.id}`);
              }}
              onRemove={() => {
                const neighbour = topFirst[topFirst.findIndex((entry) => entry.source.id === source.id) + 1] ?? topFirst[topFirst.length - 2];
                editScenes((collection) => sceneEdits.removeSource(collection, scene.id, source.id));
                if (selectedId === source.id) selectSource(null);
                if (neighbour && neighbour.source.id !== source.id) focusLater(`source:${neighbour.source.id}`);
              }}
              onCancelRemove={() => focusLater(`source:${source.id}`)}
            />
          ))}
        </ul>
      )}
    </>
  );
}

interface SourceRowProps {
  sceneId: string;
  source: Source;
  selected: boolean;
  isTop: boolean;
  isBottom: boolean;
  onSelect: () => void;
  onToggle: () => void;
  onMove: (direction: 'up' | 'down') => void;
  onRemove: () => void;
  onCancelRemove: () => void;
}

function SourceRow({ sceneId, source, selected, isTop, isBottom, onSelect, onToggle, onMove, onRemove, onCancelRemove }: SourceRowProps) {
  const [confirming, setConfirming] = useState(false);
  const { t } = useT();
  const className = ['source-row', selected ? 'selected' : '', source.visible ? '' : 'hidden-source'].filter(Boolean).join(' ');
  if (confirming) {
    return (
      <li className={className}>
        <ConfirmRemove
          name={source.name}
          what="source"
          onConfirm={onRemove}
          onCancel={() => {
            setConfirming(false);
            onCancelRemove();
          }}
        />
      </li>
    );
  }
  return (
    // The row is a large click target for the mouse; keyboard users have the name button.
    <li className={className} onClick={onSelect}>
      <div className="source-main">
        <span className="kind-glyph" role="img" aria-label={t(`sources.kind.${source.kind}`)} title={t(`sources.kind.${source.kind}`)}>
          {kindGlyphs[source.kind]}
        </span>
        <button type="button" className="source-name" data-focus={`source:${source.id}`} aria-pressed={selected} onClick={onSelect}>
          {source.name}
        </button>
        <div className="row-actions">
          <button
            type="button"
            className="icon-button"
            data-focus={`${source.id}:visible`}
            aria-pressed={source.visible}
            aria-label={t(source.visible ? 'sources.hide' : 'sources.show', { name: source.name })}
            title={source.visible ? t('sources.hideTitle') : t('sources.showTitle')}
            onClick={onToggle}
          >
            {source.visible ? '◎' : '○'}
          </button>
          <MoveButton itemId={source.id} itemName={source.name} direction="up" title={t('sources.moveUp')} disabled={isTop} onClick={() => onMove('up')} />
          <MoveButton itemId={source.id} itemName={source.name} direction="down" title={t('sources.moveDown')} disabled={isBottom} onClick={() => onMove('down')} />
          <button type="button" className="icon-button" aria-label={t('scenes.remove', { name: source.name })} title={t('sources.removeTitle')} onClick={() => setConfirming(true)}>
            ✕
          </button>
        </div>
      </div>
      {isVideoSource(source) && <CaptureStatus source={source} />}
      {source.kind === 'productCard' && <CardShowing sceneId={sceneId} sourceId={source.id} />}
    </li>
  );
}
