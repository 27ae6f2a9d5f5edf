import { ArgumentError, ShapeError, checkNumber, checkOptions, formatShape } from '../errors.js';
import type { AccuracySpec } from '../model/architecture.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { Accuracy, type Comparison } from './accuracy.js';

export interface RegressionAccuracyOptions {
  /** precision = std(y) / divisor when `init(y)` derives it (the book's 250). */
  divisor?: number;
  /** A fixed precision instead of deriving one from the targets (> 0). */
  precision?: number;
}

/**
 * The book's `Accuracy_Regression`: a prediction counts as correct when it is
 * within `precision` of its target, with the precision derived from the
 * spread of the training targets.
 *
 * ```text
 * precision = std(y) / divisor                  (population std; divisor 250)
 * accuracy  = (1/N) Σ [|ŷ − y| < precision]     over all N values
 * ```
 *
 * Shapes: predictions and targets with the same number of values and samples
 * (`[n]` and `[n, 1]` compare alike). `init(y)` must run before `calculate`
 * (Model.train does it) unless a `precision` is given.
 *
 * ```ts
 * const accuracy = new RegressionAccuracy(); accuracy.init(y);   // precision = std(y) / 250
 * accuracy.calculate(predictions, y);
 * ```
 */
export class RegressionAccuracy extends Accuracy {
  readonly divisor: number;
  /** The tolerance; null until `init(y)` derives it. */
  precision: number | null;

  constructor(options: RegressionAccuracyOptions = {}) {
    checkOptions('RegressionAccuracy', options, ['divisor', 'precision']);
    super('RegressionAccuracy');
    this.divisor = checkNumber('RegressionAccuracy', 'divisor', options.divisor ?? 250, 'positive');
    this.precision =
      options.precision === undefined ? null : checkNumber('RegressionAccuracy', 'precision', options.precision, 'positive');
  }

  /** Sets precision = std(y) / divisor, unless it is already set and `reinit` is false. */
  override init(y: Tensor<NumericArray>, reinit = false): void {
    if (this.precision !== null && !reinit) return;
    if (y.size === 0) throw new ShapeError(`RegressionAccuracy.init: targets must not be empty, received shape ${formatShape(y.shape)}`);
    this.precision = standardDeviation(y.data) / this.divisor;
  }

  toSpec(): AccuracySpec {
    return { type: 'RegressionAccuracy', precision: this.precision, divisor: this.divisor };
  }

  protected compare(predictions: Tensor<NumericArray>, y: Tensor<NumericArray>): Comparison {
    const precision = this.precision;
    if (precision === null) {
      throw new ArgumentError('RegressionAccuracy: precision is not set; call init(y) with the training targets first, or pass { precision }');
    }
    if (predictions.size !== y.size || predictions.rows !== y.rows || predictions.size === 0) {
      throw new ShapeError(
        `RegressionAccuracy: predictions shape ${formatShape(predictions.shape)} and targets shape ${formatShape(y.shape)} must hold the same (non-zero) number of values per sample`,
      );
    }
    const p = predictions.data;
    const t = y.data;
    let correct = 0;
    for (let i = 0; i < p.length; i++) if (Math.abs(p[i] - t[i]) < precision) correct++;
    return { correct, total: p.length };
  }
}

/** Population standard deviation (numpy's `np.std`, ddof 0), two passes in float64. */
function standardDeviation(values: NumericArray): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return Math.sqrt(squares / values.length);
}
