import { ShapeError, formatShape } from '../errors.js';
import type { AccuracySpec } from '../model/architecture.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { Accuracy, type Comparison } from './accuracy.js';

/**
 * Accuracy of binary (sigmoid) outputs, the book's `Accuracy_Categorical`
 * with `binary=True`: every output is its own yes/no decision, compared
 * elementwise.
 *
 * ```text
 * accuracy = (1/(n·k)) Σ_i Σ_j [ŷ_ij = y_ij],   ŷ = (sigmoid output > 0.5) ∈ {0, 1}
 * ```
 *
 * Shapes: predictions `[n, k]` (or `[n]`) of 0/1, targets with the same
 * number of values and samples (`[n]` and `[n, 1]` compare alike).
 *
 * ```ts
 * const predictions = Tensor.from([[1], [0], [1], [1]]);
 * new BinaryAccuracy().calculate(predictions, Tensor.from([1, 0, 0, 1]));   // 0.75
 * ```
 */
export class BinaryAccuracy extends Accuracy {
  constructor() {
    super('BinaryAccuracy');
  }

  toSpec(): AccuracySpec {
    return { type: 'BinaryAccuracy' };
  }

  protected compare(predictions: Tensor<NumericArray>, y: Tensor<NumericArray>): Comparison {
    if (predictions.size !== y.size || predictions.rows !== y.rows || predictions.size === 0) {
      throw new ShapeError(
        `BinaryAccuracy: predictions shape ${formatShape(predictions.shape)} and targets shape ${formatShape(y.shape)} must hold the same (non-zero) number of values per sample`,
      );
    }
    const p = predictions.data;
    const t = y.data;
    let correct = 0;
    for (let i = 0; i < p.length; i++) if (p[i] === t[i]) correct++;
    return { correct, total: p.length };
  }
}
