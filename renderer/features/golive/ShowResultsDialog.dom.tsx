import { useEffect, useRef } from 'react';
import { formatPrice } from '../../../contract/schemas/product.std';
import type { ShowResults } from '../../../contract/schemas/showResults.std';
import { buyText, clipsText, salesText, showLength } from './showResultsText.std';

const clockTime = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** How the show went, as soon as it ends: the figures first, then the best sellers and the clips. */
export function ShowResultsDialog({ results, onClose }: { results: ShowResults | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (results && !dialog.current?.open) dialog.current?.showModal();
  }, [results]);

  return (
    <dialog ref={dialog} aria-labelledby="show-results-heading" className="preflight show-results" onClose={onClose}>
      {results && (
        <>
          <h2 id="show-results-heading">Your show has ended</h2>
          <dl className="results-figures" aria-label="The show in figures">
            <div>
              <dt>Length</dt>
              <dd>{showLength(results.durationMs)}</dd>
            </div>
            <div>
              <dt>Peak viewers</dt>
              <dd>{results.peakViewers}</dd>
            </div>
            <div>
              <dt>Orders</dt>
              <dd>{results.orders}</dd>
            </div>
            <div>
              <dt>Sales</dt>
              <dd>{salesText(results.gmv)}</dd>
            </div>
          </dl>
          <h3>Best sellers</h3>
          {results.bestSellers.length === 0 ? (
            <p className="empty">No orders this time.</p>
          ) : (
            <ol className="best-sellers" aria-label="Best sellers">
              {results.bestSellers.map((seller) => (
                <li key={`${seller.productId}-${seller.amount.currency}`}>
                  <span className="best-seller-name">{seller.name}</span>
                  <span>
                    {seller.quantity} sold · {formatPrice(seller.amount.amountMinor, seller.amount.currency)}
                  </span>
                </li>
              ))}
            </ol>
          )}
          <p>{clipsText(results.clips)}</p>
          <p>{buyText(results.buyUntil, clockTime)}</p>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()}>
          Done
        </button>
      </div>
    </dialog>
  );
}
