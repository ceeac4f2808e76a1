import './variants.css';
import type { ProductVariant } from '../../../contract/schemas/variant.std';
import { sanitizeOverlayText } from '../../features/compositor/draw/text.std';
import { useT } from '../i18n/viewerI18n.dom';

interface VariantPickerProps {
  id: string;
  variants: readonly ProductVariant[];
  chosen: string | null;
  error: string | undefined;
  disabled: boolean;
  onChoose: (variantId: string) => void;
}

/**
 * The sizes or colours as chips a thumb can hit (radio buttons underneath, so a screen reader and
 * the arrow keys work): a sold-out one is disabled, struck through and says so in words, so it is
 * not told apart by colour alone. Its units left show under its label.
 */
export function VariantPicker({ id, variants, chosen, error, disabled, onChoose }: VariantPickerProps) {
  const { t } = useT();
  return (
    <fieldset className={error ? 'field variant-picker field-invalid' : 'field variant-picker'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('buy.variant')}</legend>
      <div className="variant-chips">
        {variants.map((variant) => {
          const soldOut = variant.stock === 0;
          const label = sanitizeOverlayText(variant.label, 30);
          return (
            <label key={variant.id} className={`variant-chip${soldOut ? ' variant-chip-out' : ''}${chosen === variant.id ? ' variant-chip-chosen' : ''}`}>
              {/* Named by the label alone, what is left read after it: "L, 6 left". */}
              <input
                type="radio"
                name={`${id}-variant`}
                value={variant.id}
                checked={chosen === variant.id}
                disabled={soldOut || disabled}
                aria-label={label}
                aria-describedby={variant.stock === null ? undefined : `${id}-${variant.id}-stock`}
                onChange={() => onChoose(variant.id)}
              />
              <span className="variant-chip-label user-text" dir="auto">
                {label}
              </span>
              {variant.stock !== null && <span className="variant-chip-stock" id={`${id}-${variant.id}-stock`}>{soldOut ? t('buy.variantSoldOut') : t('product.left', { count: variant.stock })}</span>}
            </label>
          );
        })}
      </div>
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
