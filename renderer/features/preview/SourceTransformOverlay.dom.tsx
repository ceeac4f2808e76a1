import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { aspectOf, rectIn, type Aspect } from '../../../contract/sceneLayout.std';
import type { Rect, Source } from '../../../contract/schemas/scene.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { activeScene, sceneEdits } from '../../store/sceneEdits.std';
import { handles, moveRect, nudgeRect, resizeRect, snapLines, type Guide, type Handle, type SnapLines } from './snap.std';
import './transform.css';

interface Drag {
  pointerId: number;
  sceneId: string;
  sourceId: string;
  /** The layout being arranged: a drag finishes in it even if the output changes meanwhile. */
  aspect: Aspect;
  /** null: moving the whole source. */
  handle: Handle | null;
  start: Rect;
  startX: number;
  startY: number;
  /** The overlay's box on screen when the drag began: fractions of the output are fractions of it. */
  box: DOMRect;
  lines: SnapLines;
  moved: boolean;
  /** Stops listening for Escape. */
  release: () => void;
}

/** Pixels the pointer must travel before a press becomes a drag, so a click only selects. */
const DRAG_SLOP_PX = 3;

const percent = (value: number) => `${value * 100}%`;
const placeStyle = (rect: Rect) => ({ left: percent(rect.x), top: percent(rect.y), width: percent(rect.width), height: percent(rect.height) });

/**
 * Frames over the program preview for arranging the active scene: drag to move, handles to
 * resize (Shift keeps the shape, Alt turns snapping off), arrow keys to nudge. Only the frames
 * take the pointer; the rest of the preview stays clickable through it. What it shows and moves
 * is the layout of the output's aspect (16:9 or 9:16); the other layout is left alone.
 */
