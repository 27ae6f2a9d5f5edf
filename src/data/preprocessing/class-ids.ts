import { DataError } from '../data-error.js';
import { ShapeError, formatShape } from '../../errors.js';
import type { Tensor, NumericArray } from '../../tensor/tensor.js';

/**
 * Class ids from labels given as ids (shape [n] or [n, 1]) or one-hot
 * (shape [n, k], the arg-max of each row), as every loss accepts them.
 */
export function classIds(owner: string, y: Tensor<NumericArray>): Int32Array {
  const n = y.rank === 0 ? 0 : y.shape[0];
  if (y.rank === 0 || y.rank > 2) {
    throw new ShapeError(`${owner}: labels must have shape [n] or [n, k], received ${formatShape(y.shape)}`);
  }
  const k = y.columns;
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (k === 1) {
      const v = y.data[i];
      if (!Number.isInteger(v) || v < 0) {
        throw new DataError(`${owner}: label at row ${i} must be a non-negative integer class id, received ${v}`);
      }
      ids[i] = v;
    } else {
      let best = 0;
      for (let j = 1; j < k; j++) if (y.data[i * k + j] > y.data[i * k + best]) best = j;
      ids[i] = best;
    }
  }
  return ids;
}
