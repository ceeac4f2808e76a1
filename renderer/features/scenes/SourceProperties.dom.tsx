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
import { TextProperties } from './TextProperties.dom';
import { useSourceUpdate } from './useScenes.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

/** The selected source's settings, below the sources list. */
export function SourceProperties({ scene }: { scene: Scene }) {
  const selectedId = useStudio((state) => state.selectedSourceId);
  const source = scene.sources.find((candidate) => candidate.id === selectedId);
  const { t } = useT();
  return (
    <section className="properties" aria-labelledby="properties-heading">
      <h2 id="properties-heading">{source ? t('props.headingNamed', { name: source.name }) : t('props.heading')}</h2>
      {source ? (
        // Keyed by source: drafts and messages belong to the source they were typed for.
        <SourceForm key={source.id} sceneId={scene.id} source={source} />
      ) : (
        <p className="empty">{t('props.none')}</p>
      )}
    </section>
  );
}

function SourceForm({ sceneId, source }: { sceneId: string; source: Source }) {
  const { t } = useT();
  return (
    <div className="property-form" role="group" aria-label={t('props.group', { kind: source.kind })}>
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

const rectFields: { key: keyof Rect; min: number; max: number }[] = [
  { key: 'x', min: -100, max: 200 },
  { key: 'y', min: -100, max: 200 },
  { key: 'width', min: 1, max: 300 },
  { key: 'height', min: 1, max: 300 },
];

/**
 * Name, and place and size as per cent of the output: the keyboard's way to lay out a scene. The
 * place is the one in the output's layout (16:9 or 9:16), as the preview shows it.
 */
function CommonFields({ sceneId, source }: { sceneId: string; source: Source }) {
  const update = useSourceUpdate(sceneId, source.id, source.kind);
  const aspect = useStudio((state) => outputAspect(state.settings.outputProfile));
  const rect = rectIn(source, aspect);
  const { t } = useT();
  return (
    <>
      <DraftField label={t('props.name')} value={source.name} maxLength={80} onCommit={(name) => update((current) => ({ ...current, name }))} />
      <fieldset className="rect-fields">
        <legend>{t(`props.place.${aspect}`)}</legend>
        {rectFields.map((field) => (
          <DraftField
            // Keyed by layout too: a draft typed for 16:9 is not a 9:16 value.
            key={`${aspect}:${field.key}`}
            label={t(`props.${field.key}`)}
            inputMode="decimal"
            value={fractionToPercent(rect[field.key])}
            onCommit={(text) => {
              // The rule's sentence is numberInput's, in the merchant's language around the field's name.
              const parsed = parsePercent(text, { label: t(`field.${field.key}`), min: field.min, max: field.max }, { t });
              return parsed.ok ? update((current) => withRectIn(current, aspect, { ...rectIn(current, aspect), [field.key]: parsed.value })) : parsed.message;
            }}
          />
        ))}
        <p className="field-hint">{t(`props.hint.${aspect}`)}</p>
      </fieldset>
    </>
  );
}

function ScreenProperties({ sceneId, source }: { sceneId: string; source: Extract<Source, { kind: 'screen' }> }) {
  const update = useSourceUpdate(sceneId, source.id, 'screen');
  const translator = useT();
  const { t } = translator;
  return (
    <>
      <SelectField label={t('props.fit')} value={source.fit} options={fitOptions(translator)} onChange={(fit) => update((current) => ({ ...current, fit: fit === 'contain' ? 'contain' : 'cover' }))} />
      <div className="field">
        <ShareScreenButton />
        <p className="field-hint">{t('props.screenHint')}</p>
      </div>
    </>
  );
}
