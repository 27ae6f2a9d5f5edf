import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { checkPairedValues } from './paired-values.js';

/**
 * Mean absolute error, in the target's units, over every value:
 *
 * ```text
 * MAE = (1/N) Σ |ŷ − y|        N = samples · outputs
 * ```
 *
 * Shapes: predictions and targets with the same number of values and samples
 * (`[n]` and `[n, 1]` compare alike). Sums run in float64. (The loss of the
 * same name, `MeanAbsoluteError`, trains on it; this reports it.)
 *
 * ```ts
 * meanAbsoluteError(Tensor.from([2, 4, 6]), Tensor.from([1, 4, 8]));   // 1
 * ```
 */
export function meanAbsoluteError(predictions: Tensor<NumericArray>, y: Tensor<NumericArray>): number {
  checkPairedValues('meanAbsoluteError', predictions, y);
  const p = predictions.data;
  const t = y.data;
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs(p[i] - t[i]);
  return sum / p.length;
}
