import type { SourceOf } from '../../../contract/schemas/scene.std';
import { CheckboxField, ColourField, DraftField } from './fields.dom';
import { parseNumber } from './numberInput.std';
import { useSourceUpdate } from './useScenes.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

type TextLike = SourceOf<'text'> | SourceOf<'ticker'>;

/** A text overlay or a ticker: the words, their size and colours, and for a ticker its speed. */
export function TextProperties({ sceneId, source }: { sceneId: string; source: TextLike }) {
  // One updater for both kinds: the fields they share are edited the same way.
  const update = useSourceUpdate(sceneId, source.id, source.kind);
  const ticker = source.kind === 'ticker';
  const maxText = ticker ? 1000 : 300;
  const { t } = useT();
  return (
    <>
      <DraftField
        label={ticker ? t('props.text.ticker') : t('props.text.text')}
        multiline
        maxLength={maxText}
        value={source.text}
        hint={t('props.text.max', { max: maxText })}
        onCommit={(text) => update((current) => ({ ...current, text }))}
      />
      {source.kind === 'ticker' && (
        <TickerSpeed sceneId={sceneId} source={source} />
      )}
      <DraftField
        label={t('props.text.size')}
        inputMode="decimal"
        value={String(source.fontSize)}
        onCommit={(text) => {
          const parsed = parseNumber(text, { label: t('field.fontSize'), min: 8, max: 200 }, { t });
          return parsed.ok ? update((current) => ({ ...current, fontSize: parsed.value })) : parsed.message;
        }}
      />
      <ColourField label={t('props.text.colour')} value={source.color} onChange={(color) => update((current) => ({ ...current, color }))} />
      <CheckboxField
        label={t('props.text.background')}
        checked={source.background !== null}
        onChange={(on) => update((current) => ({ ...current, background: on ? (current.background ?? '#000000aa') : null }))}
      />
      {source.background !== null && (
        <ColourField label={t('props.text.backgroundColour')} withOpacity value={source.background} onChange={(background) => update((current) => ({ ...current, background }))} />
      )}
      <CheckboxField label={t('props.text.bold')} checked={source.bold} onChange={(bold) => update((current) => ({ ...current, bold }))} />
    </>
  );
}

function TickerSpeed({ sceneId, source }: { sceneId: string; source: SourceOf<'ticker'> }) {
  const update = useSourceUpdate(sceneId, source.id, 'ticker');
  const { t } = useT();
  return (
    <DraftField
      label={t('props.text.speed')}
      inputMode="decimal"
      value={String(source.speed)}
      onCommit={(text) => {
        const parsed = parseNumber(text, { label: t('field.speed'), min: 10, max: 1000 }, { t });
        return parsed.ok ? update((current) => ({ ...current, speed: parsed.value })) : parsed.message;
      }}
    />
  );
}
