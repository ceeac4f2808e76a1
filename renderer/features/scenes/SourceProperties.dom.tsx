import { rectIn, withRectIn } from '../../../contract/sceneLayout.std';
import type { Rect, Scene, Source } from '../../../contract/schemas/scene.std';
import { useStudio } from '../../app/studioContext.dom';
import { outputAspect } from '../preview/outputSize.std';
import { CameraProperties } from './CameraProperties.dom';
import { DraftField, fitOptions, SelectField } from './fields.dom';
import { ImageProperties } from './ImageProperties.dom';
import { fractionToPercent, parsePercent } from './numberInput.std';
import { ProductCardProperties } from './ProductCardProperties.dom';
import { ShareScreenButton } from './CaptureStatus.dom';
import { kindLabels } from './sourceFactory.std';
import { TextProperties } from './TextProperties.dom';
import { useSourceUpdate } from './useScenes.dom';

/** The selected source's settings, below the sources list. */
export function SourceProperties({ scene }: { scene: Scene }) {
  const selectedId = useStudio((state) => state.selectedSourceId);
  const source = scene.sources.find((candidate) => candidate.id === selectedId);
  return (
    <section className="properties" aria-labelledby="properties-heading">
      <h2 id="properties-heading">{source ? `Properties: ${source.name}` : 'Properties'}</h2>
      {source ? (
        // Keyed by source: drafts and messages belong to the source they were typed for.
        <SourceForm key={source.id} sceneId={scene.id} source={source} />
      ) : (
        <p className="empty">Select a source to change it.</p>
      )}
    </section>
  );
}

function SourceForm({ sceneId, source }: { sceneId: string; source: Source }) {
  return (
    <div className="property-form" role="group" aria-label={`${kindLabels[source.kind]} properties`}>
      <CommonFields sceneId={sceneId} source={source} />
      <KindFields sceneId={sceneId} source={source} />
    </div>
  );
}

function KindFields({ sceneId, source }: { sceneId: string; source: Source }) {
  switch (source.kind) {
    case 'camera':
      return <CameraProperties sceneId={sceneId} source={source} />;
    case 'screen':
      return <ScreenProperties sceneId={sceneId} source={source} />;
    case 'image':
      return <ImageProperties sceneId={sceneId} source={source} />;
    case 'text':
    case 'ticker':
      return <TextProperties sceneId={sceneId} source={source} />;
    case 'productCard':
      return <ProductCardProperties sceneId={sceneId} source={source} />;
  }
}

const rectFields: { key: keyof Rect; label: string; min: number; max: number }[] = [
  { key: 'x', label: 'X (%)', min: -100, max: 200 },
  { key: 'y', label: 'Y (%)', min: -100, max: 200 },
  { key: 'width', label: 'Width (%)', min: 1, max: 300 },
  { key: 'height', label: 'Height (%)', min: 1, max: 300 },
];

/**
 * Name, and place and size as per cent of the output: the keyboard's way to lay out a scene. The
 * place is the one in the output's layout (16:9 or 9:16), as the preview shows it.
 */
function CommonFields({ sceneId, source }: { sceneId: string; source: Source }) {
  const update = useSourceUpdate(sceneId, source.id, source.kind);
  const aspect = useStudio((state) => outputAspect(state.settings.outputProfile));
  const rect = rectIn(source, aspect);
  return (
    <>
      <DraftField label="Name" value={source.name} maxLength={80} onCommit={(name) => update((current) => ({ ...current, name }))} />
      <fieldset className="rect-fields">
        <legend>{aspect === 'portrait' ? 'Position and size in 9:16 (%)' : 'Position and size in 16:9 (%)'}</legend>
        {rectFields.map((field) => (
          <DraftField
            // Keyed by layout too: a draft typed for 16:9 is not a 9:16 value.
            key={`${aspect}:${field.key}`}
            label={field.label}
            inputMode="decimal"
            value={fractionToPercent(rect[field.key])}
            onCommit={(text) => {
              const parsed = parsePercent(text, { label: field.label.replace(' (%)', ''), min: field.min, max: field.max });
              return parsed.ok ? update((current) => withRectIn(current, aspect, { ...rectIn(current, aspect), [field.key]: parsed.value })) : parsed.message;
            }}
          />
        ))}
        <p className="field-hint">
          Per cent of the picture. {aspect === 'portrait' ? 'The 16:9 layout keeps its own places.' : 'The 9:16 (vertical) layout keeps its own places.'}
        </p>
      </fieldset>
    </>
  );
}

function ScreenProperties({ sceneId, source }: { sceneId: string; source: Extract<Source, { kind: 'screen' }> }) {
  const update = useSourceUpdate(sceneId, source.id, 'screen');
  return (
    <>
      <SelectField label="Fit" value={source.fit} options={fitOptions} onChange={(fit) => update((current) => ({ ...current, fit: fit === 'contain' ? 'contain' : 'cover' }))} />
      <div className="field">
        <ShareScreenButton />
        <p className="field-hint">Your browser asks which screen or window to show.</p>
      </div>
    </>
  );
}
