import { ModelFileError } from '../errors.js';

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

/** The index of the first NaN or ±Infinity in `values`, or -1 when all are finite. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    // x − x is 0 for every finite x and NaN for NaN and ±Infinity.
    if (values[i] - values[i] !== 0) return i;
  }
  return -1;
}

/**
 * Throws a ModelFileError unless every value of tensor `name` is finite (or
 * `options.allowNonFinite` is set):
 * `m.safetensors: tensor "layers.0.weights" holds NaN at index 3; non-finite values are refused (option allowNonFinite: true loads them)`.
 */
export function checkFiniteValues(source: string, name: string, values: ArrayLike<number>, options: LoadOptions): void {
  if (options.allowNonFinite === true) return;
  const index = firstNonFinite(values);
  if (index >= 0) {
    throw new ModelFileError(
      `${source}: ${name} holds ${String(values[index])} at index ${index}; non-finite values are refused (option allowNonFinite: true loads them)`,
    );
  }
}
