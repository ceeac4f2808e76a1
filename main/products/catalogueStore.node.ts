import { z } from 'zod';
import { RefusedError } from '../../contract/envelope.std';
import { catalogueSchema, MAX_CATALOGUE_PRODUCTS, type Catalogue, type CsvImportResult, type CsvRejection, type ProductInput } from '../../contract/schemas/catalogue.std';
import type { Product } from '../../contract/schemas/product.std';
import { withVariantStock } from '../../contract/schemas/variant.std';
import { readVersionedDocument, type DocumentMigrations } from '../persistence/documentVersions.std';
import { openJsonDocument, type NamingDocumentFileDeps } from '../persistence/jsonDocumentStore.node';
import { parseProductCsv, productFromRow } from './csvImport.std';

export const CATALOGUE_VERSION = 2;
/** Live stock comes in with every order of a rush: written at most this often. */
export const STOCK_WRITE_DELAY_MS = 1000;

const catalogueDocumentSchema = catalogueSchema.extend({ version: z.literal(CATALOGUE_VERSION) }).superRefine((document, context) => {
  const ids = new Set(document.products.map((product) => product.id));
  if (ids.size !== document.products.length) context.addIssue({ code: 'custom', path: ['products'], message: 'Product ids must be unique.' });
  const problem = runSheetProblem(document.runSheet, document.products);
  if (problem) context.addIssue({ code: 'custom', path: ['runSheet'], message: problem });
});
type CatalogueDocument = z.infer<typeof catalogueDocumentSchema>;

/** v1 → v2: products gained variants (sizes, colours); an older product is sold as one thing. */
const addNoVariants = (document: Record<string, unknown>) => ({
  ...document,
  products: Array.isArray(document['products']) ? (document['products'] as unknown[]).map((product) => (typeof product === 'object' && product !== null ? { variants: [], ...product } : product)) : document['products'],
});

export const catalogueMigrations: DocumentMigrations = { 1: addNoVariants };

