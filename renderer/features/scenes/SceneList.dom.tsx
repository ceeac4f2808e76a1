import { useId, useRef, useState } from 'react';
import { MAX_SCENES, scenePresets, type Scene, type ScenePreset } from '../../../contract/schemas/scene.std';
import { useStudio } from '../../app/studioContext.dom';
import { sceneEdits } from '../../store/sceneEdits.std';
import { ConfirmRemove } from './ConfirmRemove.dom';
import { MenuButton } from './MenuButton.dom';
import { MoveButton } from './MoveButton.dom';
import { uniqueName } from './sourceFactory.std';
import { useFocusLater } from './useFocusLater.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

const isPreset = (key: string): key is ScenePreset => (scenePresets as readonly string[]).includes(key);

/** The show's scenes: a click puts one on the program at once. */
export function SceneList() {
  const collection = useStudio((state) => state.sceneCollection);
  const editScenes = useStudio((state) => state.editScenes);
  const { t } = useT();
  const list = useRef<HTMLUListElement>(null);
  const focusLater = useFocusLater(list);
  if (!collection) return null;
  const { scenes, activeSceneId } = collection;

  const addScene = (preset: string) => {
    if (!isPreset(preset)) return;
    let added = '';
    editScenes((current) => {
      const next = sceneEdits.add(current, preset, () => crypto.randomUUID());
      // At the limit nothing is added, and nothing may be renamed either.
      if (next === current) return current;
      added = next.activeSceneId;
      const taken = current.scenes.map((scene) => scene.name);
      // A new scene is named in the merchant's language: the name is theirs from then on.
      return sceneEdits.rename(next, added, uniqueName(t(`scenes.preset.${preset}`), taken));
    });
    if (added) focusLater(`scene:${added}`);
  };

  return (
    <>
      <div className="section-head">
        <h2 id="scenes-heading">{t('scenes.heading')}</h2>
        <MenuButton
          label={t('scenes.add')}
          items={scenePresets.map((preset) => ({ key: preset, label: t(`scenes.preset.${preset}`) }))}
          onSelect={addScene}
          disabledReason={scenes.length >= MAX_SCENES ? t('scenes.max', { max: MAX_SCENES }) : null}
        />
      </div>
      <ul className="scene-list" aria-labelledby="scenes-heading" ref={list}>
        {scenes.map((scene, index) => (
          <SceneRow
            key={scene.id}
            scene={scene}
            index={index}
            count={scenes.length}
            active={scene.id === activeSceneId}
            onActivate={() => editScenes((current) => sceneEdits.activate(current, scene.id))}
            onRename={(name) => editScenes((current) => sceneEdits.rename(current, scene.id, name))}
            onMove={(to, direction) => {
              editScenes((current) => sceneEdits.moveScene(current, scene.id, to));
              focusLater(`${scene.id}:${direction}`, `${scene.id}:${direction === 'up' ? 'down' : 'up'}`, `scene:${scene.id}`);
            }}
            onRemove={() => {
              const neighbour = scenes[index + 1] ?? scenes[index - 1];
              editScenes((current) => sceneEdits.remove(current, scene.id));
              if (neighbour) focusLater(`scene:${neighbour.id}`);
            }}
            onDone={() => focusLater(`scene:${scene.id}`)}
          />
        ))}
      </ul>
    </>
  );
}

interface SceneRowProps {
  scene: Scene;
  index: number;
  count: number;
  active: boolean;
  onActivate: () => void;
  onRename: (name: string) => void;
  onMove: (toIndex: number, direction: 'up' | 'down') => void;
  onRemove: () => void;
  /** Renaming or removing ended: focus goes back to the scene. */
  onDone: () => void;
}

function SceneRow({ scene, index, count, active, onActivate, onRename, onMove, onRemove, onDone }: SceneRowProps) {
  const { t } = useT();
  const [mode, setMode] = useState<'show' | 'rename' | 'remove'>('show');
  const last = count <= 1;

  if (mode === 'rename') {
    return (
      <li className="scene-row">
        <RenameInput
          name={scene.name}
          onDone={(name) => {
            if (name !== null) onRename(name);
            setMode('show');
            onDone();
          }}
        />
      </li>
    );
  }
  if (mode === 'remove') {
    return (
      <li className="scene-row">
        <ConfirmRemove
          name={scene.name}
          what="scene"
          onConfirm={onRemove}
          onCancel={() => {
            setMode('show');
            onDone();
          }}
        />
      </li>
    );
  }
  return (
    <li className={active ? 'scene-row active' : 'scene-row'}>
      <button
        type="button"
        className="scene-switch"
        data-focus={`scene:${scene.id}`}
        aria-current={active ? 'true' : undefined}
        title={t(active ? 'scenes.onProgram' : 'scenes.putOnProgram', { name: scene.name })}
        onClick={onActivate}
        onDoubleClick={() => setMode('rename')}
        onKeyDown={(event) => {
          if (event.key === 'F2') {
            event.preventDefault();
            setMode('rename');
          }
        }}
      >
        <span className="scene-name">{scene.name}</span>
        {active && (
          <span className="on-program" aria-hidden="true">
            ●
          </span>
        )}
      </button>
      <div className="row-actions">
        <button type="button" className="icon-button" aria-label={t('scenes.rename', { name: scene.name })} title={t('scenes.renameTitle')} onClick={() => setMode('rename')}>
          ✎
        </button>
        <MoveButton itemId={scene.id} itemName={scene.name} direction="up" title={t('scenes.moveUp')} disabled={index === 0} onClick={() => onMove(index - 1, 'up')} />
        <MoveButton
          itemId={scene.id}
          itemName={scene.name}
          direction="down"
          title={t('scenes.moveDown')}
          disabled={index === count - 1}
          onClick={() => onMove(index + 1, 'down')}
        />
        <button
          type="button"
          className="icon-button"
          aria-label={t('scenes.remove', { name: scene.name })}
          title={last ? t('scenes.lastScene') : t('common.remove')}
          disabled={last}
          onClick={() => setMode('remove')}
        >
          ✕
        </button>
      </div>
    </li>
  );
}

/** Enter or leaving the field renames; Escape keeps the old name; an empty name is refused. */
function RenameInput({ name, onDone }: { name: string; onDone: (name: string | null) => void }) {
  const { t } = useT();
  const [draft, setDraft] = useState(name);
  const errorId = useId();
  // Enter or Escape unmounts the field, which may also blur it: only the first ending counts.
  const finished = useRef(false);
  const empty = draft.trim() === '';
  const finish = (keep: boolean) => {
    if (finished.current) return;
    finished.current = true;
    onDone(keep || empty ? null : draft.trim());
  };
  return (
    <div className="rename">
      <input
        // The field appears because the merchant asked to rename: focus belongs in it.
        autoFocus
        type="text"
        aria-label={t('scenes.newName', { name })}
        value={draft}
        maxLength={80}
        aria-invalid={empty || undefined}
        aria-describedby={empty ? errorId : undefined}
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => finish(false)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (!empty) finish(false);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            finish(true);
          }
        }}
      />
      {empty && (
        <p className="field-error" id={errorId} role="alert">
          {t('scenes.nameMissing')}
        </p>
      )}
    </div>
  );
}
