import { MAX_VARIANTS } from '../../../contract/schemas/variant.std';
import { FormField } from './FormField.dom';
import type { DraftField, VariantDraft } from './productDraft.std';

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
  const edit = (index: number, key: 'label' | 'stock', value: string) =>
    onChange(
      variants.map((variant, at) => (at === index ? { ...variant, [key]: value } : variant)),
      `variant-${index}-${key}`,
    );
  return (
    <fieldset className="variant-rows" aria-describedby={errors.variants ? 'variants-error' : undefined}>
      <legend>Variants (size, colour)</legend>
      {variants.length === 0 && <p className="hint">None: the product is sold as one thing. Add sizes or colours to give each its own stock.</p>}
      {variants.map((variant, index) => (
        <div className="form-row variant-row" key={variant.id}>
          <FormField label={`Variant ${index + 1}`} error={errors[`variant-${index}-label`]}>
            {(props) => <input {...props} value={variant.label} maxLength={60} placeholder="L, 红色 / L" autoComplete="off" onChange={(event) => edit(index, 'label', event.target.value)} />}
          </FormField>
          <FormField
            label={
              <>
                Stock<span className="visually-hidden"> of variant {index + 1}</span>
              </>
            }
            error={errors[`variant-${index}-stock`]}
          >
            {(props) => <input {...props} inputMode="numeric" value={variant.stock} placeholder="not tracked" autoComplete="off" onChange={(event) => edit(index, 'stock', event.target.value)} />}
          </FormField>
          <button
            type="button"
            className="small-button"
            aria-label={`Remove variant ${variant.label.trim() || index + 1}`}
            onClick={() =>
              onChange(
                variants.filter((_, at) => at !== index),
                null,
              )
            }
          >
            Remove
          </button>
        </div>
      ))}
      {errors.variants && (
        <p className="field-error" id="variants-error">
          {errors.variants}
        </p>
      )}
      <button type="button" className="small-button" disabled={variants.length >= MAX_VARIANTS} onClick={() => onChange([...variants, { id: newVariantId(), label: '', stock: '' }], null)}>
        Add variant
      </button>
    </fieldset>
  );
}
