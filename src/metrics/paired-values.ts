import { ShapeError, formatShape } from '../errors.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';

/**
 * Checks that predictions and targets can be compared value by value: the
 * same (non-zero) number of values and of samples, so `[n]` and `[n, 1]`
 * compare alike. Returns the number of outputs per sample.
 */
export function checkPairedValues(owner: string, predictions: Tensor<NumericArray>, y: Tensor<NumericArray>): number {
  if (predictions.size !== y.size || predictions.rows !== y.rows || predictions.size === 0) {
    throw new ShapeError(
      `${owner}: predictions shape ${formatShape(predictions.shape)} and targets shape ${formatShape(y.shape)} must hold the same (non-zero) number of values per sample`,
    );
  }
  return y.size / y.rows;
}
