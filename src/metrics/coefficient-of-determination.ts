import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { checkPairedValues } from './paired-values.js';

/**
 * The coefficient of determination R², as scikit-learn's `r2_score`: the
 * share of the targets' variance the predictions explain. 1 is a perfect
 * fit, 0 is no better than always predicting the targets' mean, and it is
 * negative for worse than that.
 *
 * ```text
 * R² = 1 − Σ (y − ŷ)² / Σ (y − ȳ)²       per output column, then averaged over the columns
 * ```
 *
 * A column whose targets are all equal (Σ (y − ȳ)² = 0) scores 1 when it is
 * predicted exactly and 0 otherwise, as scikit-learn does, rather than
 * dividing by zero. Shapes: predictions and targets with the same number of
 * values and samples (`[n]` and `[n, 1]` compare alike; `[n, k]` is k
 * outputs). Sums run in float64, the mean first (two passes), so a large
 * offset such as house prices loses no digits.
 *
 * ```ts
 * coefficientOfDetermination(Tensor.from([2, 4, 6]), Tensor.from([1, 4, 8]));   // 1 − 5 / (222/9) ≈ 0.7973
 * ```
 */
export function coefficientOfDetermination(predictions: Tensor<NumericArray>, y: Tensor<NumericArray>): number {
  const columns = checkPairedValues('coefficientOfDetermination', predictions, y);
  const p = predictions.data;
  const t = y.data;
  const n = y.rows;
  let sum = 0;
  for (let j = 0; j < columns; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += t[i * columns + j];
    mean /= n;
    let residual = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const target = t[i * columns + j];
      residual += (target - p[i * columns + j]) ** 2;
      total += (target - mean) ** 2;
    }
    sum += total > 0 ? 1 - residual / total : residual === 0 ? 1 : 0;
  }
  return sum / columns;
}
