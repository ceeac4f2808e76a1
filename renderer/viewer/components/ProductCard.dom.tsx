import { Sentence, useT } from '../i18n/viewerI18n.dom';
import { useState } from 'react';
import type { Promotion } from '../../../contract/room/roomEvents.std';
import { formatPrice } from '../../../contract/schemas/product.std';
import { buyWindow, claimHint, formatCountdown, salePhase, stockLabel, variantStockLabel } from '../viewerState.std';
import { useServerNow, useViewer } from '../viewerContext.dom';
import { BuySheet } from './BuySheet.dom';

/** The product the host is explaining now, with its price, stock, flash sale and Buy. */
export function ProductCard() {
  const promotion = useViewer((state) => state.promotion);
  if (!promotion) return null;
  // Keyed by the product: its clock and its Buy sheet start fresh for each product shown, and
  // survive stock and price updates of the same one.
  return <PromotionCard key={promotion.product.id} promotion={promotion} />;
}

function PromotionCard({ promotion }: { promotion: Promotion }) {
  const translator = useT();
  const { t } = translator;
  const { product, flashSale } = promotion;
  const banned = useViewer((state) => state.banned);
  const ended = useViewer((state) => state.ended);
  const now = useServerNow(flashSale !== null || (ended !== null && ended.buyUntil !== null));
  const sale = salePhase(promotion, now);
  const buyable = buyWindow(ended, now);
  const [buying, setBuying] = useState(false);
  const stock = stockLabel(product.stock, translator);
  const claim = claimHint(promotion, translator);
  const soldOut = product.stock === 0;
  const price = sale.phase === 'running' && flashSale ? flashSale.priceMinor : product.priceMinor;
  const struck = sale.phase === 'running' ? product.priceMinor : product.listPriceMinor !== null && product.listPriceMinor > product.priceMinor ? product.listPriceMinor : null;

  return (
    <section className="product" aria-label={t('product.region')}>
      {product.photo ? <img className="product-photo" src={product.photo} alt="" /> : <div className="product-photo product-photo-none" aria-hidden="true" />}
      <div className="product-body">
        <h2 className="product-name user-text" dir="auto">
          {product.name}
        </h2>
        <p className="product-price">
          <span className={sale.phase === 'running' ? 'price price-sale' : 'price'}>{formatPrice(price, product.currency)}</span>
          {struck !== null && <s className="price-struck">{formatPrice(struck, product.currency)}</s>}
          {stock !== null && <span className={soldOut ? 'stock stock-out' : 'stock'}>{stock}</span>}
        </p>
        {(product.variants ?? []).length > 0 && (
          <ul className="variant-stock" aria-label={t('product.variants')}>
            {(product.variants ?? []).map((variant) => (
              <li key={variant.id} className={variant.stock === 0 ? 'variant-out' : undefined} dir="auto">
                {variantStockLabel(variant, translator)}
              </li>
            ))}
          </ul>
        )}
        {sale.phase === 'running' && (
          <p className="sale sale-running" role="timer">
            <Sentence message="product.saleEndsIn" values={{ time: formatCountdown(sale.remainingMs) }} tag="countdown" className="countdown" />
          </p>
        )}
        {sale.phase === 'over' && <p className="sale sale-over">{t('product.saleOver')}</p>}
        {buyable.phase === 'grace' && (
          <p className="sale sale-running" role="timer">
            <Sentence message="product.graceEndsIn" values={{ time: formatCountdown(buyable.remainingMs) }} tag="countdown" className="countdown" />
          </p>
        )}
        {buyable.phase === 'closed' && <p className="sale sale-over">{t('product.buyingClosed')}</p>}
        {claim !== null && buyable.phase !== 'closed' && <p className="claim-hint">{claim}</p>}
      </div>
      {buyable.phase !== 'closed' && (
        <button type="button" className="buy-button" disabled={soldOut || banned} onClick={() => setBuying(true)}>
          {soldOut ? t('product.soldOut') : t('product.buy')}
        </button>
      )}
      {/* Left open when the grace runs out mid-order: the room's refusal then says why, and nothing typed vanishes. */}
      {buying && <BuySheet promotion={promotion} unitPriceMinor={price} onClose={() => setBuying(false)} />}
    </section>
  );
}
