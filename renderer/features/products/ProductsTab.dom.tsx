import './products.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { mayCall } from '../../../contract/roles.std';
import type { PanelAction } from '../../../contract/schemas/panel.std';
import { formatPrice, type Product } from '../../../contract/schemas/product.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { findFlaggedWords } from '../../../contract/text/wordFlags.std';
import { ConfirmRemove } from '../scenes/ConfirmRemove.dom';
import { CsvImport } from './CsvImport.dom';
import { draftOfProduct, newProductDraft, type ProductDraft } from './productDraft.std';
import { ProductForm } from './ProductForm.dom';
import { liveStock, stockLabel, variantStockText } from './productText.std';
import { PromotionCard } from './PromotionCard.dom';
import { RunSheet } from './RunSheet.dom';
import { addToRunSheet, nextInRunSheet } from './runSheet.std';
import { FieldError } from '../../app/FieldError.dom';
import { promoteQuestion, type PromoteQuestion } from './promoteCheck.std';
import { useT } from '../../app/i18n/studioI18n.dom';

/**
 * The catalogue and the show's run-sheet: promote in one click, move through the run-sheet with
 * Next product, flash sales. Editing the catalogue and the run-sheet is the host's; a moderator
 * promotes.
 */
export function ProductsTab() {
  const api = useStudioApi();
  const catalogue = useStudio((state) => state.catalogue);
  const promotion = useStudio((state) => state.panel.promotion);
  const blockedWords = useStudio((state) => state.settings.livePanel.blockedWords);
  const flaggedSuperlatives = useStudio((state) => state.settings.livePanel.flaggedSuperlatives);
  const role = useStudio((state) => state.whoAmI.role);
  const mayEdit = mayCall(role, 'saveProduct');
  const [editing, setEditing] = useState<ProductDraft | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [asking, setAsking] = useState<PromoteQuestion | null>(null);
  const { run, failure } = usePanelCall();
  const translator = useT();
  const { t } = translator;

  const products = useMemo(() => new Map(catalogue.products.map((product) => [product.id, product])), [catalogue.products]);
  const nameFlags = useMemo(() => {
    const lists = { blockedWords, flaggedSuperlatives };
    return new Map(catalogue.products.map((product) => [product.id, findFlaggedWords(product.name, lists)]));
  }, [catalogue.products, blockedWords, flaggedSuperlatives]);
  const clockOffsetMs = useStudio((state) => state.panel.clockOffsetMs);
  const promoted = promotion ? promotion.product : null;
  const saleEndsAt = promotion?.flashSale?.endsAt ?? null;
  const promotedName = promotion?.product.name ?? '';
  const send = useCallback((action: PanelAction) => run(() => api.panelAction(action)), [api, run]);
  // Every action that may put a product on screen passes here: a flagged name is asked about first.
  const act = useCallback(
    async (action: PanelAction) => {
      const runningSale = saleEndsAt === null ? null : { productName: promotedName, endsAt: saleEndsAt };
      const context = { products, runSheet: catalogue.runSheet, promotedId: promoted?.id ?? null, lists: { blockedWords, flaggedSuperlatives }, runningSale, now: Date.now() + clockOffsetMs };
      const question = promoteQuestion(action, context, translator);
      if (!question) return send(action);
      setAsking(question);
      return false;
    },
    [send, translator, products, catalogue.runSheet, promoted?.id, blockedWords, flaggedSuperlatives, saleEndsAt, promotedName, clockOffsetMs],
  );
  const promote = useCallback((productId: string) => void act({ kind: 'promoteProduct', productId }), [act]);
  const setRunSheet = (productIds: string[]) => void run(() => api.setRunSheet({ productIds }));
  const hasNext = nextInRunSheet(catalogue.runSheet, promoted?.id ?? null) !== null;

  return (
    <div className="products-tab">
      <PromotionCard act={act} hasNext={hasNext} />
      {asking && (
        <PromoteAnyway
          question={asking}
          mayEdit={mayEdit}
          onPromote={() => {
            setAsking(null);
            void send(asking.action);
          }}
          onEdit={() => {
            setAsking(null);
            setEditing(draftOfProduct(asking.product));
          }}
          onCancel={() => setAsking(null)}
        />
      )}
      <FieldError message={failure} />
      <RunSheet runSheet={catalogue.runSheet} products={products} promotedId={promoted?.id ?? null} promoted={promoted} editable={mayEdit} onChange={setRunSheet} onPromote={promote} />
      <section className="catalogue" aria-label={t('products.catalogue')}>
        <div className="section-head">
          <h3>{t('products.catalogue')}</h3>
          {mayEdit && !editing && (
            <button type="button" className="small-button" onClick={() => setEditing(newProductDraft(catalogue.products[0]?.currency ?? 'CNY'))}>
              {t('products.add')}
            </button>
          )}
        </div>
        {editing && <ProductForm key={editing.id ?? 'new'} initial={editing} onDone={() => setEditing(null)} />}
        {catalogue.products.length === 0 ? (
          <p className="empty">{mayEdit ? t('products.emptyHost') : t('products.emptyModerator')}</p>
        ) : (
          <ul className="product-list" aria-label={t('products.list')}>
            {catalogue.products.map((product) =>
              removing === product.id ? (
                <li key={product.id}>
                  <ConfirmRemove name={product.name} what="product" onConfirm={() => void run(() => api.removeProduct({ id: product.id })).then(() => setRemoving(null))} onCancel={() => setRemoving(null)} />
                </li>
              ) : (
                <ProductRow
                  key={product.id}
                  product={product}
                  stock={liveStock(product, promoted)}
                  promoted={product.id === promoted?.id}
                  flaggedWords={(nameFlags.get(product.id) ?? []).map((flag) => flag.word)}
                  inRunSheet={catalogue.runSheet.includes(product.id)}
                  mayEdit={mayEdit}
                  onPromote={() => promote(product.id)}
                  onEdit={() => setEditing(draftOfProduct(product))}
                  onRemove={() => setRemoving(product.id)}
                  onAddToRunSheet={() => setRunSheet(addToRunSheet(catalogue.runSheet, product.id))}
                />
              ),
            )}
          </ul>
        )}
        {mayEdit && <CsvImport />}
      </section>
    </div>
  );
}

