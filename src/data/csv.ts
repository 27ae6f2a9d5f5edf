import { ArgumentError, ScratchnetError, checkInteger, checkOptions } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { CsvColumnReader, MAX_CATEGORIES, type ColumnRules } from './csv-columns.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import { DataError } from './data-error.js';
import { isFilePath, toFilePath, type FilePath } from '../platform/file-path.js';
import { inflateIfGzipped } from './gzip.js';
import { DATA_FILE_OPTIONS, readDataChunks, type DataFileOptions } from './read-file-bytes.js';

export interface CsvOptions {
  /** The column to predict. */
  target: string;
  /**
   * Classification: the target's distinct values are classes (y = class ids). Regression: the target must be numeric (y = [n, 1]).
   * `'auto'`: classification unless the target is numeric with more than 20 distinct values or a fractional one (the report says which).
   */
  task: 'classification' | 'regression' | 'auto';
  /** Columns to one-hot encode even if every value is a number (codes, zip codes). */
  categorical?: string[];
  /** Columns that must be numeric: a non-numeric value is an error instead of making the column categorical. */
  numeric?: string[];
  /** Columns to ignore (ids, free text). */
  drop?: string[];
  /** The only columns to use as features (the target aside); every other column is dropped. Default: all but the target and `drop`. */
  features?: string[];
  /** How empty cells are filled: numeric columns by median (default) or mean; categorical by the most frequent value. `'error'` refuses missing values. */
  impute?: { numeric?: 'median' | 'mean' | 'error'; categorical?: 'mostFrequent' | 'error' };
  /** Field separator, default `,`. */
  delimiter?: string;
  /** The most distinct values a categorical column (or classification target) may have, default MAX_CATEGORIES (1000). */
  maxCategories?: number;
  /**
   * What happens to a feature column with more than `maxCategories` distinct values: `'error'` (default) refuses the
   * file naming the column; `'drop'` drops the column (listed in `report.tooManyCategories` and `report.dropped`).
   * A classification target with too many classes is always refused.
   */
  tooManyCategories?: 'error' | 'drop';
}

/** loadCsv's options: the table's, and the limits and progress of reading the file. */
export type CsvFileOptions = CsvOptions & DataFileOptions;

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
  /** Columns not used: those of `drop`, those outside `features`, and those of `tooManyCategories`, in file order. */
  dropped: string[];
  /** Columns dropped because they had more than `maxCategories` distinct values (option `tooManyCategories: 'drop'`). */
  tooManyCategories: string[];
  /** Each column with empty cells: how many, how and with what they were filled, and which rows (indices from 0 into x). */
  imputed: { column: string; count: number; strategy: 'median' | 'mean' | 'mostFrequent'; value: number | string; rows: Int32Array }[];
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

/** Options of the CSV reading itself, for parseCsv. */
const TABLE_OPTIONS = ['target', 'task', 'categorical', 'numeric', 'drop', 'features', 'impute', 'delimiter', 'maxCategories', 'tooManyCategories'] as const;

/**
 * Where {@link loadCsv} reads from: a path or `file:` URL (Node), or the
 * file's bytes (a browser `File`/`Blob`, an `ArrayBuffer`, a `Uint8Array`).
 */
export type CsvSource = FilePath | Blob | ArrayBuffer | ArrayBufferView;

/**
 * Reads a CSV file (plain or gzipped) with a header row into tensors ready
 * for `train()`: see {@link parseCsv} for the rules. A string is a path and
 * needs Node; anywhere else pass the bytes, e.g. the `File` of an
 * `<input type="file">`. Errors name the path, or the File's name.
 *
 * The file is parsed once, as it streams off the disk (and through gunzip),
 * straight into per-column storage and then the float32 matrix: memory is a
 * small multiple of x (8 to 12 bytes per cell besides the 4 of x), not of
 * the text. The file must be a regular file within `maxBytes`; a gzipped one
 * must stay within `maxInflatedBytes` and `maxInflateRatio` (see
 * readDataChunks); `onProgress(bytesRead, totalBytes)` follows the reading.
 *
 * ```ts
 * const { x, y, featureNames, report } = await loadCsv('houses.csv', { target: 'price', task: 'regression' });
 * const table = await loadCsv(input.files[0], { target: 'species', task: 'classification' });   // in a browser
 * ```
 */
