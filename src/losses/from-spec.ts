import { ArgumentError } from '../errors.js';
import type { LossSpec } from '../model/architecture.js';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import type { Loss } from './loss.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanSquaredError } from './mean-squared-error.js';

/** Builds the loss a spec describes (`toSpec()`'s output). */
export function lossFromSpec(spec: LossSpec): Loss {
  switch (spec.type) {
    case 'CategoricalCrossentropy':
      return new CategoricalCrossentropy();
    case 'BinaryCrossentropy':
      return new BinaryCrossentropy();
    case 'MeanSquaredError':
      return new MeanSquaredError();
    case 'MeanAbsoluteError':
      return new MeanAbsoluteError();
    default:
      throw new ArgumentError(`loss: unknown type "${(spec as { type: unknown }).type}"`);
  }
}
