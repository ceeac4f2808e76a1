import { useRef, useState } from 'react';
import { currencies, type Currency } from '../../../contract/schemas/product.std';
import { IMAGE_ACCEPT } from '../scenes/imageFile.std';
import { convertMinor, minorToInput, parseMoney } from '../scenes/money.std';
import { readImageFile } from '../scenes/readImage.dom';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { FormFooter } from '../../app/FormFooter.dom';
import { FilePicker } from '../../app/FilePicker.dom';
import { findFlaggedWords } from '../../../contract/text/wordFlags.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { productInputOf, withLiveStock, type DraftField, type ProductDraft } from './productDraft.std';
import { liveStock } from './productText.std';
import { flaggedNameWarning } from './promoteCheck.std';
import { FormField } from './FormField.dom';
import { VariantRows } from './VariantRows.dom';
import { useT } from '../../app/i18n/studioI18n.dom';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

/** Keeps typed prices when the currency changes (¥99.00 → ¥99 in yen), as the product card editor does. */
function convertTyped(text: string, from: Currency, to: Currency, translator: StudioTranslator): string {
  const parsed = parseMoney(text, from, '', translator);
  return parsed.ok ? minorToInput(convertMinor(parsed.value, from, to), to) : text;
}

/** The variants' typed stock added up for the read-only Stock field: blank when one is untracked or not a number yet. */
function variantSum(variants: readonly { stock: string }[]): string {
  let total = 0;
  for (const variant of variants) {
    const units = Number(variant.stock.trim());
    if (variant.stock.trim() === '' || !Number.isInteger(units) || units < 0) return '';
    total += units;
  }
  return String(total);
}

/** Add or edit one catalogue product (host only). */
export function ProductForm({ initial, onDone }: { initial: ProductDraft; onDone: () => void }) {
  const api = useStudioApi();
  const blockedWords = useStudio((state) => state.settings.livePanel.blockedWords);
  const flaggedSuperlatives = useStudio((state) => state.settings.livePanel.flaggedSuperlatives);
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<DraftField, string>>>({});
  const { run, failure } = usePanelCall();
  const translator = useT();
  const { t } = translator;
  const form = useRef<HTMLFormElement>(null);
  // A field's problem goes once the merchant changes that field; the others stay until the next save.
  const edit = <K extends keyof ProductDraft>(key: K, value: ProductDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors(({ [key as DraftField]: _gone, ...rest }) => rest);
  };
  const variantTotal = draft.variants.length > 0 ? t('productForm.allVariants') : null;
  const nameWarning = flaggedNameWarning(findFlaggedWords(draft.name, { blockedWords, flaggedSuperlatives }), translator);

  const product = useStudio((state) => state.catalogue.products.find((candidate) => candidate.id === initial.id));
  const promoted = useStudio((state) => state.panel.promotion?.product ?? null);

  const save = async () => {
    const checked = productInputOf(withLiveStock(draft, initial, product ? liveStock(product, promoted) : null), translator);
    if (!checked.ok) {
      setErrors(checked.errors);
      // The first field at fault takes the focus, so the keyboard and a screen reader land on it.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    if (await run(() => api.saveProduct(checked.value))) onDone();
  };
  const pickPhoto = async (file: File) => {
    const loaded = await readImageFile(file, translator);
    if (!loaded.ok) {
      setErrors((current) => ({ ...current, photo: loaded.message }));
      return;
    }
    edit('photo', loaded.value.dataUrl);
  };

  return (
    <form
      ref={form}
      className="product-form"
      aria-label={draft.id === null ? t('productForm.add') : t('productForm.edit', { name: initial.name })}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      <FormField label={t('productForm.name')} error={errors.name} note={nameWarning}>
        {(props) => <input {...props} value={draft.name} maxLength={120} onChange={(event) => edit('name', event.target.value)} autoFocus />}
      </FormField>
      <div className="form-row">
        <FormField label={t('productForm.price')} error={errors.price}>
          {(props) => <input {...props} inputMode="decimal" value={draft.price} autoComplete="off" onChange={(event) => edit('price', event.target.value)} />}
        </FormField>
        <FormField label={t('productForm.listPrice')} error={errors.listPrice}>
          {(props) => <input {...props} inputMode="decimal" value={draft.listPrice} placeholder={t('productForm.none')} autoComplete="off" onChange={(event) => edit('listPrice', event.target.value)} />}
        </FormField>
        <FormField label={t('productForm.currency')} error={undefined}>
          {(props) => (
            <select
              {...props}
              value={draft.currency}
              onChange={(event) => {
                const currency = event.target.value as Currency;
                setDraft((current) => ({
                  ...current,
                  currency,
                  price: convertTyped(current.price, current.currency, currency, translator),
                  listPrice: convertTyped(current.listPrice, current.currency, currency, translator),
                }));
                // "is in USD, but the product is priced in CNY" may be answered by this very change.
                setErrors(({ price: _price, listPrice: _listPrice, ...rest }) => rest);
              }}
            >
              {currencies.map((currency) => (
                <option key={currency}>{currency}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('productForm.stock')} error={errors.stock} hint={variantTotal}>
          {(props) =>
            draft.variants.length > 0 ? (
              <input {...props} value={variantSum(draft.variants)} readOnly aria-readonly="true" />
            ) : (
              <input {...props} inputMode="numeric" value={draft.stock} placeholder={t('productForm.notTracked')} autoComplete="off" onChange={(event) => edit('stock', event.target.value)} />
            )
          }
        </FormField>
      </div>
      <VariantRows
        variants={draft.variants}
        errors={errors}
        onChange={(variants, touched) => {
          setDraft((current) => ({ ...current, variants }));
          // A removed row renumbers the rows after it: their problems are checked again on save.
          setErrors((current) =>
            Object.fromEntries(Object.entries(current).filter(([key]) => (touched === null ? !key.startsWith('variant') : key !== touched && key !== 'variants'))),
          );
        }}
      />
      <div className="form-row photo-row">
        {draft.photo && <img className="thumb" src={draft.photo} alt={t('productForm.photoAlt')} width={48} height={48} />}
        <FormField label={t('productForm.photo')} error={errors.photo}>
          {(props) => <FilePicker {...props} accept={IMAGE_ACCEPT} chooseLabel={t('productForm.choosePhoto')} onFile={(file) => void pickPhoto(file)} />}
        </FormField>
        {draft.photo && (
          <button type="button" onClick={() => edit('photo', null)}>
            {t('productForm.removePhoto')}
          </button>
        )}
      </div>
      <FormFooter problem={failure} submitLabel={draft.id === null ? t('productForm.add') : t('productForm.save')} onCancel={onDone} />
    </form>
  );
}