/**
 * Asked before a product goes on screen that would end a running flash sale or has a flagged
 * name: promote anyway, rename it, or not now (the sale goes on).
 */
function PromoteAnyway({ question, mayEdit, onPromote, onEdit, onCancel }: { question: PromoteQuestion; mayEdit: boolean; onPromote: () => void; onEdit: () => void; onCancel: () => void }) {
  const box = useRef<HTMLElement>(null);
  // Asked from a row far down the catalogue: the question comes into view, its safe answer focused.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
    box.current?.querySelector<HTMLButtonElement>('button.cancel')?.focus();
  }, [question]);
  const { t } = useT();
  const titleId = `promote-anyway-${question.product.id}`;
  return (
    <section ref={box} className="promote-anyway" role="alertdialog" aria-labelledby={titleId} aria-describedby={`${titleId}-why`} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <strong id={titleId}>{t('promoteAsk.title', { name: question.product.name })}</strong>
      <p id={`${titleId}-why`}>{question.warning}</p>
      <div className="dialog-actions">
        <button type="button" className="cancel" onClick={onCancel}>
          {t('promoteAsk.cancel')}
        </button>
        {mayEdit && question.flaggedName && (
          <button type="button" onClick={onEdit}>
            {t('promoteAsk.editName')}
          </button>
        )}
        <button type="button" onClick={onPromote}>
          {question.endsSale ? t('promoteAsk.endSale') : t('promoteAsk.anyway')}
        </button>
      </div>
    </section>
  );
}

interface ProductRowProps {
  product: Product;
  stock: ReturnType<typeof liveStock>;
  promoted: boolean;
  flaggedWords: readonly string[];
  inRunSheet: boolean;
  mayEdit: boolean;
  onPromote: () => void;
  onEdit: () => void;
  onRemove: () => void;
  onAddToRunSheet: () => void;
}

function ProductRow({ product, stock, promoted, flaggedWords, inRunSheet, mayEdit, onPromote, onEdit, onRemove, onAddToRunSheet }: ProductRowProps) {
  const translator = useT();
  const { t } = translator;
  const stockText = stockLabel(stock.stock, translator);
  const variantsText = variantStockText(stock, translator);
  return (
    <li className={promoted ? 'product-row promoted' : 'product-row'} aria-current={promoted ? 'true' : undefined} aria-label={product.name}>
      {product.photo ? <img className="thumb" src={product.photo} alt="" width={40} height={40} /> : <span className="thumb thumb-empty" aria-hidden="true" />}
      <div className="product-info">
        <span className="product-name">{product.name}</span>
        {flaggedWords.length > 0 && (
          <span className="flag-warning" role="note">
            {t('products.flagged', { words: translator.all([...new Set(flaggedWords)]) })}
          </span>
        )}
        <span className="product-price">
          {formatPrice(product.priceMinor, product.currency)}
          {product.listPriceMinor !== null && <s> {formatPrice(product.listPriceMinor, product.currency)}</s>}
          {stockText && <span className={stock.stock === 0 ? 'stock sold-out' : 'stock'}> · {stockText}</span>}
        </span>
        {variantsText && (
          <span className="variant-stock" aria-label={t('products.variantStockOf', { name: product.name })}>
            {variantsText}
          </span>
        )}
      </div>
      <div className="product-actions">
        {promoted ? (
          <span className="tag tag-live">{t('products.onSale')}</span>
        ) : (
          <button type="button" onClick={onPromote}>
            {t('products.promote')}
          </button>
        )}
        {mayEdit && (
          <>
            {!inRunSheet && (
              <button type="button" className="small-button" aria-label={t('products.addToRunSheet', { name: product.name })} onClick={onAddToRunSheet}>
                {t('products.addToRunSheetShort')}
              </button>
            )}
            <button type="button" className="small-button" aria-label={t('products.editName', { name: product.name })} onClick={onEdit}>
              {t('products.edit')}
            </button>
            <button type="button" className="small-button" aria-label={t('products.removeName', { name: product.name })} onClick={onRemove}>
              {t('products.remove')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
