import { parse } from 'csv-parse/sync';
import type { CsvRejection } from '../../contract/schemas/catalogue.std';
import { currencies, type Currency, type Product } from '../../contract/schemas/product.std';
import { MAX_VARIANT_LABEL_CHARS, MAX_VARIANTS, variantKey, withVariantStock } from '../../contract/schemas/variant.std';
import { listPriceReason, parsePrice } from '../../contract/text/price.std';

// A merchant's product spreadsheet, saved as CSV from Excel, WPS, Numbers or a shop back office.
// Headers in English or Chinese, any case; prices as people type them ("¥199", "1,299.50", read
// by the contract's parsePrice, as the product form reads them);
// each bad row is listed with its line and the column at fault, and the good rows still count.
//
// Cells are kept as text: "=cmd()" is a product named "=cmd()" (nothing here evaluates a
// formula, and Shopcast never writes a CSV back). A photo column is left aside: photos are
// uploaded in the app, where they are checked and sized for the live room.
//
// Variants: a row with a variant (or a size and/or a colour: joined "颜色 / 尺码") is one variant
// of the product named on it; rows with the same id (SKU), else the same name, are one product
// with one variant each, its stock theirs together. They share the first row's price.

type Field = 'id' | 'name' | 'price' | 'listPrice' | 'stock' | 'currency' | 'photo' | 'variant' | 'size' | 'colour';

const headerAliases: Record<Field, readonly string[]> = {
  id: ['id', 'sku', 'sku id', 'product id', 'item id', '编号', '商品编号', '商品id', '货号'],
  name: ['name', 'product name', 'product', 'title', '名称', '商品名称', '商品名', '品名', '商品标题'],
  price: ['price', 'sale price', 'current price', '价格', '售价', '现价', '销售价'],
  listPrice: ['list price', 'original price', 'was price', 'compare at price', 'msrp', '原价', '划线价', '市场价'],
  stock: ['stock', 'inventory', 'quantity', 'qty', '库存', '数量', '库存数量'],
  currency: ['currency', '币种', '货币'],
  variant: ['variant', 'variation', 'option', 'sku name', '规格', '款式', '规格名称'],
  size: ['size', '尺码', '尺寸', '码数'],
  colour: ['colour', 'color', '颜色', '颜色分类'],
  photo: ['photo', 'photo url', 'image', 'image url', 'picture', 'picture url', 'photo link', 'image link', '图片', '主图', '图片链接', '图片地址'],
};

const fieldLabels: Record<Exclude<Field, 'photo'>, string> = {
  id: 'id',
  name: 'name',
  price: 'price',
  listPrice: 'list price',
  stock: 'stock',
  currency: 'currency',
  variant: 'variant',
  size: 'size',
  colour: 'colour',
};

/** A header cell as compared: width, case and spacing folded ("Ｐｒｉｃｅ (¥)" is "price"). */
function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s_\-:：*]+/g, ' ')
    .trim();
}

const fieldOfHeader = new Map<string, Field>(Object.entries(headerAliases).flatMap(([field, aliases]) => aliases.map((alias) => [alias, field as Field])));

/** A row as the catalogue takes it; `undefined` fields are columns the file does not have. */
export interface CsvProductRow {
  line: number;
  id: string | undefined;
  name: string;
  priceMinor: number;
  listPriceMinor: number | null | undefined;
  currency: Currency;
  stock: number | null | undefined;
  /** Present when the row (and the rows joined to it) named variants: one per row, in file order. */
  variants?: { label: string; stock: number | null; line: number }[];
}

export type CsvParseResult = { ok: true; rows: CsvProductRow[]; rejected: CsvRejection[]; notes: string[] } | { ok: false; message: string };

/** A value quoted in a reason: short, one line, so a 10 KB cell does not become a 10 KB message. */
function quote(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 40 ? `${flat.slice(0, 39)}…` : flat}"`;
}

function currencyOf(cell: string): Currency | null {
  const key = cell.normalize('NFKC').trim().toUpperCase();
  if (key === 'RMB' || key === '人民币' || key === '¥' || key === '元') return 'CNY';
  return (currencies as readonly string[]).includes(key) ? (key as Currency) : null;
}

/** Counts line breaks (\n, \r\n or a lone \r) in UTF-8 bytes from `from` to `to`. */
function lineBreaks(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    if (bytes[i] === 0x0a) count += 1;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) count += 1;
  }
  return count;
}

const breaksIn = (cell: string) => cell.match(/\r\n|\n|\r/g)?.length ?? 0;

