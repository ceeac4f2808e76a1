import { MAX_VARIANTS } from '../../../contract/schemas/variant.std';
import { FormField } from './FormField.dom';
import type { DraftField, VariantDraft } from './productDraft.std';
import { useT } from '../../app/i18n/studioI18n.dom';

interface VariantRowsProps {
  variants: readonly VariantDraft[];
  errors: Partial<Record<DraftField, string>>;
  onChange: (variants: VariantDraft[], touched: DraftField | null) => void;
}

/** A new row's id: made here, once, so a variant keeps its id (which live orders name) through later edits. */
const newVariantId = () => `v-${crypto.randomUUID().slice(0, 12)}`;

/**
 * The product's sizes or colours, a row each (label, stock), each problem under its own field as
 * the rest of the form does. Removing a row renumbers those after it, so their problems go too.
 */
export function VariantRows({ variants, errors, onChange }: VariantRowsProps) {
  const { t } = useT();
  const edit = (index: number, key: 'label' | 'stock', value: string) =>
    onChange(
      variants.map((variant, at) => (at === index ? { ...variant, [key]: value } : variant)),
      `variant-${index}-${key}`,
    );
  return (
    <fieldset className="variant-rows" aria-describedby={errors.variants ? 'variants-error' : undefined}>
      <legend>{t('variants.legend')}</legend>
      {variants.length === 0 && <p className="hint">{t('variants.none')}</p>}
      {variants.map((variant, index) => (
        <div className="form-row variant-row" key={variant.id}>
          <FormField label={t('variants.row', { index: index + 1 })} error={errors[`variant-${index}-label`]}>
            {(props) => <input {...props} value={variant.label} maxLength={60} placeholder="L, 红色 / L" autoComplete="off" onChange={(event) => edit(index, 'label', event.target.value)} />}
          </FormField>
          <FormField
            label={
              <>
                {t('productForm.stock')}
                <span className="visually-hidden">{t('variants.stockOf', { index: index + 1 })}</span>
              </>
            }
            error={errors[`variant-${index}-stock`]}
          >
            {(props) => <input {...props} inputMode="numeric" value={variant.stock} placeholder={t('productForm.notTracked')} autoComplete="off" onChange={(event) => edit(index, 'stock', event.target.value)} />}
          </FormField>
          <button
            type="button"
            className="small-button"
            aria-label={t('variants.remove', { name: variant.label.trim() || index + 1 })}
            onClick={() =>
              onChange(
                variants.filter((_, at) => at !== index),
                null,
              )
            }
          >
            {t('products.remove')}
          </button>
        </div>
      ))}
      {errors.variants && (
        <p className="field-error" id="variants-error">
          {errors.variants}
        </p>
      )}
      <button type="button" className="small-button" disabled={variants.length >= MAX_VARIANTS} onClick={() => onChange([...variants, { id: newVariantId(), label: '', stock: '' }], null)}>
        {t('variants.add')}
      </button>
    </fieldset>
  );
}
