import { useState } from 'react';
import { currencies, type Currency } from '../../../contract/schemas/product.std';
import { useStudioApi } from '../../app/studioContext.dom';
import { IMAGE_ACCEPT } from '../scenes/imageFile.std';
import { convertMinor, minorToInput, parseMoney } from '../scenes/money.std';
import { readImageFile } from '../scenes/readImage.dom';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { FormFooter } from '../../app/FormFooter.dom';
import { productInputOf, type ProductDraft } from './productDraft.std';

/** Keeps typed prices when the currency changes (¥99.00 → ¥99 in yen), as the product card editor does. */
function convertTyped(text: string, from: Currency, to: Currency): string {
  const parsed = parseMoney(text, from, 'price');
  return parsed.ok ? minorToInput(convertMinor(parsed.value, from, to), to) : text;
}

/** Add or edit one catalogue product (host only). */
export function ProductForm({ initial, onDone }: { initial: ProductDraft; onDone: () => void }) {
  const api = useStudioApi();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const { run, failure } = usePanelCall();
  const edit = <K extends keyof ProductDraft>(key: K, value: ProductDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const save = async () => {
    const checked = productInputOf(draft);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    setProblem(null);
    if (await run(() => api.saveProduct(checked.value))) onDone();
  };
  const pickPhoto = async (file: File | undefined) => {
    if (!file) return;
    const loaded = await readImageFile(file);
    if (!loaded.ok) {
      setProblem(loaded.message);
      return;
    }
    setProblem(null);
    edit('photo', loaded.value.dataUrl);
  };

  return (
    <form
      className="product-form"
      aria-label={draft.id === null ? 'Add product' : `Edit ${initial.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      <label>
        Name
        <input value={draft.name} maxLength={120} onChange={(event) => edit('name', event.target.value)} autoFocus />
      </label>
      <div className="form-row">
        <label>
          Price
          <input inputMode="decimal" value={draft.price} onChange={(event) => edit('price', event.target.value)} />
        </label>
        <label>
          List price
          <input inputMode="decimal" value={draft.listPrice} placeholder="none" onChange={(event) => edit('listPrice', event.target.value)} />
        </label>
        <label>
          Currency
          <select
            value={draft.currency}
            onChange={(event) => {
              const currency = event.target.value as Currency;
              setDraft((current) => ({
                ...current,
                currency,
                price: convertTyped(current.price, current.currency, currency),
                listPrice: convertTyped(current.listPrice, current.currency, currency),
              }));
            }}
          >
            {currencies.map((currency) => (
              <option key={currency}>{currency}</option>
            ))}
          </select>
        </label>
        <label>
          Stock
          <input inputMode="numeric" value={draft.stock} placeholder="not tracked" onChange={(event) => edit('stock', event.target.value)} />
        </label>
      </div>
      <div className="form-row photo-row">
        {draft.photo && <img className="thumb" src={draft.photo} alt="Product photo" width={48} height={48} />}
        <label>
          Photo
          <input type="file" accept={IMAGE_ACCEPT} onChange={(event) => void pickPhoto(event.target.files?.[0])} />
        </label>
        {draft.photo && (
          <button type="button" onClick={() => edit('photo', null)}>
            Remove photo
          </button>
        )}
      </div>
      <FormFooter problem={problem ?? failure} submitLabel={draft.id === null ? 'Add product' : 'Save product'} onCancel={onDone} />
    </form>
  );
}