export async function loadCsv(source: CsvSource, options: CsvFileOptions & { task: 'regression' }): Promise<CsvTable<Float32Array>>;
export async function loadCsv(source: CsvSource, options: CsvFileOptions & { task: 'classification' }): Promise<CsvTable<Int32Array>>;
export async function loadCsv(source: CsvSource, options: CsvFileOptions): Promise<CsvTable>;
export async function loadCsv(source: CsvSource, options: CsvFileOptions): Promise<CsvTable> {
  checkOptions('loadCsv', options, [...TABLE_OPTIONS, ...DATA_FILE_OPTIONS]);
  const { maxBytes, maxInflatedBytes, maxInflateRatio, onProgress, ...table } = options;
  if (!isFilePath(source)) {
    const name = typeof File !== 'undefined' && source instanceof File ? source.name : 'CSV';
    const bytes = await inflateIfGzipped(await csvBytes(source), name, { maxInflatedBytes, maxInflateRatio });
    return parseCsv(new TextDecoder().decode(bytes), table, name);
  }
  const path = toFilePath('loadCsv', source, 'source');
  const reader = new CsvColumnReader(columnRules(table), path);
  const tokenizer = new CsvTokenizer(table.delimiter ?? ',', (record, line) => reader.record(record, line));
  const decoder = new TextDecoder();
  try {
    for await (const chunk of readDataChunks('loadCsv', path, { maxBytes, maxInflatedBytes, maxInflateRatio, onProgress })) {
      tokenizer.push(decoder.decode(chunk, { stream: true }));
    }
    tokenizer.push(decoder.decode());
    tokenizer.end();
  } catch (error) {
    throw asTypedError(path, error);
  }
  return reader.finish();
}

async function csvBytes(source: Blob | ArrayBuffer | ArrayBufferView): Promise<Uint8Array> {
  if (typeof Blob !== 'undefined' && source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  throw new ArgumentError(
    `loadCsv: source must be a path or file: URL, a Blob/File, an ArrayBuffer or a Uint8Array, received ${Object.prototype.toString.call(source)}`,
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
 * sign) and numbers that overflow are errors anywhere but in dropped
 * columns: mark missing values with an empty cell instead.
 *
 * A categorical column with more than `maxCategories` (default 1000)
 * distinct values is refused, naming the column: one-hot encoding it would
 * add a feature per value (an id or free-text column); drop it or raise the
 * limit, or pass `tooManyCategories: 'drop'` to drop such columns (the report
 * lists them). The same limit bounds the classes of a classification target.
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
  checkOptions('loadCsv', options, TABLE_OPTIONS);
  const reader = new CsvColumnReader(columnRules(options), source);
  const tokenizer = new CsvTokenizer(options.delimiter ?? ',', (record, line) => reader.record(record, line));
  try {
    tokenizer.push(text);
    tokenizer.end();
  } catch (error) {
    throw asTypedError(source, error);
  }
  return reader.finish();
}

/** A DataError naming `source` for the tokenizer's plain Errors (bad quoting); typed errors as they are. */
function asTypedError(source: string, error: unknown): ScratchnetError {
  return error instanceof ScratchnetError ? error : new DataError(`${source}: ${(error as Error).message}`);
}

/** The options, checked, with defaults filled in. */
function columnRules(options: CsvOptions): ColumnRules {
  if (typeof options.target !== 'string') throw new ArgumentError(`loadCsv: target must be a column name, received ${String(options.target)}`);
  if (options.task !== 'classification' && options.task !== 'regression' && options.task !== 'auto') {
    throw new ArgumentError(`loadCsv: task must be 'classification', 'regression' or 'auto', received ${String(options.task)}`);
  }
  const numeric = options.impute?.numeric ?? 'median';
  const categorical = options.impute?.categorical ?? 'mostFrequent';
  if (!['median', 'mean', 'error'].includes(numeric)) {
    throw new ArgumentError(`loadCsv: impute.numeric must be 'median', 'mean' or 'error', received ${String(numeric)}`);
  }
  const tooManyCategories = options.tooManyCategories ?? 'error';
  if (tooManyCategories !== 'error' && tooManyCategories !== 'drop') {
    throw new ArgumentError(`loadCsv: tooManyCategories must be 'error' or 'drop', received ${String(tooManyCategories)}`);
  }
  if (options.features !== undefined && (!Array.isArray(options.features) || options.features.length === 0)) {
    throw new ArgumentError(`loadCsv: features must be a non-empty list of column names, received ${JSON.stringify(options.features)}`);
  }
  if (!['mostFrequent', 'error'].includes(categorical)) {
    throw new ArgumentError(`loadCsv: impute.categorical must be 'mostFrequent' or 'error', received ${String(categorical)}`);
  }
  return {
    target: options.target,
    task: options.task,
    categorical: options.categorical ?? [],
    numeric: options.numeric ?? [],
    drop: options.drop ?? [],
    features: options.features,
    impute: { numeric, categorical },
    maxCategories: checkInteger('loadCsv', 'maxCategories', options.maxCategories ?? MAX_CATEGORIES, 2),
    tooManyCategories,
  };
}
