// The browser build: the Node one runs Buffer.from at module load, which throws in browsers.
import { parse } from 'csv-parse/browser/esm/sync';
import { ArgumentError, ScratchnetError, checkOptions } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { DataError } from './data-error.js';
import { inflateIfGzipped } from './gzip.js';
import { readFileBytes } from './read-file-bytes.js';
import { sortCategories } from './preprocessing/one-hot-encoder.js';
import { isDecimal } from './decimal.js';

export interface CsvOptions {
  /** The column to predict. */
  target: string;
  /** Classification: the target's distinct values are classes (y = class ids). Regression: the target must be numeric (y = [n, 1]). */
  task: 'classification' | 'regression';
  /** Columns to one-hot encode even if every value is a number (codes, zip codes). */
  categorical?: string[];
  /** Columns that must be numeric: a non-numeric value is an error instead of making the column categorical. */
  numeric?: string[];
  /** Columns to ignore (ids, free text). */
  drop?: string[];
  /** How empty cells are filled: numeric columns by median (default) or mean; categorical by the most frequent value. `'error'` refuses missing values. */
  impute?: { numeric?: 'median' | 'mean' | 'error'; categorical?: 'mostFrequent' | 'error' };
  /** Field separator, default `,`. */
  delimiter?: string;
}

/** What `loadCsv` did, column by column. */
export interface CsvReport {
  source: string;
  rows: number;
  /** Columns in the file, including target and dropped ones. */
  columns: number;
  target: string;
  task: 'classification' | 'regression';
  numericColumns: string[];
  categoricalColumns: { name: string; categories: string[] }[];
  dropped: string[];
  imputed: { column: string; count: number; strategy: 'median' | 'mean' | 'mostFrequent'; value: number | string }[];
  /** Columns of x after one-hot encoding. */
  features: number;
  /** The same, as readable lines. */
  summary: string;
}

export interface CsvTable<Y extends Int32Array | Float32Array = Int32Array | Float32Array> {
  /** [rows, features] float32: numeric columns as they are, categorical ones one-hot, in file order. */
  x: Tensor<Float32Array>;
  /** Classification: [rows] class ids into `classNames`. Regression: [rows, 1] float32. */
  y: Tensor<Y>;
  featureNames: string[];
  /** Classification only: the class of each id, sorted (numbers by value, else by code unit). */
  classNames?: string[];
  report: CsvReport;
}

const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** Where {@link loadCsv} reads from: a path (Node), or the file's bytes (a browser `File`/`Blob`, an `ArrayBuffer`, a `Uint8Array`). */
export type CsvSource = string | Blob | ArrayBuffer | ArrayBufferView;

/**
 * Reads a CSV file (plain or gzipped) with a header row into tensors ready
 * for `train()`: see {@link parseCsv} for the rules. A string is a path and
 * needs Node; anywhere else pass the bytes, e.g. the `File` of an
 * `<input type="file">`. Errors name the path, or the File's name.
 *
 * ```ts
 * const { x, y, featureNames, report } = await loadCsv('houses.csv', { target: 'price', task: 'regression' });
 * const table = await loadCsv(input.files[0], { target: 'species', task: 'classification' });   // in a browser
 * ```
 */
