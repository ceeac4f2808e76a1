import type { Product } from '../../../contract/schemas/product.std';
import type { RoomProduct } from '../../../contract/room/roomMessages.std';
import { liveStock, stockLabel, variantStockText } from './productText.std';
import { moveInRunSheet, removeFromRunSheet } from './runSheet.std';
import { useT } from '../../app/i18n/studioI18n.dom';

interface RunSheetProps {
  runSheet: readonly string[];
  products: ReadonlyMap<string, Product>;
  promotedId: string | null;
  /** The promoted product as the room last said, for its live stock. */
  promoted?: RoomProduct | null;
  editable: boolean;
  onChange: (runSheet: string[]) => void;
  onPromote: (productId: string) => void;
}

/** The show's running order: promote any step; the host moves and removes steps. */
export function RunSheet({ runSheet, products, promotedId, promoted = null, editable, onChange, onPromote }: RunSheetProps) {
  const translator = useT();
  const { t } = translator;
  if (runSheet.length === 0) {
    return (
      <section className="run-sheet" aria-label={t('runSheet.title')}>
        <h3>{t('runSheet.title')}</h3>
        <p className="empty">{editable ? t('runSheet.emptyHost') : t('runSheet.emptyModerator')}</p>
      </section>
    );
  }
  return (
    <section className="run-sheet" aria-label={t('runSheet.title')}>
      <h3>{t('runSheet.title')}</h3>
      <ol>
        {runSheet.map((productId, index) => {
          const product = products.get(productId);
          const name = product?.name ?? productId;
          const stock = product ? liveStock(product, promoted) : null;
          const stockText = stock && (variantStockText(stock, translator) ?? stockLabel(stock.stock, translator));
          return (
            <li key={productId} className={productId === promotedId ? 'promoted' : undefined} aria-current={productId === promotedId ? 'step' : undefined}>
              <span className="step-name">
                {t('runSheet.step', { index: index + 1, name })}
              </span>
              {stockText && <span className="step-stock">{stockText}</span>}
              {productId !== promotedId && (
                <button type="button" className="small-button" aria-label={t('runSheet.promote', { name })} onClick={() => onPromote(productId)}>
                  {t('products.promote')}
                </button>
              )}
              {editable && (
                <>
                  <button type="button" className="small-button" aria-label={t('runSheet.up', { name })} disabled={index === 0} onClick={() => onChange(moveInRunSheet(runSheet, productId, -1))}>
                    ↑
                  </button>
                  <button type="button" className="small-button" aria-label={t('runSheet.down', { name })} disabled={index === runSheet.length - 1} onClick={() => onChange(moveInRunSheet(runSheet, productId, 1))}>
                    ↓
                  </button>
                  <button type="button" className="small-button" aria-label={t('runSheet.remove', { name })} onClick={() => onChange(removeFromRunSheet(runSheet, productId))}>
                    ✕
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
