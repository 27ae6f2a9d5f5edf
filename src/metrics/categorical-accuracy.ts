import { getBackend } from '../backend/registry.js';
import { ShapeError, formatShape } from '../errors.js';
import type { AccuracySpec } from '../model/architecture.js';
import type { FloatArray, NumericArray, Tensor } from '../tensor/tensor.js';
import { Accuracy, type Comparison } from './accuracy.js';

/**
 * Classification accuracy, the book's `Accuracy_Categorical`: the fraction of
 * samples whose predicted class equals the target class.
 *
 * ```text
 * accuracy = (1/n) Σ_i [ŷ_i = y_i]
 * ```
 *
 * Shapes: predictions are class ids `[n]` or `[n, 1]` (what `Softmax.predictions`
 * returns), or per-class scores `[n, classes]`, reduced with a row argmax.
 * Targets are class ids `[n]` or `[n, 1]` in any numeric typed array, or
 * one-hot `[n, classes]`, reduced with a row argmax as the book does.
 *
 * ```ts
 * const probabilities = Tensor.from([[0.7, 0.2, 0.1], [0.5, 0.1, 0.4], [0.02, 0.9, 0.08]]);
 * new CategoricalAccuracy().calculate(probabilities, new Tensor([3], new Int32Array([0, 1, 1])));   // 0.6666666666666666
 * ```
 */
export class CategoricalAccuracy extends Accuracy {
  #predictedIds = new Int32Array(0);
  #targetIds = new Int32Array(0);

  constructor() {
    super('CategoricalAccuracy');
  }

  toSpec(): AccuracySpec {
    return { type: 'CategoricalAccuracy' };
  }

  protected compare(predictions: Tensor<NumericArray>, y: Tensor<NumericArray>): Comparison {
    const n = predictions.rows;
    if (predictions.rank === 0 || predictions.rank > 2 || y.rank === 0 || y.rank > 2 || y.rows !== n || n === 0) {
      throw this.mismatch(predictions, y, 'need the same number of samples (n > 0), as [n] ids or [n, classes] rows');
    }
    if (predictions.columns > 1 && y.columns > 1 && predictions.columns !== y.columns) {
      throw this.mismatch(predictions, y, 'have different numbers of classes');
    }
    if (this.#predictedIds.length !== n) {
      this.#predictedIds = new Int32Array(n);
      this.#targetIds = new Int32Array(n);
    }
    const predicted = classIds(predictions, this.#predictedIds);
    const target = classIds(y, this.#targetIds);
    let correct = 0;
    for (let i = 0; i < n; i++) if (predicted[i] === target[i]) correct++;
    return { correct, total: n };
  }

  private mismatch(predictions: Tensor<NumericArray>, y: Tensor<NumericArray>, rule: string): ShapeError {
    return new ShapeError(
      `CategoricalAccuracy: predictions shape ${formatShape(predictions.shape)} and targets shape ${formatShape(y.shape)} ${rule}`,
    );
  }
}

/** Ids as they are, or the argmax of each row of scores / one-hot rows (into `out`). */
function classIds(t: Tensor<NumericArray>, out: Int32Array): ArrayLike<number> {
  if (t.columns === 1) return t.data;
  const scores: FloatArray = t.data instanceof Float32Array || t.data instanceof Float64Array ? t.data : Float64Array.from(t.data);
  getBackend().argmaxRows(scores, t.rows, t.columns, out);
  return out;
}