/** The delimiter the header uses: Excel writes ";" where "," is the decimal comma, and tabs from a copy. */
function delimiterOf(csv: string): string {
  const header = csv.slice(0, csv.search(/\r|\n|$/));
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, header.split(delimiter).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Reads a product CSV into rows for the catalogue; refuses only a file with no usable header. */
export function parseProductCsv(csv: string): CsvParseResult {
  const bytes = new TextEncoder().encode(csv);
  const rejected: CsvRejection[] = [];
  let afterLastRecord = 0;
  let linesBefore = 0;
  // Where a row starts: its end (which csv-parse reports in bytes) less the line breaks in its cells.
  const lineAt = (endByte: number, cells: string[]) => {
    let contentEnd = endByte;
    if (bytes[contentEnd - 1] === 0x0a) contentEnd -= 1;
    if (bytes[contentEnd - 1] === 0x0d) contentEnd -= 1;
    linesBefore += lineBreaks(bytes, afterLastRecord, contentEnd);
    afterLastRecord = contentEnd;
    return linesBefore + 1 - cells.reduce((sum, cell) => sum + breaksIn(cell), 0);
  };
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(csv, {
      bom: true,
      delimiter: delimiterOf(csv.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      // A stray quote inside a cell ("12" screen") is text, as spreadsheets write it.
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) rejected.push({ line: linesBefore + 2, reason: `the row could not be read (${error.message.replace(/ at line \d+.*$/, '')})` });
      },
    }) as unknown as { record: string[]; info: { bytes: number } }[];
  } catch (error) {
    return { ok: false, message: `The file could not be read as CSV (${error instanceof Error ? error.message : String(error)}).` };
  }

  const [header, ...body] = records;
  if (!header) return { ok: false, message: 'The file is empty: export the products with a header row (name, price…).' };
  lineAt(header.info.bytes, header.record);
  const columns = new Map<Field, number>();
  const notes: string[] = [];
  const ignored: string[] = [];
  header.record.forEach((cell, index) => {
    const field = fieldOfHeader.get(headerKey(cell));
    if (field && !columns.has(field)) columns.set(field, index);
    else if (cell.trim() !== '') ignored.push(quote(cell));
  });
  for (const needed of ['name', 'price'] as const) {
    if (!columns.has(needed)) {
      const names = headerAliases[needed].filter((alias) => alias === needed || /\p{Script=Han}/u.test(alias)).slice(0, 3);
      return { ok: false, message: `The first line has no ${needed} column (${names.join(', ')}): is it the header row?` };
    }
  }
  if (columns.has('photo')) notes.push('The photo column was not imported: add photos to products in the app.');
  if (ignored.length > 0) notes.push(`These columns were not imported: ${ignored.join(', ')}.`);

  const rows: CsvProductRow[] = [];
  const seenIds = new Map<string, number>();
  /** Products met with variants, by id or folded name: the rows after join them. */
  const groups = new Map<string, CsvProductRow>();
  for (const { record, info } of body) {
    const line = lineAt(info.bytes, record);
    const cell = (field: Field) => {
      const index = columns.get(field);
      return index === undefined ? undefined : (record[index] ?? '').trim();
    };
    // Spreadsheets pad the end with rows of empty cells.
    if (record.every((value) => value.trim() === '')) continue;
    // The panel shows "Line 4: price "abc" is not an amount (…)": the reason names the column, not the line.
    const reject = (field: keyof typeof fieldLabels, why: string) => rejected.push({ line, reason: `${fieldLabels[field]} ${why}` });

    const id = cell('id') || undefined;
    if (id !== undefined && id.length > 64) {
      reject('id', `${quote(id)} is too long (at most 64 characters)`);
      continue;
    }
    const variantLabel = variantLabelOf(cell('variant'), cell('colour'), cell('size'));
    const groupKey = variantLabel === undefined ? undefined : id !== undefined ? `id:${id}` : `name:${variantKey(cell('name') ?? '')}`;
    const group = groupKey === undefined ? undefined : groups.get(groupKey);
    if (id !== undefined && seenIds.has(id) && !group) {
      reject('id', `${quote(id)} is also on line ${seenIds.get(id)}`);
      continue;
    }
    const name = cell('name') ?? '';
    if (name === '') {
      reject('name', 'is empty');
      continue;
    }
    if ([...name].length > 120) {
      reject('name', `${quote(name)} is too long (at most 120 characters)`);
      continue;
    }
    const currencyCell = cell('currency');
    const namedCurrency = currencyCell ? currencyOf(currencyCell) : null;
    if (currencyCell && !namedCurrency) {
      reject('currency', `${quote(currencyCell)} is not one Shopcast sells in (${currencies.join(', ')})`);
      continue;
    }
    const priceCell = cell('price') ?? '';
    const price = parsePrice(priceCell, namedCurrency);
    if (!price.ok) {
      reject('price', price.problem === 'empty' ? price.reason : `${quote(priceCell)} ${price.reason}`);
      continue;
    }
    const currency = namedCurrency ?? price.currency;
    let listPriceMinor: number | null | undefined;
    const listCell = cell('listPrice');
    if (listCell !== undefined && listCell !== '') {
      const listPrice = parsePrice(listCell, currency);
      const why = listPrice.ok ? listPriceReason(listPrice.minor, price.minor, currency) : listPrice.reason;
      if (!listPrice.ok || why !== null) {
        reject('listPrice', `${quote(listCell)} ${why}`);
        continue;
      }
      listPriceMinor = listPrice.minor;
    } else if (listCell === '') listPriceMinor = null;
    let stock: number | null | undefined;
    const stockCell = cell('stock');
    if (stockCell !== undefined && stockCell !== '') {
      const units = stockCell.normalize('NFKC').replaceAll(',', '');
      if (!/^\d+$/.test(units) || !Number.isSafeInteger(Number(units))) {
        reject('stock', `${quote(stockCell)} is not a number of units (0 or more)`);
        continue;
      }
      stock = Number(units);
    } else if (stockCell === '') stock = null;
    if (variantLabel !== undefined && groupKey !== undefined) {
      const variantField = columns.has('variant') ? 'variant' : columns.has('size') ? 'size' : 'colour';
      if ([...variantLabel].length > MAX_VARIANT_LABEL_CHARS) {
        reject(variantField, `${quote(variantLabel)} is too long (at most ${MAX_VARIANT_LABEL_CHARS} characters)`);
        continue;
      }
      if (group) {
        const problem = joinProblem(group, variantLabel, price.minor, currency);
        if (problem) {
          reject(problem.field === 'variant' ? variantField : problem.field, problem.why);
          continue;
        }
        group.variants?.push({ label: variantLabel, stock: stock ?? null, line });
        continue;
      }
      const row: CsvProductRow = { line, id, name, priceMinor: price.minor, listPriceMinor, currency, stock, variants: [{ label: variantLabel, stock: stock ?? null, line }] };
      groups.set(groupKey, row);
      if (id !== undefined) seenIds.set(id, line);
      rows.push(row);
      continue;
    }
    if (id !== undefined) seenIds.set(id, line);
    rows.push({ line, id, name, priceMinor: price.minor, listPriceMinor, currency, stock });
  }
  return { ok: true, rows, rejected: rejected.sort((a, b) => a.line - b.line), notes };
}