export function SourceTransformOverlay({ width, height }: { width: number; height: number }) {
  const scene = useStudio((state) => (state.sceneCollection ? activeScene(state.sceneCollection) : undefined));
  const selectedId = useStudio((state) => state.selectedSourceId);
  const editScenes = useStudio((state) => state.editScenes);
  const selectSource = useStudio((state) => state.selectSource);
  const statuses = useStudio((state) => state.sourceStatuses);
  const { t, rich } = useT();
  const root = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const [guides, setGuides] = useState<Guide[]>([]);
  const hintId = useId();
  // A drag cut short by the overlay going away (scene switch, profile change) stops listening.
  useEffect(() => () => drag.current?.release(), []);

  const aspect = aspectOf({ width, height });
  const visible = (scene?.sources ?? []).filter((source) => source.visible).map((source) => ({ source, rect: rectIn(source, aspect) }));
  const selected = visible.find((item) => item.source.id === selectedId);

  const setRect = (sceneId: string, sourceId: string, rect: Rect, layout = aspect) =>
    editScenes((collection) => sceneEdits.setRect(collection, sceneId, sourceId, layout, rect));

  const begin = (event: PointerEvent<HTMLElement>, source: Source, rect: Rect, handle: Handle | null) => {
    if (event.button !== 0 || !scene || !root.current) return;
    event.stopPropagation();
    selectSource(source.id);
    const others = visible.filter((other) => other.source.id !== source.id).map((other) => other.rect);
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current?.release();
    // Escape mid-drag puts the source back where it was. Listened for on the window: a handle
    // takes no focus, so the key would not reach the frame.
    const onEscape = (key: globalThis.KeyboardEvent) => {
      const current = drag.current;
      if (key.key !== 'Escape' || !current) return;
      key.preventDefault();
      setRect(current.sceneId, current.sourceId, current.start, current.aspect);
      finish();
    };
    window.addEventListener('keydown', onEscape);
    drag.current = {
      pointerId: event.pointerId,
      sceneId: scene.id,
      sourceId: source.id,
      aspect,
      handle,
      start: rect,
      startX: event.clientX,
      startY: event.clientY,
      box: root.current.getBoundingClientRect(),
      lines: snapLines(others),
      moved: false,
      release: () => window.removeEventListener('keydown', onEscape),
    };
  };

  const finish = () => {
    drag.current?.release();
    drag.current = null;
    setGuides([]);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId || current.box.width === 0 || current.box.height === 0) return;
    const pixelsX = event.clientX - current.startX;
    const pixelsY = event.clientY - current.startY;
    if (!current.moved && Math.hypot(pixelsX, pixelsY) < DRAG_SLOP_PX) return;
    current.moved = true;
    const dx = pixelsX / current.box.width;
    const dy = pixelsY / current.box.height;
    const lines = event.altKey ? null : current.lines;
    const result = current.handle ? resizeRect(current.start, current.handle, dx, dy, { keepAspect: event.shiftKey, lines }) : moveRect(current.start, dx, dy, lines);
    // Every move goes to the store (the picture follows the hand); saving is coalesced there.
    setRect(current.sceneId, current.sourceId, result.rect, current.aspect);
    setGuides(result.guides);
  };

  const end = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId === event.pointerId) finish();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, source: Source, rect: Rect) => {
    if (drag.current) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      selectSource(source.id);
      return;
    }
    const nudged = nudgeRect(rect, event.key, event.shiftKey);
    if (!nudged || !scene) return;
    event.preventDefault();
    selectSource(source.id);
    setRect(scene.id, source.id, nudged);
  };

  return (
    <div ref={root} className="transform-overlay" role="group" aria-label={t('overlay.region')} onPointerMove={onPointerMove} onPointerUp={end} onPointerCancel={end}>
      <p id={hintId} className="transform-hint">
        {t('overlay.hint')}
      </p>
      {visible.map(({ source, rect }) => {
        const status = statuses[source.id];
        // The program shows viewers a plain slate there (framePlan.dom.ts); why is for the studio.
        return status?.state === 'error' ? (
          <p key={`problem:${source.id}`} className="transform-problem" style={placeStyle(rect)}>
            {rich<ReactNode>('overlay.noPicture', { name: source.name, reason: status.message ?? '' }, { b: (chunks) => <strong key="name">{chunks}</strong> })}
          </p>
        ) : null;
      })}
      {visible.map(({ source, rect }) => {
        const isSelected = source.id === selectedId;
        return (
          <div
            key={source.id}
            role="button"
            tabIndex={0}
            aria-label={t('overlay.drag', { name: source.name })}
            aria-pressed={isSelected}
            aria-describedby={hintId}
            className={isSelected ? 'transform-frame selected' : 'transform-frame'}
            style={placeStyle(rect)}
            onPointerDown={(event) => begin(event, source, rect, null)}
            onKeyDown={(event) => onKeyDown(event, source, rect)}
          >
            {isSelected && (
              // Under the frame while there is room there, so it never hides what the source shows (a card's product name).
              <span className={rect.y + rect.height <= 0.94 ? 'transform-label below' : 'transform-label'} aria-hidden="true">
                {source.name} · {Math.round(rect.width * width)}×{Math.round(rect.height * height)}
              </span>
            )}
          </div>
        );
      })}
      {selected && (
        // Above every frame, so a covered source can still be resized by its handles.
        <div className="transform-handles" style={placeStyle(selected.rect)} aria-hidden="true">
          {handles.map((handle) => (
            <div key={handle} className={`transform-handle handle-${handle}`} data-handle={handle} onPointerDown={(event) => begin(event, selected.source, selected.rect, handle)} />
          ))}
        </div>
      )}
      {guides.map((guide) => (
        <div
          key={`${guide.axis}:${guide.at}`}
          className={`snap-guide snap-guide-${guide.axis}`}
          style={guide.axis === 'x' ? { left: percent(guide.at) } : { top: percent(guide.at) }}
          aria-hidden="true"
        />
      ))}
    </div>
  );
}
