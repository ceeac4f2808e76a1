import { useId, useState, type ReactNode } from 'react';
import { currencies, currencySchema, formatPrice, type Currency } from '../../../contract/schemas/product.std';
import type { SourceOf } from '../../../contract/schemas/scene.std';
import { Sentence, useT } from '../../app/i18n/studioI18n.dom';
import { DraftField, ImageFileField, SelectField } from './fields.dom';
import { convertMinor, minorToInput, parseMoney, parseOptionalMoney } from './money.std';
import { parseNumber, parseOptionalNumber } from './numberInput.std';
import { usePromotedProduct } from './usePromotedProduct.dom';
import { useSourceUpdate } from './useScenes.dom';

type ProductCard = SourceOf<'productCard'>;

const currencyOptions = currencies.map((currency) => ({ value: currency, label: currency }));

/** The product on the card: prices typed in the currency's units, stored in minor units. */
export function ProductCardProperties({ sceneId, source }: { sceneId: string; source: ProductCard }) {
  const update = useSourceUpdate(sceneId, source.id, 'productCard');
  const { product } = source;
  const setProduct = (change: (current: ProductCard['product']) => ProductCard['product']) =>
    update((current) => ({ ...current, product: change(current.product) }));
  const { t } = useT();

  return (
    <>
      <PromotionNote sceneId={sceneId} sourceId={source.id} />
      <DraftField label={t('props.card.name')} maxLength={120} value={product.name} onCommit={(name) => setProduct((current) => ({ ...current, name }))} />
      <SelectField
        label={t('props.card.currency')}
        value={product.currency}
        options={currencyOptions}
        onChange={(value) => {
          const parsed = currencySchema.safeParse(value);
          if (!parsed.success) return t('props.card.currencyMissing');
          const to: Currency = parsed.data;
          return setProduct((current) => ({
            ...current,
            currency: to,
            priceMinor: convertMinor(current.priceMinor, current.currency, to),
            listPriceMinor: current.listPriceMinor === null ? null : convertMinor(current.listPriceMinor, current.currency, to),
          }));
        }}
      />
      <DraftField
        label={t('props.card.price', { currency: product.currency })}
        inputMode="decimal"
        value={minorToInput(product.priceMinor, product.currency)}
        hint={t('props.card.priceShown', { price: formatPrice(product.priceMinor, product.currency) })}
        onCommit={(text) => {
          const parsed = parseMoney(text, product.currency, t('field.price'), { t });
          return parsed.ok ? setProduct((current) => ({ ...current, priceMinor: parsed.value })) : parsed.message;
        }}
      />
      <DraftField
        label={t('props.card.listPrice', { currency: product.currency })}
        inputMode="decimal"
        value={product.listPriceMinor === null ? '' : minorToInput(product.listPriceMinor, product.currency)}
        hint={t('props.card.listPriceHint')}
        onCommit={(text) => {
          const parsed = parseOptionalMoney(text, product.currency, t('field.listPrice'), { t });
          return parsed.ok ? setProduct((current) => ({ ...current, listPriceMinor: parsed.value })) : parsed.message;
        }}
      />
      <DraftField
        label={t('props.card.stock')}
        inputMode="numeric"
        value={product.stock === null ? '' : String(product.stock)}
        hint={t('props.card.stockHint')}
        onCommit={(text) => {
          const parsed = parseOptionalNumber(text, { label: t('field.stock'), min: 0, integer: true }, { t });
          return parsed.ok ? setProduct((current) => ({ ...current, stock: parsed.value })) : parsed.message;
        }}
      />
      {product.photo ? (
        <div className="photo-row">
          <img className="thumbnail" src={product.photo} alt={t('props.card.photoAlt', { name: product.name })} />
          <button type="button" className="small-button" onClick={() => setProduct((current) => ({ ...current, photo: null }))}>
            {t('props.card.removePhoto')}
          </button>
        </div>
      ) : (
        <p className="field-hint">{t('props.card.noPhoto')}</p>
      )}
      <ImageFileField
        label={product.photo ? t('props.card.replacePhoto') : t('props.card.photo')}
        hint={t('props.image.hint')}
        onImage={(image) => setProduct((current) => ({ ...current, photo: image.dataUrl }))}
      />
      <Countdown endsAt={source.countdownEndsAt} onChange={(countdownEndsAt) => update((current) => ({ ...current, countdownEndsAt }))} />
    </>
  );
}

/** Says that the card follows the promotion, so the product typed below is not taken for what viewers see. */
function PromotionNote({ sceneId, sourceId }: { sceneId: string; sourceId: string }) {
  const showing = usePromotedProduct(sceneId, sourceId);
  const { t, rich } = useT();
  if (!showing) return <p className="field-hint">{t('props.card.follows')}</p>;
  return (
    <p className="promotion-note" role="status">
      {rich<ReactNode>('props.card.promoted', { name: showing.name, price: formatPrice(showing.priceMinor, showing.currency) }, { b: (chunks) => <strong key="name" dir="auto">{chunks}</strong> })}
    </p>
  );
}

/** Under the card's row in the Sources list: which product viewers see on it now. */
export function CardShowing({ sceneId, sourceId }: { sceneId: string; sourceId: string }) {
  const showing = usePromotedProduct(sceneId, sourceId);
  if (!showing) return null;
  return (
    <div className="capture-status">
      <span>
        <Sentence message="props.card.showing" values={{ name: showing.name }} tag="product" className="promoted-name" />
      </span>
    </div>
  );
}

/** "Ends in N minutes": stored as the moment it ends, so every window and the output agree. */
function Countdown({ endsAt, onChange }: { endsAt: number | null; onChange: (endsAt: number | null) => string | null }) {
  const id = useId();
  const [minutes, setMinutes] = useState('10');
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const start = () => {
    const parsed = parseNumber(minutes, { label: t('subject.countdownMinutes'), min: 1, max: 1440, integer: true }, { t });
    setError(parsed.ok ? onChange(Date.now() + parsed.value * 60_000) : parsed.message);
  };
  return (
    <fieldset className="countdown">
      <legend>{t('props.countdown')}</legend>
      <p className="field-hint" aria-live="polite">
        {endsAt === null ? t('props.countdown.none') : t('props.countdown.endsAt', { time: new Date(endsAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) })}
      </p>
      <div className="field field-inline">
        <label htmlFor={id}>{t('props.countdown.minutes')}</label>
        <input
          id={id}
          type="text"
          inputMode="numeric"
          value={minutes}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => {
            setMinutes(event.target.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') start();
          }}
        />
        <button type="button" className="small-button" onClick={start}>
          {t('props.countdown.start')}
        </button>
      </div>
      {endsAt !== null && (
        <button type="button" className="small-button" onClick={() => setError(onChange(null))}>
          {t('props.countdown.stop')}
        </button>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
