import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { checkPairedValues } from './paired-values.js';

/**
 * Root mean squared error, in the target's units, over every value:
 *
 * ```text
 * RMSE = √( (1/N) Σ (ŷ − y)² )        N = samples · outputs
 * ```
 *
 * Shapes: predictions and targets with the same number of values and samples
 * (`[n]` and `[n, 1]` compare alike). Sums run in float64.
 *
 * ```ts
 * rootMeanSquaredError(Tensor.from([2, 4, 6]), Tensor.from([1, 4, 8]));   // √(5/3) = 1.2909944487358056
 * ```
 */
export function rootMeanSquaredError(predictions: Tensor<NumericArray>, y: Tensor<NumericArray>): number {
  checkPairedValues('rootMeanSquaredError', predictions, y);
  const p = predictions.data;
  const t = y.data;
  let squares = 0;
  for (let i = 0; i < p.length; i++) squares += (p[i] - t[i]) ** 2;
  return Math.sqrt(squares / p.length);
}
