import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CATALOGUE_PRODUCTS, type Catalogue, type ProductInput } from '../../contract/schemas/catalogue.std';
import { createLogger } from '../log/logger.std';
import { CATALOGUE_VERSION, openCatalogueStore, STOCK_WRITE_DELAY_MS } from './catalogueStore.node';
import { catalogueFollowsRoom } from './roomStock.std';

let dir: string;
let ids: number;
let announced: Catalogue[];
let warnings: string[];
// The store's timers, run by hand: the debounce is checked without waiting for it.
let timers: { ms: number; run: () => void; cancelled: boolean }[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopcast-catalogue-'));
  ids = 0;
  announced = [];
  warnings = [];
  timers = [];
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const filePath = () => path.join(dir, 'catalogue.json');
const readDisk = async () => JSON.parse(await fs.readFile(filePath(), 'utf8')) as Catalogue & { version: number };

function open() {
  return openCatalogueStore({
    fs,
    filePath: filePath(),
    log: createLogger(() => {}),
    now: () => new Date('2026-11-25T10:00:00.000Z'),
    warn: (message) => warnings.push(message),
    newId: () => `p-${(ids += 1)}`,
    schedule: (ms, run) => {
      const timer = { ms, run, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    onChange: (catalogue) => announced.push(catalogue),
  });
}

const teapot: ProductInput = { name: 'Teapot', priceMinor: 19_900, listPriceMinor: null, currency: 'CNY', stock: 10, photo: null, variants: [] };
const scarf: ProductInput = { name: 'Silk scarf', priceMinor: 5900, listPriceMinor: 9900, currency: 'CNY', stock: null, photo: null, variants: [] };

describe('openCatalogueStore', () => {
  it('adds with a new id, edits by id, and reads back what it wrote, announcing each change', async () => {
    const store = await open();
    expect(store.get()).toEqual({ products: [], runSheet: [] });
    await store.save(teapot);
    const saved = await store.save(scarf);
    expect(saved.products.map((product) => [product.id, product.name])).toEqual([
      ['p-1', 'Teapot'],
      ['p-2', 'Silk scarf'],
    ]);
    await store.save({ ...teapot, id: 'p-1', name: 'Teapot (large)' });
    expect(announced.map((catalogue) => catalogue.products.map((product) => product.name))).toEqual([['Teapot'], ['Teapot', 'Silk scarf'], ['Teapot (large)', 'Silk scarf']]);
    expect(await readDisk()).toMatchObject({ version: CATALOGUE_VERSION, products: [{ id: 'p-1', name: 'Teapot (large)' }, { id: 'p-2' }], runSheet: [] });
    expect((await open()).get()).toEqual(store.get());
    await expect(store.save({ ...teapot, id: 'gone' })).rejects.toThrow(/removed/);
  });

  it('keeps a run-sheet of existing products, each once, and names the bad id when refusing', async () => {
    const store = await open();
    await store.save(teapot);
    await store.save(scarf);
    expect((await store.setRunSheet(['p-2', 'p-1'])).runSheet).toEqual(['p-2', 'p-1']);
    await expect(store.setRunSheet(['p-1', 'nope'])).rejects.toThrow('There is no product with id "nope" in the catalogue');
    await expect(store.setRunSheet(['p-1', 'p-2', 'p-1'])).rejects.toThrow('"Teapot" (id "p-1") is in the run-sheet twice');
    expect(store.get().runSheet).toEqual(['p-2', 'p-1']);
    // Removing a product takes it off the run-sheet; removing it again is no error.
    expect(await store.remove('p-2')).toEqual({ products: [expect.objectContaining({ id: 'p-1' })], runSheet: ['p-1'] });
    expect((await store.remove('p-2')).runSheet).toEqual(['p-1']);
    expect((await readDisk()).runSheet).toEqual(['p-1']);
  });

  it('imports a CSV: new rows added, a known id updated, bad rows listed, and the photo column noted', async () => {
    const store = await open();
    await store.save(teapot);
    const result = await store.importCsv('id,name,price,stock,photo\np-1,Teapot v2,¥99,7,http://x/y.jpg\nS-9,Scarf,59,,\nBad,Thing,abc,,\nS-9,Again,1,,\n');
    expect(result).toMatchObject({ added: 1, updated: 1, rejected: [{ line: 4 }, { line: 5, reason: 'id "S-9" is also on line 3' }] });
    expect(result.notes).toEqual(['The photo column was not imported: add photos to products in the app.']);
    expect(store.get().products).toEqual([
      { id: 'p-1', name: 'Teapot v2', priceMinor: 9900, listPriceMinor: null, currency: 'CNY', stock: 7, photo: null, variants: [] },
      { id: 'S-9', name: 'Scarf', priceMinor: 5900, listPriceMinor: null, currency: 'CNY', stock: null, photo: null, variants: [] },
    ]);
    expect(result.catalogue).toEqual(store.get());
    await expect(store.importCsv('colour,size\nred,L')).rejects.toThrow(/no name column/);
  });

  it('stops adding at the catalogue’s limit and says so per row', async () => {
    const store = await open();
    const rows = Array.from({ length: MAX_CATALOGUE_PRODUCTS + 2 }, (_, i) => `P${i},${i + 1}`).join('\n');
    const result = await store.importCsv(`name,price\n${rows}`);
    expect(result.added).toBe(MAX_CATALOGUE_PRODUCTS);
    expect(result.rejected).toEqual([
      { line: MAX_CATALOGUE_PRODUCTS + 2, reason: `the catalogue is full (${MAX_CATALOGUE_PRODUCTS} products): remove some first` },
      { line: MAX_CATALOGUE_PRODUCTS + 3, reason: `the catalogue is full (${MAX_CATALOGUE_PRODUCTS} products): remove some first` },
    ]);
  });

  it('shows live stock at once, writes a rush of it once, and lets the merchant’s own figure win', async () => {
    const store = await open();
    await store.save(teapot);
    announced = [];
    for (const left of [9, 8, 7]) store.setStock('p-1', left);
    store.setStock('not-in-the-catalogue', 3);
    expect(store.get().products[0]?.stock).toBe(7);
    expect((await readDisk()).products[0]?.stock).toBe(10);
    expect(timers.filter((timer) => !timer.cancelled)).toHaveLength(1);
    expect(timers[0]?.ms).toBe(STOCK_WRITE_DELAY_MS);
    await store.flush();
    expect((await readDisk()).products[0]?.stock).toBe(7);
    expect(announced.map((catalogue) => catalogue.products[0]?.stock)).toEqual([7]);

    store.setStock('p-1', 6);
    await store.save({ ...teapot, id: 'p-1', stock: 50 });
    await store.flush();
    expect(store.get().products[0]?.stock).toBe(50);
    expect((await readDisk()).products[0]?.stock).toBe(50);
  });

  it('sets aside a catalogue whose run-sheet names a missing product', async () => {
    await fs.writeFile(filePath(), JSON.stringify({ version: 1, products: [], runSheet: ['ghost'] }));
    const store = await open();
    expect(store.get()).toEqual({ products: [], runSheet: [] });
    expect(warnings[0]).toMatch(/^Your catalogue could not be read \(its runSheet is invalid \(There is no product with id "ghost"/);
  });

  it('opens a catalogue from before variants (version 1): each product sold as one thing', async () => {
    const old = { id: 'p-7', name: 'Teapot', priceMinor: 9900, listPriceMinor: null, currency: 'CNY', stock: 4, photo: null };
    await fs.writeFile(filePath(), JSON.stringify({ version: 1, products: [old], runSheet: ['p-7'] }));
    const store = await open();
    expect(warnings).toEqual([]);
    expect(store.get()).toEqual({ products: [{ ...old, variants: [] }], runSheet: ['p-7'] });
    await store.setRunSheet([]);
    expect(await readDisk()).toMatchObject({ version: CATALOGUE_VERSION, products: [{ id: 'p-7', variants: [] }] });
  });

  it('keeps a product with variants at their total, and follows the room’s stock per variant', async () => {
    const store = await open();
    const variants = [
      { id: 'v-s', label: 'S', stock: 2 },
      { id: 'v-l', label: 'L', stock: 5 },
    ];
    await store.save({ ...teapot, name: 'T-shirt', stock: 999, variants });
    expect(store.get().products[0]?.stock).toBe(7);
    catalogueFollowsRoom(store)(new Map([['p-1', { left: 4, variants: new Map([['v-l', 2]]) }]]));
    store.setStock('p-1', 3, { id: 'v-unknown', left: 0 });
    expect(store.get().products[0]).toMatchObject({ stock: 4, variants: [{ id: 'v-s', stock: 2 }, { id: 'v-l', stock: 2 }] });
    await store.flush();
    expect((await readDisk()).products[0]).toMatchObject({ stock: 4, variants: [{ stock: 2 }, { stock: 2 }] });
  });
});