/** The row's variant: its variant cell, else its colour and size joined ("红色 / L"); undefined when it names none. */
function variantLabelOf(variant: string | undefined, colour: string | undefined, size: string | undefined): string | undefined {
  const label = variant || [colour, size].filter((part) => part !== undefined && part !== '').join(' / ');
  return label === '' ? undefined : label.replace(/\s+/g, ' ');
}

/** Why a row cannot join the product an earlier row with variants began; null when it can. */
function joinProblem(group: CsvProductRow, label: string, priceMinor: number, currency: Currency): { field: 'variant' | 'price'; why: string } | null {
  const variants = group.variants ?? [];
  const same = variants.find((variant) => variantKey(variant.label) === variantKey(label));
  if (same) return { field: 'variant', why: `${quote(label)} of "${group.name}" is also on line ${same.line}` };
  if (variants.length >= MAX_VARIANTS) return { field: 'variant', why: `${quote(label)}: "${group.name}" already has ${MAX_VARIANTS} variants, the most a product has` };
  if (priceMinor !== group.priceMinor || currency !== group.currency) {
    return { field: 'price', why: `differs from line ${group.line}'s: the variants of "${group.name}" share one price (make a separate product for another price)` };
  }
  return null;
}

/** A row applied to the catalogue's product with that id (kept photo, fields the file lacks kept) or a new one. */
export function productFromRow(row: CsvProductRow, existing: Product | undefined, newId: () => string): Product {
  return withVariantStock({
    id: existing?.id ?? row.id ?? newId(),
    name: row.name,
    priceMinor: row.priceMinor,
    listPriceMinor: row.listPriceMinor === undefined ? (existing?.listPriceMinor ?? null) : row.listPriceMinor,
    currency: row.currency,
    stock: row.stock === undefined ? (existing?.stock ?? null) : row.stock,
    photo: existing?.photo ?? null,
    variants: row.variants ? variantsFromRow(row.variants, existing, newId) : (existing?.variants ?? []),
  });
}

/** The file's variants, keeping the ids of those the product already had (a live order names its variant by id). */
function variantsFromRow(variants: NonNullable<CsvProductRow['variants']>, existing: Product | undefined, newId: () => string): Product['variants'] {
  const known = new Map((existing?.variants ?? []).map((variant) => [variantKey(variant.label), variant.id]));
  return variants.map((variant) => ({ id: known.get(variantKey(variant.label)) ?? newId(), label: variant.label, stock: variant.stock }));
}
