import { ModelFileError } from '../errors.js';
import { nonFiniteIndex } from '../tensor/non-finite.js';

/**
 * Loading options shared by model files, checkpoints and TF.js imports.
 *
 * By default every weight and optimizer tensor read from a file must hold
 * only finite values: a NaN or ±Infinity in a weight makes every prediction
 * NaN (or silently saturates), yet evaluates to a plausible-looking accuracy,
 * so it is refused, naming the tensor and the first bad index.
 */
export interface LoadOptions {
  /** Load tensors holding NaN or ±Infinity as they are (default false: refuse them). */
  allowNonFinite?: boolean;
}

/**
 * Throws a ModelFileError unless every value of tensor `name` is finite (or
 * `options.allowNonFinite` is set):
 * `m.safetensors: tensor "layers.0.weights" holds NaN at index 3; non-finite values are refused (option allowNonFinite: true loads them)`.
 */
export function checkFiniteValues(source: string, name: string, values: ArrayLike<number>, options: LoadOptions): void {
  if (options.allowNonFinite === true) return;
  const index = nonFiniteIndex(values);
  if (index >= 0) {
    throw new ModelFileError(
      `${source}: ${name} holds ${String(values[index])} at index ${index}; non-finite values are refused (option allowNonFinite: true loads them)`,
    );
  }
}
