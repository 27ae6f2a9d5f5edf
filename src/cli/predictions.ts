import { stringify } from 'csv-stringify/sync';
import type { Tensor } from '../tensor/tensor.js';
import { printable } from './printable.js';

/** A class and its probability. */
export interface RankedClass {
  id: number;
  name: string;
  probability: number;
}

/**
 * The `k` most probable classes of each row of `probabilities` [n, classes],
 * most probable first (ties: the smaller id first).
 *
 *     topClasses(Tensor.from([[0.1, 0.7, 0.2]]), 2, ['a', 'b', 'c'])
 *     // [[{ id: 1, name: 'b', probability: 0.7 }, { id: 2, name: 'c', probability: 0.2 }]]
 */
export function topClasses(probabilities: Tensor, k: number, classNames?: readonly string[]): RankedClass[][] {
  const [rows, classes] = probabilities.shape;
  const result: RankedClass[][] = [];
  for (let row = 0; row < rows; row++) {
    const ranked: RankedClass[] = [];
    for (let id = 0; id < classes; id++) {
      ranked.push({ id, name: classNames?.[id] ?? String(id), probability: probabilities.data[row * classes + id] });
    }
    ranked.sort((a, b) => b.probability - a.probability || a.id - b.id);
    result.push(ranked.slice(0, Math.min(k, classes)));
  }
  return result;
}

/** `T-shirt/top 91.2%, Shirt 5.1%, Pullover 2.0%` */
export function formatRanked(ranked: readonly RankedClass[]): string {
  return ranked.map(({ name, probability }) => `${printable(name)} ${(100 * probability).toFixed(1)}%`).join(', ');
}

/**
 * The shortest decimal that reads back as the same float32: `454671.84` for
 * the float32 454671.84375, `0.1` for the float32 nearest 0.1
 * (0.100000001490116…). Predictions are float32, so more digits are noise;
 * fewer would change the value. (Numbers held in float64 print in full.)
 *
 *     shortestFloat32(Math.fround(0.1))   // "0.1"
 */
export function shortestFloat32(value: number): string {
  if (!Number.isFinite(value) || Math.fround(value) !== value) return String(value);
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}

/** A prediction as printed and written: float32 outputs at their shortest decimal, float64 ones as they are. */
export function formatPrediction(value: number, float32: boolean): string {
  return float32 ? shortestFloat32(value) : String(value);
}

/** An input column carried into the predictions (`--id-column`): its name and one cell per row. */
export interface CarriedColumn {
  name: string;
  values: readonly string[];
}

/**
 * Predictions as CSV text: the carried `id` column first when given; then
 * for classification a `prediction` column (the most probable class name)
 * and one `probability_<class>` column per class; for regression one
 * `prediction` column per output (`prediction_<j>` if several). Numbers are
 * written as {@link formatPrediction} prints them.
 */
export function predictionsCsv(output: Tensor, classification: boolean, classNames?: readonly string[], id?: CarriedColumn): string {
  const [rows, columns] = output.shape.length === 1 ? [output.shape[0], 1] : output.shape;
  const float32 = output.data instanceof Float32Array;
  const values = (row: number): string[] =>
    Array.from(output.data.subarray(row * columns, (row + 1) * columns), (value) => formatPrediction(value, float32));
  const records: string[][] = [];
  if (classification) {
    const names = Array.from({ length: columns }, (_, index) => classNames?.[index] ?? String(index));
    records.push(['prediction', ...names.map((name) => `probability_${name}`)]);
    const best = topClasses(output.reshape([rows, columns]), 1, names);
    for (let row = 0; row < rows; row++) records.push([best[row][0].name, ...values(row)]);
  } else {
    records.push(columns === 1 ? ['prediction'] : Array.from({ length: columns }, (_, j) => `prediction_${j}`));
    for (let row = 0; row < rows; row++) records.push(values(row));
  }
  if (id !== undefined) records.forEach((record, index) => record.unshift(index === 0 ? id.name : id.values[index - 1]));
  return stringify(records);
}