export async function loadCsv(source: CsvSource, options: CsvOptions & { task: 'regression' }): Promise<CsvTable<Float32Array>>;
export async function loadCsv(source: CsvSource, options: CsvOptions & { task: 'classification' }): Promise<CsvTable<Int32Array>>;
export async function loadCsv(source: CsvSource, options: CsvOptions): Promise<CsvTable>;
export async function loadCsv(source: CsvSource, options: CsvOptions): Promise<CsvTable> {
  if (typeof source !== 'string') {
    const name = typeof File !== 'undefined' && source instanceof File ? source.name : 'CSV';
    return parseCsv(new TextDecoder().decode(await inflateIfGzipped(await csvBytes(source), name)), options, name);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFileBytes(source);
  } catch (error) {
    if (error instanceof ScratchnetError) throw error;
    throw new DataError(`loadCsv: cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseCsv(new TextDecoder().decode(bytes), options, source);
}

async function csvBytes(source: Blob | ArrayBuffer | ArrayBufferView): Promise<Uint8Array> {
  if (typeof Blob !== 'undefined' && source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  throw new ArgumentError(
    `loadCsv: source must be a path, a Blob/File, an ArrayBuffer or a Uint8Array, received ${Object.prototype.toString.call(source)}`,
  );
}

/**
 * Turns CSV text with a header row into `{ x, y, featureNames, classNames?, report }`.
 *
 * Column kinds: a column is numeric when every non-empty cell is a decimal
 * number; it is categorical (one-hot encoded, categories sorted, named
 * `column=value`) when listed in `categorical` or when any cell is not a
 * number. So "non-numeric value in a numeric column" can only happen in a
 * column listed in `numeric` or in the target of a regression; both are
 * errors naming row and column. `NaN`, `Infinity`, `inf` (any case, any
 * sign) and numbers that overflow are errors anywhere: mark missing values
 * with an empty cell instead.
 *
 * Empty cells in features are imputed (median / mean / most frequent, ties to
 * the first category in sort order), computed over the whole file; an empty
 * target cell is an error. Rows are numbered from 1 after the header;
 * `line` is the line in the file where the row ends.
 */
export function parseCsv(text: string, options: CsvOptions & { task: 'regression' }, source?: string): CsvTable<Float32Array>;
export function parseCsv(text: string, options: CsvOptions & { task: 'classification' }, source?: string): CsvTable<Int32Array>;
export function parseCsv(text: string, options: CsvOptions, source?: string): CsvTable;
export function parseCsv(text: string, options: CsvOptions, source = 'CSV'): CsvTable {
  checkOptions('loadCsv', options, ['target', 'task', 'categorical', 'numeric', 'drop', 'impute', 'delimiter']);
  if (typeof options.target !== 'string') throw new ArgumentError(`loadCsv: target must be a column name, received ${String(options.target)}`);
  if (options.task !== 'classification' && options.task !== 'regression') {
    throw new ArgumentError(`loadCsv: task must be 'classification' or 'regression', received ${String(options.task)}`);
  }
  const numericStrategy = options.impute?.numeric ?? 'median';
  const categoricalStrategy = options.impute?.categorical ?? 'mostFrequent';
  if (!['median', 'mean', 'error'].includes(numericStrategy)) {
    throw new ArgumentError(`loadCsv: impute.numeric must be 'median', 'mean' or 'error', received ${String(numericStrategy)}`);
  }
  if (!['mostFrequent', 'error'].includes(categoricalStrategy)) {
    throw new ArgumentError(`loadCsv: impute.categorical must be 'mostFrequent' or 'error', received ${String(categoricalStrategy)}`);
  }

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      delimiter: options.delimiter ?? ',',
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new DataError(`${source}: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new DataError(`${source}: the file is empty`);
  const header = records[0].record;
  const rows = records.slice(1);
  if (rows.length === 0) throw new DataError(`${source}: has a header but no data rows`);
  header.forEach((name, j) => {
    if (name === '') throw new DataError(`${source}: header column ${j + 1} has no name`);
    if (header.indexOf(name) !== j) throw new DataError(`${source}: header names column "${name}" twice`);
  });
  const known = (list: string[] | undefined, option: string): Set<string> => {
    for (const name of list ?? []) {
      if (!header.includes(name)) throw new ArgumentError(`loadCsv: ${option} names column "${name}", which is not in ${source} (columns: ${header.join(', ')})`);
    }
    return new Set(list ?? []);
  };
  if (!header.includes(options.target)) {
    throw new DataError(`${source}: target column "${options.target}" not found (columns: ${header.join(', ')})`);
  }
  const forcedCategorical = known(options.categorical, 'categorical');
  const forcedNumeric = known(options.numeric, 'numeric');
  const dropped = known(options.drop, 'drop');
  for (const name of forcedCategorical) {
    if (forcedNumeric.has(name)) throw new ArgumentError(`loadCsv: column "${name}" is listed as both categorical and numeric`);
  }
  if (dropped.has(options.target)) throw new ArgumentError(`loadCsv: the target "${options.target}" cannot be dropped`);

  const where = (r: number, column: string): string => `${source}: row ${r + 1} (line ${rows[r].info.lines}), column "${column}"`;
  rows.forEach(({ record, info }, r) => {
    if (record.length !== header.length) {
      throw new DataError(`${source}: row ${r + 1} (line ${info.lines}) has ${record.length} fields, the header has ${header.length}`);
    }
    record.forEach((cell, j) => {
      if (NON_FINITE.test(cell) || (isDecimal(cell) && !Number.isFinite(Number(cell)))) {
        throw new DataError(`${where(r, header[j])}: non-finite value "${cell}"; leave the cell empty to mark a missing value`);
      }
    });
  });
  const cells = (j: number): string[] => rows.map(({ record }) => record[j]);

  // ---- target
  const targetIndex = header.indexOf(options.target);
  const targetCells = cells(targetIndex);
  targetCells.forEach((cell, r) => {
    if (cell === '') throw new DataError(`${where(r, options.target)}: the target is missing`);
  });
  let y: Tensor<Int32Array> | Tensor<Float32Array>;
  let classNames: string[] | undefined;
  if (options.task === 'regression') {
    const values = new Float32Array(rows.length);
    targetCells.forEach((cell, r) => {
      if (!isDecimal(cell)) throw new DataError(`${where(r, options.target)}: regression target must be a number, received "${cell}"`);
      values[r] = Number(cell);
    });
    y = new Tensor([rows.length, 1], values);
  } else {
    const allNumeric = targetCells.every((cell) => isDecimal(cell));
    const distinct = [...new Set(targetCells)];
    classNames = allNumeric
      ? sortCategories(distinct.map(Number)).map((v) => distinct.find((cell) => Number(cell) === v)!)
      : sortCategories(distinct);
    if (classNames.length < 2) {
      throw new DataError(`${source}: target "${options.target}" has only one class ("${classNames[0]}"); classification needs at least two`);
    }
    const id = new Map<string, number>();
    if (allNumeric) targetCells.forEach((cell) => id.set(cell, classNames!.findIndex((name) => Number(name) === Number(cell))));
    else classNames.forEach((name, i) => id.set(name, i));
    y = new Tensor([rows.length], Int32Array.from(targetCells, (cell) => id.get(cell)!));
  }

  // ---- features
  const report: Omit<CsvReport, 'features' | 'summary'> = {
    source,
    rows: rows.length,
    columns: header.length,
    target: options.target,
    task: options.task,
    numericColumns: [],
    categoricalColumns: [],
    dropped: header.filter((name) => dropped.has(name)),
    imputed: [],
  };
  const columns: Float32Array[] = [];
  const featureNames: string[] = [];
  header.forEach((name, j) => {
    if (j === targetIndex || dropped.has(name)) return;
    const column = cells(j);
    const present = column.filter((cell) => cell !== '');
    if (present.length === 0) throw new DataError(`${source}: column "${name}" has no values (every cell is empty)`);
    const missing = column.length - present.length;
    const firstMissing = column.indexOf('');
    const numeric = !forcedCategorical.has(name) && (forcedNumeric.has(name) || present.every((cell) => isDecimal(cell)));
    if (numeric) {
      column.forEach((cell, r) => {
        if (cell !== '' && !isDecimal(cell)) throw new DataError(`${where(r, name)}: expected a number, received "${cell}"`);
      });
      const values = present.map(Number);
      let fill = 0;
      if (missing > 0) {
        if (numericStrategy === 'error') throw new DataError(`${where(firstMissing, name)}: missing value (impute.numeric is 'error')`);
        fill = numericStrategy === 'mean' ? values.reduce((a, b) => a + b, 0) / values.length : median(values);
        report.imputed.push({ column: name, count: missing, strategy: numericStrategy, value: fill });
      }
      columns.push(Float32Array.from(column, (cell) => (cell === '' ? fill : Number(cell))));
      featureNames.push(name);
      report.numericColumns.push(name);
    } else {
      const categories = sortCategories([...new Set(present)]);
      let fill = '';
      if (missing > 0) {
        if (categoricalStrategy === 'error') throw new DataError(`${where(firstMissing, name)}: missing value (impute.categorical is 'error')`);
        fill = mostFrequent(present, categories);
        report.imputed.push({ column: name, count: missing, strategy: 'mostFrequent', value: fill });
      }
      for (const category of categories) {
        columns.push(Float32Array.from(column, (cell) => ((cell === '' ? fill : cell) === category ? 1 : 0)));
        featureNames.push(`${name}=${category}`);
      }
      report.categoricalColumns.push({ name, categories });
    }
  });
  const f = columns.length;
  const x = new Float32Array(rows.length * f);
  columns.forEach((column, j) => column.forEach((v, r) => (x[r * f + j] = v)));
  const features = f;
  const summary = [
    `${source}: ${rows.length} rows, ${header.length} columns → ${features} features, target "${options.target}" (${options.task}${classNames ? `, ${classNames.length} classes` : ''})`,
    ...(report.numericColumns.length ? [`numeric: ${report.numericColumns.join(', ')}`] : []),
    ...report.categoricalColumns.map((c) => `one-hot: ${c.name} → ${c.categories.length} columns (${c.categories.join(', ')})`),
    ...report.imputed.map((i) => `imputed: ${i.column}, ${i.count} missing → ${i.strategy} ${typeof i.value === 'string' ? `"${i.value}"` : i.value}`),
    ...(report.dropped.length ? [`dropped: ${report.dropped.join(', ')}`] : []),
  ].join('\n');
  return {
    x: new Tensor([rows.length, f], x),
    y,
    featureNames,
    ...(classNames ? { classNames } : {}),
    report: { ...report, features, summary },
  };
}

/** numpy's median: the middle value, or the mean of the two middle values. */
function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The most frequent value; ties go to the first in `categories` order (as scikit-learn's SimpleImputer). */
function mostFrequent(values: string[], categories: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return categories.reduce((best, c) => (counts.get(c)! > counts.get(best)! ? c : best));
}
