import { useEffect, useState } from 'react';
import { formatCountdown } from '../compositor/draw/countdown.std';
import { formatPrice } from '../../../contract/schemas/product.std';
import type { PanelAction } from '../../../contract/schemas/panel.std';
import { useStudio } from '../../app/studioContext.dom';
import { minorToInput } from '../scenes/money.std';
import { parseFlashSale } from './flashSale.std';
import { stockLabel, variantStockText } from './productText.std';
import { FieldError } from '../../app/FieldError.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

/** Ticks once a second while a flash sale runs: the countdown on the room's clock. */
function Countdown({ endsAt, clockOffsetMs }: { endsAt: number; clockOffsetMs: number }) {
  const [now, setNow] = useState(() => Date.now());
  const { t } = useT();
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="countdown" role="timer" aria-live="off">
      {/* The studio's line in the merchant's language; the output's badge draws the compositor's own (countdownLabel). */}
      {endsAt > now + clockOffsetMs ? t('promotion.endsIn', { time: formatCountdown(endsAt - now - clockOffsetMs) }) : t('promotion.ended')}
    </span>
  );
}

/** What is on sale now, with its live stock and countdown, and the controls to move on: Next product, End promotion, a flash sale. */
export function PromotionCard({ act, hasNext }: { act: (action: PanelAction) => Promise<boolean>; hasNext: boolean }) {
  const promotion = useStudio((state) => state.panel.promotion);
  const clockOffsetMs = useStudio((state) => state.panel.clockOffsetMs);
  // The room sends a photo's address on its own server; the studio shows the catalogue's picture.
  const photo = useStudio((state) => (promotion ? (state.catalogue.products.find((product) => product.id === promotion.product.id)?.photo ?? null) : null));
  const [salePrice, setSalePrice] = useState('');
  const [minutes, setMinutes] = useState('5');
  const [problem, setProblem] = useState<string | null>(null);
  const translator = useT();
  const { t } = translator;

  const startFlashSale = async () => {
    if (!promotion) return;
    const product = promotion.product;
    const checked = parseFlashSale({ price: salePrice, minutes, currency: product.currency, regularPriceMinor: product.priceMinor, now: Date.now(), clockOffsetMs }, translator);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    setProblem(null);
    if (await act({ kind: 'promoteProduct', productId: product.id, flashSale: checked.value })) setSalePrice('');
  };

  return (
    <section className="promotion-card" aria-label={t('promotion.region')}>
      {promotion ? (
        <>
          <div className="promotion-head">
            {photo && <img className="thumb" src={photo} alt="" width={48} height={48} />}
            <div>
              <span className="label">{t('promotion.now')}</span>
              <strong className="promotion-name">{promotion.product.name}</strong>
              <span className="promotion-price">
                {formatPrice(promotion.flashSale?.priceMinor ?? promotion.product.priceMinor, promotion.product.currency)}
                {promotion.flashSale && <s> {formatPrice(promotion.product.priceMinor, promotion.product.currency)}</s>}
              </span>
              <span className="promotion-stock" aria-label={t('promotion.stock')}>
                {stockLabel(promotion.product.stock, translator) ?? t('stock.notTracked')}
              </span>
              {variantStockText(promotion.product, translator) && (
                <span className="variant-stock" aria-label={t('promotion.variantStock')}>
                  {variantStockText(promotion.product, translator)}
                </span>
              )}
              {promotion.flashSale && <Countdown endsAt={promotion.flashSale.endsAt} clockOffsetMs={clockOffsetMs} />}
            </div>
          </div>
          <form
            className="flash-sale"
            aria-label={t('promotion.flashSale')}
            onSubmit={(event) => {
              event.preventDefault();
              void startFlashSale();
            }}
          >
            <label>
              {t('promotion.salePrice')}
              <input inputMode="decimal" value={salePrice} placeholder={minorToInput(promotion.product.priceMinor, promotion.product.currency)} onChange={(event) => setSalePrice(event.target.value)} />
            </label>
            <label>
              {t('promotion.minutes')}
              <input inputMode="numeric" value={minutes} onChange={(event) => setMinutes(event.target.value)} size={4} />
            </label>
            <button type="submit">{t('promotion.start')}</button>
          </form>
          <FieldError message={problem} />
        </>
      ) : (
        <p className="empty">{t('promotion.none')}</p>
      )}
      <div className="promotion-actions">
        <button type="button" disabled={!hasNext} onClick={() => void act({ kind: 'promoteNext' })} title={t('promotion.nextTitle')}>
          {t('promotion.next')}
        </button>
        {promotion && (
          <button type="button" onClick={() => void act({ kind: 'endPromotion' })}>
            {t('promotion.end')}
          </button>
        )}
      </div>
    </section>
  );
}
