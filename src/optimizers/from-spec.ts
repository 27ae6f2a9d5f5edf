import { ArgumentError } from '../errors.js';
import type { OptimizerSpec } from '../model/architecture.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

/**
 * Rebuilds an optimizer from the JSON a model file stores (`toSpec()`'s
 * output); the constructors validate every value.
 *
 * ```ts
 * const same = optimizerFromSpec(new Adam({ learningRate: 0.05 }).toSpec());
 * ```
 */
export function optimizerFromSpec(spec: OptimizerSpec): Optimizer {
  const { type, ...options } = spec;
  switch (type) {
    case 'SGD':
      return new SGD(options);
    case 'Adagrad':
      return new Adagrad(options);
    case 'RMSprop':
      return new RMSprop(options);
    case 'Adam':
      return new Adam(options);
    default:
      throw new ArgumentError(`optimizerFromSpec: unknown optimizer type "${String(type)}" (known: SGD, Adagrad, RMSprop, Adam)`);
  }
}
