import { CsvTokenizer } from '../data/csv-tokenizer.js';
import { DataError } from '../data/data-error.js';
import { ArgumentError } from '../errors.js';
import { StandardScaler } from '../data/preprocessing/standard-scaler.js';
import { readFileBytes } from '../data/read-file-bytes.js';
import { Tensor } from '../tensor/tensor.js';
import { isDecimal } from '../data/decimal.js';

/** A CSV file's header and rows of cells, and how messages name it (`--csv rows.csv`). */
export interface CsvRows {
  source: string;
  header: string[];
  rows: string[][];
}

/** Reads a CSV file (plain or gzipped) with a header row and at least one row of values; `flag` is the option that named it. */
export async function readCsvRows(flag: string, path: string): Promise<CsvRows> {
  const source = `${flag} ${path}`;
  const text = new TextDecoder().decode(await readFileBytes(flag, path));
  const records: string[][] = [];
  try {
    const tokenizer = new CsvTokenizer(',', (record) => records.push(record));
    tokenizer.push(text);
    tokenizer.end();
  } catch (error) {
    throw new DataError(`${source}: ${(error as Error).message}`);
  }
  if (records.length < 2) throw new DataError(`${source}: expected a header row and at least one row of values, received ${records.length} line(s)`);
  const [header, ...rows] = records;
  return { source, header, rows };
}

/**
 * The rows' features in the model's layout: with `featureNames` (models
 * trained on a table) each feature is its column's number, or for a one-hot
 * feature `column=value` 1 when the row's `column` holds `value`, else 0;
 * an empty cell takes the value training filled that column's gaps with
 * (`imputed`), if any. Without feature names (the synthetic datasets) every
 * column but `target`, in order. Then the training's feature scaler, when the
 * model recorded one. Other columns (the target, ids) are ignored.
 *
 * A text value that training never saw would one-hot encode as all zeros, a
 * row the model was never shown: by default (`unknownCategories: 'error'`)
 * it is a DataError naming the row, the column and the value; `'zeros'`
 * encodes it as all zeros.
 *
 * Returns x [rows, inputs] float32.
 */
export function featureRows(
  table: CsvRows,
  inputs: number,
  metadata: Record<string, unknown>,
  target?: string,
  options: { unknownCategories?: 'error' | 'zeros' } = {},
): Tensor<Float32Array> {
  const { source, header, rows } = table;
  const featureNames = Array.isArray(metadata.featureNames)
    ? (metadata.featureNames as string[])
    : header.filter((column) => column !== target);
  if (featureNames.length !== inputs) {
    throw new DataError(`${source}: the model takes ${inputs} features, received ${featureNames.length} columns (${featureNames.join(', ')})`);
  }
  const imputed = metadata.imputed !== null && typeof metadata.imputed === 'object' ? (metadata.imputed as Record<string, unknown>) : {};
  /** The categories training saw, per one-hot encoded column. */
  const categories = new Map<number, Set<string>>();
  const readers = featureNames.map((feature): ((row: string[], index: number) => number) => {
    const column = header.indexOf(feature);
    if (column >= 0) {
      const fill = imputed[feature];
      return (row, index) => {
        const cell = row[column] ?? '';
        if (cell === '' && typeof fill === 'number') return fill;
        const value = isDecimal(cell) ? Number(cell) : Number.NaN;
        if (!Number.isFinite(value)) throw new DataError(`${source}: row ${index + 1}, column "${feature}" must be a number, received "${cell}"`);
        return value;
      };
    }
    const separator = feature.indexOf('=');
    const name = separator > 0 ? feature.slice(0, separator) : feature;
    const categorical = separator > 0 ? header.indexOf(name) : -1;
    if (categorical < 0) throw new DataError(`${source}: missing column "${name}" the model was trained with (columns: ${header.join(', ')})`);
    const value = feature.slice(separator + 1);
    const fill = imputed[name];
    const known = categories.get(categorical) ?? new Set();
    categories.set(categorical, known.add(value));
    return (row) => ((row[categorical] === '' && typeof fill === 'string' ? fill : row[categorical]) === value ? 1 : 0);
  });
  const unknownCategories = options.unknownCategories ?? 'error';
  if (unknownCategories !== 'error' && unknownCategories !== 'zeros') {
    throw new ArgumentError(`featureRows: unknownCategories must be 'error' or 'zeros', received ${String(unknownCategories)}`);
  }
  if (unknownCategories === 'error') {
    for (const [column, known] of categories) {
      const name = header[column];
      const fill = imputed[name];
      rows.forEach((row, index) => {
        const cell = row[column] === '' && typeof fill === 'string' ? fill : (row[column] ?? '');
        if (known.has(cell)) return;
        const list = [...known];
        const shown = list.length > 10 ? `${list.slice(0, 10).join(', ')}, … (${list.length} in all)` : list.join(', ');
        throw new DataError(
          `${source}: row ${index + 1}, column "${name}" holds "${cell}", a category not seen in training (known: ${shown}); --unknown-categories zeros encodes it as all zeros`,
        );
      });
    }
  }
  const x = new Float32Array(rows.length * inputs);
  rows.forEach((row, index) => readers.forEach((read, j) => (x[index * inputs + j] = read(row, index))));
  const tensor = new Tensor([rows.length, inputs], x);
  return metadata.featureScaler === undefined ? tensor : StandardScaler.fromJSON(metadata.featureScaler).transform(tensor);
}

/** The index of the `target` column; a file without it is an error listing its columns. */
function targetColumn(table: CsvRows, target: string): number {
  const column = table.header.indexOf(target);
  if (column < 0) throw new DataError(`${table.source}: missing target column "${target}" (columns: ${table.header.join(', ')})`);
  return column;
}

/** A regression target: the `target` column's numbers, y [rows, 1] float32. */
export function numericTarget(table: CsvRows, target: string): Tensor<Float32Array> {
  const column = targetColumn(table, target);
  const y = Float32Array.from(table.rows, (row, index) => {
    const cell = row[column] ?? '';
    if (!isDecimal(cell)) throw new DataError(`${table.source}: row ${index + 1}, target column "${target}" must be a number, received "${cell}"`);
    return Number(cell);
  });
  return new Tensor([y.length, 1], y);
}

/**
 * A classification target: the `target` column as ids into `classNames`,
 * y [rows] int32. Numbers match by value (`1.0` is class `1`), as training
 * read them.
 */
export function classTarget(table: CsvRows, target: string, classNames: readonly string[]): Tensor<Int32Array> {
  const column = targetColumn(table, target);
  const y = Int32Array.from(table.rows, (row, index) => {
    const cell = row[column] ?? '';
    let id = classNames.indexOf(cell);
    if (id < 0 && isDecimal(cell)) id = classNames.findIndex((name) => isDecimal(name) && Number(name) === Number(cell));
    if (id < 0) {
      throw new DataError(
        `${table.source}: row ${index + 1}, target column "${target}" must hold one of the model's classes (${classNames.join(', ')}), received "${cell}"`,
      );
    }
    return id;
  });
  return new Tensor([y.length], y);
}
