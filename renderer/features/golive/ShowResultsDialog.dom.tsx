import { useEffect, useRef } from 'react';
import { formatPrice } from '../../../contract/schemas/product.std';
import type { ShowResults } from '../../../contract/schemas/showResults.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { buyText, clipsText, salesText, showLength } from './showResultsText.std';

const clockTime = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** How the show went, as soon as it ends: the figures first, then the best sellers and the clips. */
export function ShowResultsDialog({ results, onClose }: { results: ShowResults | null; onClose: () => void }) {
  const translator = useT();
  const { t } = translator;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (results && !dialog.current?.open) dialog.current?.showModal();
  }, [results]);

  return (
    <dialog ref={dialog} aria-labelledby="show-results-heading" className="preflight show-results" onClose={onClose}>
      {results && (
        <>
          <h2 id="show-results-heading">{t('results.heading')}</h2>
          <dl className="results-figures" aria-label={t('results.figures')}>
            <div>
              <dt>{t('results.length')}</dt>
              <dd>{showLength(results.durationMs, translator)}</dd>
            </div>
            <div>
              <dt>{t('results.peakViewers')}</dt>
              <dd>{results.peakViewers}</dd>
            </div>
            <div>
              <dt>{t('results.orders')}</dt>
              <dd>{results.orders}</dd>
            </div>
            <div>
              <dt>{t('results.sales')}</dt>
              <dd>{salesText(results.gmv, translator)}</dd>
            </div>
          </dl>
          <h3>{t('results.bestSellers')}</h3>
          {results.bestSellers.length === 0 ? (
            <p className="empty">{t('results.noOrders')}</p>
          ) : (
            <ol className="best-sellers" aria-label={t('results.bestSellers')}>
              {results.bestSellers.map((seller) => (
                <li key={`${seller.productId}-${seller.amount.currency}`}>
                  <span className="best-seller-name">{seller.name}</span>
                  <span>{t('results.sold', { quantity: seller.quantity, amount: formatPrice(seller.amount.amountMinor, seller.amount.currency) })}</span>
                </li>
              ))}
            </ol>
          )}
          <p>{clipsText(results.clips, translator)}</p>
          <p>{buyText(results.buyUntil, clockTime, translator)}</p>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('common.done')}
        </button>
      </div>
    </dialog>
  );
}
