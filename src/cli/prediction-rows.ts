import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { DataError } from '../data/data-error.js';
import { StandardScaler } from '../data/preprocessing/standard-scaler.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * Reads the rows to predict from a CSV file with a header, into the model's
 * feature layout: with `featureNames` (models trained on a table) each
 * feature is its column's number, or for a one-hot feature `column=value`
 * 1 when the row's `column` holds `value`, else 0; without them (the
 * synthetic datasets) every column in order. Then the training's feature
 * scaler, when the model recorded one. Other columns (the target, ids) are ignored.
 *
 * Returns x [rows, inputs] float32.
 */
export async function readPredictionRows(
  path: string,
  inputs: number,
  metadata: Record<string, unknown>,
): Promise<Tensor<Float32Array>> {
  const records = parse(await readFile(path, 'utf8'), { skip_empty_lines: true, trim: true }) as string[][];
  if (records.length < 2) throw new DataError(`${path}: expected a header row and at least one row of values, received ${records.length} line(s)`);
  const [header, ...rows] = records;
  const featureNames = Array.isArray(metadata.featureNames) ? (metadata.featureNames as string[]) : header;
  if (featureNames.length !== inputs) {
    throw new DataError(`${path}: the model takes ${inputs} features, received ${featureNames.length} columns (${header.join(', ')})`);
  }
  const readers = featureNames.map((feature): ((row: string[], index: number) => number) => {
    const column = header.indexOf(feature);
    if (column >= 0) {
      return (row, index) => {
        const cell = row[column] ?? '';
        const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) ? Number(cell) : Number.NaN;
        if (!Number.isFinite(value)) throw new DataError(`${path}: row ${index + 1}, column "${feature}" must be a number, received "${cell}"`);
        return value;
      };
    }
    const separator = feature.indexOf('=');
    const source = separator > 0 ? header.indexOf(feature.slice(0, separator)) : -1;
    if (source < 0) throw new DataError(`${path}: missing column "${separator > 0 ? feature.slice(0, separator) : feature}" the model was trained with`);
    const value = feature.slice(separator + 1);
    return (row) => (row[source] === value ? 1 : 0);
  });
  const x = new Float32Array(rows.length * inputs);
  rows.forEach((row, index) => readers.forEach((read, j) => (x[index * inputs + j] = read(row, index))));
  const tensor = new Tensor([rows.length, inputs], x);
  return metadata.featureScaler === undefined ? tensor : StandardScaler.fromJSON(metadata.featureScaler).transform(tensor);
}
