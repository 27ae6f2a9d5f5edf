import { ArgumentError, checkInteger } from '../errors.js';

/** Counts of (true class, predicted class) pairs and what follows from them. */
export interface ConfusionMatrix {
  classes: number;
  /** Row-major [classes, classes]: counts[actual · classes + predicted]. */
  counts: Int32Array;
  /** Samples of each true class (the row sums). */
  support: Int32Array;
  /** Per true class: correct / support (its recall); NaN for a class with no samples. */
  perClassAccuracy: Float64Array;
}

/**
 * The confusion matrix of a classifier: row = true class, column = predicted
 * class, each cell the number of samples. The diagonal holds the correct
 * ones; class k's accuracy is counts[k, k] / Σⱼ counts[k, j].
 *
 * ```ts
 * confusionMatrix([0, 0, 1, 2], [0, 1, 1, 2], 3).counts;   // [1, 1, 0,  0, 1, 0,  0, 0, 1]
 * ```
 */
export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): ConfusionMatrix {
  checkInteger('confusionMatrix', 'classes', classes, 1);
  if (actual.length !== predicted.length) {
    throw new ArgumentError(`confusionMatrix: actual and predicted must have the same length, received ${actual.length} and ${predicted.length}`);
  }
  const counts = new Int32Array(classes * classes);
  const support = new Int32Array(classes);
  for (let i = 0; i < actual.length; i++) {
    const [truth, guess] = [actual[i], predicted[i]];
    for (const [name, id] of [['actual', truth], ['predicted', guess]] as const) {
      if (!Number.isInteger(id) || id < 0 || id >= classes) {
        throw new ArgumentError(`confusionMatrix: ${name}[${i}] must be a class id in [0, ${classes - 1}], received ${id}`);
      }
    }
    counts[truth * classes + guess]++;
    support[truth]++;
  }
  const perClassAccuracy = Float64Array.from(support, (n, k) => (n > 0 ? counts[k * classes + k] / n : Number.NaN));
  return { classes, counts, support, perClassAccuracy };
}
