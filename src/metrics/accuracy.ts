import { ScratchnetError } from '../errors.js';
import type { AccuracySpec } from '../model/architecture.js';
import { checkTensor, type NumericArray, type Tensor } from '../tensor/tensor.js';

/** How many of a batch's comparisons held, out of how many. */
export interface Comparison {
  correct: number;
  total: number;
}

/**
 * The book's `Accuracy` base: a metric as the fraction of predictions that
 * match their targets, per batch and accumulated over a pass.
 *
 * ```text
 * calculate(ŷ, y)        = (1/n) Σ_i compare(ŷ_i, y_i)          (one batch)
 * calculateAccumulated() = Σ correct / Σ n over every batch since newPass()
 * ```
 *
 * Counts are exact integers, so the accumulated accuracy over batches equals
 * the accuracy of the whole set. (The book divides by the number of rows;
 * this divides by the number of comparisons, which is the same for the
 * book's one-output models and right for several outputs.)
 *
 * ```ts
 * const accuracy = new CategoricalAccuracy();
 * accuracy.calculate(predictions, y);   // 0.6666666666666666
 * ```
 */
export abstract class Accuracy {
  /** The type name model files store. */
  readonly type: AccuracySpec['type'];
  /** Correct comparisons since the last `newPass()`. */
  accumulatedSum = 0;
  /** All comparisons since the last `newPass()`. */
  accumulatedCount = 0;

  protected constructor(type: AccuracySpec['type']) {
    this.type = type;
  }

  /**
   * Prepares the metric from the training targets before a run (regression
   * derives its precision here). `reinit` recomputes what an earlier call set.
   */
  init(_y: Tensor<NumericArray>, _reinit = false): void {}

  /** The accuracy of one batch, in [0, 1]; also adds it to the accumulated counts. */
  calculate(predictions: Tensor<NumericArray>, y: Tensor<NumericArray>): number {
    checkTensor(`${this.type}.calculate`, 'predictions', predictions);
    checkTensor(`${this.type}.calculate`, 'y', y);
    const { correct, total } = this.compare(predictions, y);
    this.accumulatedSum += correct;
    this.accumulatedCount += total;
    return correct / total;
  }

  /** The accuracy over every batch since the last `newPass()`. */
  calculateAccumulated(): number {
    if (this.accumulatedCount === 0) {
      throw new ScratchnetError(`${this.type}: no predictions since newPass(); call calculate(predictions, y) first`);
    }
    return this.accumulatedSum / this.accumulatedCount;
  }

  /** Resets the accumulated counts (start of an epoch or a validation pass). */
  newPass(): void {
    this.accumulatedSum = 0;
    this.accumulatedCount = 0;
  }

  /** The JSON description model files store. */
  abstract toSpec(): AccuracySpec;

  /** Counts matches; throws a ShapeError naming both shapes when they cannot be compared. */
  protected abstract compare(predictions: Tensor<NumericArray>, y: Tensor<NumericArray>): Comparison;
}
