import { ArgumentError } from '../errors.js';
import type { AccuracySpec } from '../model/architecture.js';
import type { Accuracy } from './accuracy.js';
import { BinaryAccuracy } from './binary-accuracy.js';
import { CategoricalAccuracy } from './categorical-accuracy.js';
import { RegressionAccuracy } from './regression-accuracy.js';

/**
 * Rebuilds an accuracy metric from the JSON a model file stores (`toSpec()`'s output).
 *
 * ```ts
 * const same = accuracyFromSpec({ type: 'RegressionAccuracy', precision: 0.004, divisor: 250 });
 * ```
 */
export function accuracyFromSpec(spec: AccuracySpec): Accuracy {
  switch (spec.type) {
    case 'CategoricalAccuracy':
      return new CategoricalAccuracy();
    case 'BinaryAccuracy':
      return new BinaryAccuracy();
    case 'RegressionAccuracy':
      return new RegressionAccuracy(
        spec.precision === null ? { divisor: spec.divisor } : { divisor: spec.divisor, precision: spec.precision },
      );
    default:
      throw new ArgumentError(
        `accuracyFromSpec: unknown accuracy type "${String((spec as { type: unknown }).type)}" (known: CategoricalAccuracy, BinaryAccuracy, RegressionAccuracy)`,
      );
  }
}
