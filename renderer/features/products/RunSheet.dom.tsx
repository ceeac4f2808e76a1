import type { Product } from '../../../contract/schemas/product.std';
import type { RoomProduct } from '../../../contract/room/roomMessages.std';
import { liveStock, stockLabel, variantStockText } from './productText.std';
import { moveInRunSheet, removeFromRunSheet } from './runSheet.std';

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
  if (runSheet.length === 0) {
    return (
      <section className="run-sheet" aria-label="Run-sheet">
        <h3>Run-sheet</h3>
        <p className="empty">{editable ? 'Add products to the run-sheet to promote them in order with Next product.' : 'The host has not set a run-sheet.'}</p>
      </section>
    );
  }
  return (
    <section className="run-sheet" aria-label="Run-sheet">
      <h3>Run-sheet</h3>
      <ol>
        {runSheet.map((productId, index) => {
          const product = products.get(productId);
          const name = product?.name ?? productId;
          const stock = product ? liveStock(product, promoted) : null;
          const stockText = stock && (variantStockText(stock) ?? stockLabel(stock.stock));
          return (
            <li key={productId} className={productId === promotedId ? 'promoted' : undefined} aria-current={productId === promotedId ? 'step' : undefined}>
              <span className="step-name">
                {index + 1}. {name}
              </span>
              {stockText && <span className="step-stock">{stockText}</span>}
              {productId !== promotedId && (
                <button type="button" className="small-button" aria-label={`Promote ${name}`} onClick={() => onPromote(productId)}>
                  Promote
                </button>
              )}
              {editable && (
                <>
                  <button type="button" className="small-button" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => onChange(moveInRunSheet(runSheet, productId, -1))}>
                    ↑
                  </button>
                  <button type="button" className="small-button" aria-label={`Move ${name} down`} disabled={index === runSheet.length - 1} onClick={() => onChange(moveInRunSheet(runSheet, productId, 1))}>
                    ↓
                  </button>
                  <button type="button" className="small-button" aria-label={`Remove ${name} from the run-sheet`} onClick={() => onChange(removeFromRunSheet(runSheet, productId))}>
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
