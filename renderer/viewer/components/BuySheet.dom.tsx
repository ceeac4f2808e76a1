import { useCallback, useId, useState, type FormEvent } from 'react';
import type { Promotion } from '../../../contract/room/roomEvents.std';
import { roomLimits } from '../../../contract/room/roomMessages.std';
import { orderNumber } from '../../../contract/orderNumber.std';
import { formatPrice } from '../../../contract/schemas/product.std';
import { sanitizeOverlayText } from '../../features/compositor/draw/text.std';
import { charCount, checkOrder, clampQuantity, maxQuantity, type FieldErrors, type OrderField } from '../forms.std';
import { loadName, saveName } from '../identity.std';
import { useConnection, useStorage, useViewer } from '../viewerContext.dom';
import { fieldProblemText, refusalText } from '../i18n/fieldProblem.std';
import { Sentence, useT } from '../i18n/viewerI18n.dom';
import { Field } from './Field.dom';
import { VariantPicker } from './VariantPicker.dom';

type Outcome = { kind: 'idle' } | { kind: 'sending' } | { kind: 'ordered'; orderId: string } | { kind: 'refused'; message: string };

/** The order form for the promoted product, as a modal sheet. */
export function BuySheet({ promotion, unitPriceMinor, onClose }: { promotion: Promotion; unitPriceMinor: number; onClose: () => void }) {
  const { product } = promotion;
  const translator = useT();
  const { t } = translator;
  const connection = useConnection();
  const storage = useStorage();
  const banned = useViewer((state) => state.banned);
  const id = useId();
  const variants = product.variants ?? [];
  // Chosen for the viewer only when there is nothing to choose between.
  const [variantId, setVariantId] = useState<string | null>(() => (variants.length === 1 && variants[0]?.stock !== 0 ? (variants[0]?.id ?? null) : null));
  const variant = variants.find((candidate) => candidate.id === variantId) ?? null;
  const [quantity, setQuantity] = useState(1);
  const [buyerName, setBuyerName] = useState(() => loadName(storage));
  const [contact, setContact] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors<OrderField>>({});
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const dialogRef = useCallback((dialog: HTMLDialogElement | null) => {
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // The chosen variant's units bound the quantity; sold out while choosing, the sheet says so on its chip.
  const stockHere = variant ? variant.stock : product.stock;
  const ceiling = maxQuantity(stockHere);
  const shown = clampQuantity(quantity, stockHere);
  const soldOut = product.stock === 0 || variant?.stock === 0;
  const sending = outcome.kind === 'sending';

  const total = formatPrice(unitPriceMinor * shown, product.currency);
  // With sizes and none chosen the button says what is missing; pressed anyway, the chips say it again, marked.
  const orderLabel = variant
    ? t('buy.orderVariant', { variant: sanitizeOverlayText(variant.label, 30), quantity: shown, total })
    : variants.length > 0
      ? t('buy.chooseVariantFirst')
      : t('buy.order', { quantity: shown, total });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const checked = checkOrder({ productId: product.id, variantId, hasVariants: variants.length > 0, quantity: shown, buyerName, contact, note });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setOutcome({ kind: 'sending' });
    const { type: _type, ...order } = checked.message;
    const ack = await connection.sendOrder(order);
    if (ack.ok) {
      saveName(storage, checked.message.buyerName);
      setOutcome({ kind: 'ordered', orderId: ack.id ?? '' });
    } else {
      // Everything typed stays: the viewer fixes what the room refused and sends again.
      setOutcome({ kind: 'refused', message: refusalText(ack.code, ack.message, translator) });
    }
  };

  return (
    <dialog ref={dialogRef} className="sheet" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form className="sheet-form" onSubmit={(event) => void submit(event)} noValidate>
        <header className="sheet-header">
          <h2 id={`${id}-title`} className="user-text" dir="auto">
            {product.name}
          </h2>
          <button type="button" className="sheet-close" onClick={onClose} aria-label={t('buy.close')}>
            ✕
          </button>
        </header>

        {outcome.kind === 'ordered' ? (
          <div className="sheet-done" role="status">
            <p className="sheet-confirmation">
              <Sentence message="buy.received" values={{ number: orderNumber(outcome.orderId) }} tag="code" className="order-number" />
            </p>
            <p>{t('buy.contactSoon')}</p>
            <button type="button" className="primary" onClick={onClose}>
              {t('buy.done')}
            </button>
          </div>
        ) : (
          <>
            {variants.length > 0 && (
              <VariantPicker
                id={`${id}-variant`}
                variants={variants}
                chosen={variantId}
                error={fieldProblemText('variant', errors.variant, translator)}
                disabled={sending}
                onChoose={(chosen) => {
                  setVariantId(chosen);
                  setErrors(({ variant: _chosen, ...rest }) => rest);
                }}
              />
            )}
            <Field id={`${id}-qty`} label={t('buy.quantity')} error={fieldProblemText('quantity', errors.quantity, translator)}>
              <div className="stepper">
                <button type="button" onClick={() => setQuantity(shown - 1)} disabled={shown <= 1 || sending} aria-label={t('buy.fewer')}>
                  −
                </button>
                <output id={`${id}-qty`} aria-live="polite">
                  {shown}
                </output>
                <button type="button" onClick={() => setQuantity(shown + 1)} disabled={shown >= ceiling || sending} aria-label={t('buy.more')}>
                  +
                </button>
                <span className="stepper-total">{formatPrice(unitPriceMinor * shown, product.currency)}</span>
              </div>
            </Field>
            <Field id={`${id}-name`} label={t('buy.name')} error={fieldProblemText('buyerName', errors.buyerName, translator)}>
              <input id={`${id}-name`} value={buyerName} onChange={(e) => setBuyerName(e.target.value)} autoComplete="name" maxLength={roomLimits.nameChars * 2} dir="auto" disabled={sending} />
            </Field>
            <Field id={`${id}-contact`} label={t('buy.phone')} error={fieldProblemText('contact', errors.contact, translator)}>
              <input
                id={`${id}-contact`}
                type="tel"
                value={contact}
                onChange={(e) => setContact(e.target.value)}
                autoComplete="tel"
                inputMode="tel"
                maxLength={roomLimits.contactChars * 2}
                disabled={sending}
              />
            </Field>
            <Field id={`${id}-note`} label={t('buy.note')} error={fieldProblemText('note', errors.note, translator)} hint={`${charCount(note)}/${roomLimits.noteChars}`}>
              <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={roomLimits.noteChars * 2} dir="auto" disabled={sending} />
            </Field>
            {outcome.kind === 'refused' && (
              <p className="sheet-refused" role="alert">
                {outcome.message}
              </p>
            )}
            <button type="submit" className="primary" disabled={sending || soldOut || banned}>
              {soldOut ? t('product.soldOut') : sending ? t('buy.sending') : orderLabel}
            </button>
          </>
        )}
      </form>
    </dialog>
  );
}
