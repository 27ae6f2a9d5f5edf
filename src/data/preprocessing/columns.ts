import { ArgumentError, ShapeError, formatShape } from '../../errors.js';
import type { NumericArray, Tensor } from '../../tensor/tensor.js';
import { DataError } from '../data-error.js';
import { firstNonFinite, formatPlace } from '../../tensor/non-finite.js';

/** Throws unless `x` is [n] or [n, columns] with n ≥ 1 and only finite values; returns the column count. */
export function checkTable(owner: string, x: Tensor<NumericArray>, columns?: number): number {
  if (x.rank < 1 || x.rank > 2 || x.shape[0] < 1) {
    throw new ShapeError(`${owner} expected a tensor of shape [n] or [n, columns] with n >= 1, received ${formatShape(x.shape)}`);
  }
  const c = x.columns;
  if (columns !== undefined && c !== columns) {
    throw new ShapeError(`${owner} expected ${columns} columns (as in fit), received shape ${formatShape(x.shape)}`);
  }
  const found = firstNonFinite(x);
  if (found !== null) throw new DataError(`${owner}: value at ${formatPlace(found)} must be finite, received ${found.value}`);
  return c;
}

/** Reads an array of finite numbers from a JSON field, or throws naming it. */
export function jsonNumbers(owner: string, name: string, value: unknown, length?: number): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new ArgumentError(`${owner}.fromJSON: ${name} must be an array of finite numbers, received ${JSON.stringify(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new ArgumentError(`${owner}.fromJSON: ${name} must have ${length} entries, received ${value.length}`);
  }
  return value as number[];
}

/** Throws unless a JSON object has the expected `type` tag. */
export function checkJsonType(owner: string, json: unknown): Record<string, unknown> {
  const object = json as Record<string, unknown> | null;
  if (typeof object !== 'object' || object === null || object.type !== owner) {
    throw new ArgumentError(`${owner}.fromJSON expected an object with type "${owner}", received ${JSON.stringify(json)?.slice(0, 80)}`);
  }
  return object;
}

/**
 * scikit-learn's `_handle_zeros_in_scale`: a constant column has spread 0;
 * dividing by it would give NaN, so it is scaled by 1 instead (its values
 * then just shift).
 */
export function safeScale(spread: number): number {
  return spread < 10 * Number.EPSILON ? 1 : spread;
}
