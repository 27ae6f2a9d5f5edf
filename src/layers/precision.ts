import type { FloatArray, NumericArray } from '../tensor/tensor.js';

/**
 * The array whose element type an output should follow: a float64 one if any
 * operand is float64 (finite-difference checks run in float64), else none,
 * which makes `Workspace.get` hand out float32 storage.
 */
export function widest(...arrays: readonly NumericArray[]): FloatArray | undefined {
  for (const a of arrays) if (a instanceof Float64Array) return a;
  return undefined;
}