export interface CatalogueStore {
  /** The products (with the newest live stock, written or not) and the run-sheet. */
  get(): Catalogue;
  /** Adds a product (no id: a new id) or changes one; answers the catalogue. */
  save(input: ProductInput): Promise<Catalogue>;
  /** Removes the product, from the run-sheet too. Removing one already gone is not an error. */
  remove(id: string): Promise<Catalogue>;
  setRunSheet(productIds: readonly string[]): Promise<Catalogue>;
  importCsv(csv: string): Promise<CsvImportResult>;
  /**
   * Units left as the live room says: in get() at once, written and announced within
   * STOCK_WRITE_DELAY_MS. `variant`: the variant whose units these are (the product's total
   * follows from its variants). Unknown products and variants are ignored.
   */
  setStock(productId: string, left: number | null, variant?: { id: string; left: number | null }): void;
  /** Writes pending live stock now (on close, and before the show ends). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** `filePath`: `<dataDir>/catalogue.json`. */
export interface CatalogueStoreDeps extends NamingDocumentFileDeps {
  schedule: (ms: number, run: () => void) => () => void;
  /** Every change, written: the `catalogue` event. */
  onChange: (catalogue: Catalogue) => void;
}

interface PendingStock {
  stock: number | null;
  variants: ReadonlyMap<string, number | null>;
}

function withPending(product: Product, pending: PendingStock | undefined): Product {
  if (!pending) return product;
  if (product.variants.length === 0) return { ...product, stock: pending.stock };
  const variants = product.variants.map((variant) => (pending.variants.has(variant.id) ? { ...variant, stock: pending.variants.get(variant.id) ?? null } : variant));
  return withVariantStock({ ...product, variants });
}

/** Why a run-sheet cannot be, naming the product at fault; null when it is fine. */
function runSheetProblem(runSheet: readonly string[], products: readonly Product[]): string | null {
  const byId = new Map(products.map((product) => [product.id, product]));
  const seen = new Set<string>();
  for (const id of runSheet) {
    const product = byId.get(id);
    if (!product) return `There is no product with id "${id}" in the catalogue (perhaps it was removed in another window).`;
    if (seen.has(id)) return `"${product.name}" (id "${id}") is in the run-sheet twice: each product has one place in the show.`;
    seen.add(id);
  }
  return null;
}

/** catalogue.json: the merchant's products and the show's run-sheet, written atomically. */
export async function openCatalogueStore(deps: CatalogueStoreDeps): Promise<CatalogueStore> {
  const document = await openJsonDocument<CatalogueDocument>({
    fs: deps.fs,
    filePath: deps.filePath,
    log: deps.log,
    now: deps.now,
    warn: deps.warn,
    label: 'catalogue',
    defaults: { version: CATALOGUE_VERSION, products: [], runSheet: [] },
    read: (parsed) => readVersionedDocument(parsed, catalogueMigrations, CATALOGUE_VERSION, catalogueDocumentSchema, 'catalogue'),
    validate: (value) => catalogueDocumentSchema.parse(value),
  });

  // Live stock not yet on disk: the catalogue shows it at once, the file gets it in one write.
  // Per product: its units, and its variants' units by variant id.
  const pendingStock = new Map<string, PendingStock>();
  let cancelStockWrite: (() => void) | null = null;
  let view: { from: CatalogueDocument; catalogue: Catalogue } | null = null;

  const withStock = (products: Product[]) => (pendingStock.size === 0 ? products : products.map((product) => withPending(product, pendingStock.get(product.id))));

  const get = (): Catalogue => {
    const current = document.get();
    if (view?.from !== current) view = { from: current, catalogue: { products: withStock(current.products), runSheet: current.runSheet } };
    return view.catalogue;
  };

  const changed = () => {
    view = null;
    deps.onChange(get());
  };

  const update = async (change: (latest: CatalogueDocument) => CatalogueDocument) => {
    await document.update(change);
    changed();
    return get();
  };

  const flush = async () => {
    cancelStockWrite?.();
    cancelStockWrite = null;
    if (pendingStock.size === 0) return;
    const writing = new Map(pendingStock);
    await document.update((latest) => ({
      ...latest,
      products: latest.products.map((product) => withPending(product, writing.get(product.id))),
    }));
    // What came in while the file was written stays pending.
    for (const [id, left] of writing) if (pendingStock.get(id) === left) pendingStock.delete(id);
    changed();
    if (pendingStock.size > 0) scheduleStockWrite();
  };

  const scheduleStockWrite = () => {
    cancelStockWrite ??= deps.schedule(STOCK_WRITE_DELAY_MS, () => {
      cancelStockWrite = null;
      flush().catch((error: unknown) => deps.log.error('live stock not written', { error }));
    });
  };

  return {
    get,

    async save(input) {
      const latest = document.get();
      const existing = input.id === undefined ? undefined : latest.products.find((product) => product.id === input.id);
      if (input.id !== undefined && !existing) throw new RefusedError('This product was removed (perhaps in another window).');
      if (!existing && latest.products.length >= MAX_CATALOGUE_PRODUCTS) {
        throw new RefusedError(`The catalogue holds up to ${MAX_CATALOGUE_PRODUCTS} products: remove one first.`);
      }
      const product: Product = withVariantStock({ ...input, id: existing?.id ?? deps.newId() });
      // The merchant's own figure wins over live stock that has not been written yet.
      pendingStock.delete(product.id);
      return update((current) => ({
        ...current,
        products: existing ? current.products.map((candidate) => (candidate.id === product.id ? product : candidate)) : [...current.products, product],
      }));
    },

    async remove(id) {
      pendingStock.delete(id);
      if (!document.get().products.some((product) => product.id === id)) return get();
      return update((current) => ({
        ...current,
        products: current.products.filter((product) => product.id !== id),
        runSheet: current.runSheet.filter((entry) => entry !== id),
      }));
    },

    async setRunSheet(productIds) {
      const problem = runSheetProblem(productIds, document.get().products);
      if (problem) throw new RefusedError(problem);
      return update((current) => ({ ...current, runSheet: [...productIds] }));
    },

    async importCsv(csv) {
      const parsed = parseProductCsv(csv);
      if (!parsed.ok) throw new RefusedError(parsed.message);
      const rejected: CsvRejection[] = [...parsed.rejected];
      let added = 0;
      let updated = 0;
      if (parsed.rows.length > 0) {
        await document.update((current) => {
          added = 0;
          updated = 0;
          const products = [...current.products];
          const indexById = new Map(products.map((product, index) => [product.id, index]));
          for (const row of parsed.rows) {
            const index = row.id === undefined ? undefined : indexById.get(row.id);
            if (index !== undefined) {
              products[index] = productFromRow(row, products[index], deps.newId);
              if (row.stock !== undefined) pendingStock.delete(row.id ?? '');
              updated += 1;
            } else if (products.length >= MAX_CATALOGUE_PRODUCTS) {
              rejected.push({ line: row.line, reason: `the catalogue is full (${MAX_CATALOGUE_PRODUCTS} products): remove some first` });
            } else {
              const product = productFromRow(row, undefined, deps.newId);
              indexById.set(product.id, products.length);
              products.push(product);
              added += 1;
            }
          }
          return { ...current, products };
        });
        changed();
      }
      deps.log.info('products imported', { added, updated, rejected: rejected.length });
      return { catalogue: get(), added, updated, rejected: rejected.sort((a, b) => a.line - b.line), notes: parsed.notes };
    },

    setStock(productId, left, variant) {
      const product = document.get().products.find((candidate) => candidate.id === productId);
      if (!product) return;
      if (variant && !product.variants.some((candidate) => candidate.id === variant.id)) return;
      const pending = pendingStock.get(productId);
      const shown = withPending(product, pending);
      const shownVariant = variant && shown.variants.find((candidate) => candidate.id === variant.id);
      if (shown.stock === left && (!variant || shownVariant?.stock === variant.left)) return;
      // One write and one `catalogue` event for a rush of orders, not one per order.
      const variants = new Map(pending?.variants);
      if (variant) variants.set(variant.id, variant.left);
      pendingStock.set(productId, { stock: left, variants });
      view = null;
      scheduleStockWrite();
    },

    flush,

    async close() {
      await flush();
    },
  };
}
