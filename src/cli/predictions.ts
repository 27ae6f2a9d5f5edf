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
 * Predictions as CSV text: for classification a `prediction` column (the most
 * probable class name) then one `probability_<class>` column per class; for
 * regression one `prediction` column per output (`prediction_<j>` if several).
 */
export function predictionsCsv(output: Tensor, classification: boolean, classNames?: readonly string[]): string {
  const [rows, columns] = output.shape.length === 1 ? [output.shape[0], 1] : output.shape;
  const records: (string | number)[][] = [];
  if (classification) {
    const names = Array.from({ length: columns }, (_, id) => classNames?.[id] ?? String(id));
    records.push(['prediction', ...names.map((name) => `probability_${name}`)]);
    const best = topClasses(output.reshape([rows, columns]), 1, names);
    for (let row = 0; row < rows; row++) {
      records.push([best[row][0].name, ...Array.from(output.data.subarray(row * columns, (row + 1) * columns))]);
    }
  } else {
    records.push(columns === 1 ? ['prediction'] : Array.from({ length: columns }, (_, j) => `prediction_${j}`));
    for (let row = 0; row < rows; row++) records.push(Array.from(output.data.subarray(row * columns, (row + 1) * columns)));
  }
  return stringify(records);
}
