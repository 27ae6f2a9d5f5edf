import { checkInteger, checkOptions } from '../../errors.js';
import type { NumericArray, Tensor } from '../../tensor/tensor.js';
import { DataError } from '../data-error.js';
import { classIds } from './class-ids.js';

/**
 * "Balanced" class weights for unbalanced classes, scikit-learn's formula:
 * `weight[c] = n / (k · count[c])` for n samples in k classes, so that every
 * class contributes the same total weight to the loss.
 *
 * Labels are class ids [n] or one-hot [n, k]; k is `numClasses` when given,
 * else the largest id + 1 (one-hot: the number of columns). Every class must
 * occur at least once.
 *
 * ```ts
 * classWeights(new Tensor([4], Int32Array.of(0, 0, 0, 1)));   // [0.6667, 2]
 * ```
 */
export function classWeights(y: Tensor<NumericArray>, options: { numClasses?: number } = {}): number[] {
  checkOptions('classWeights', options, ['numClasses']);
  const ids = classIds('classWeights', y);
  let k = y.rank === 2 && y.columns > 1 ? y.columns : 0;
  for (const id of ids) k = Math.max(k, id + 1);
  if (options.numClasses !== undefined) {
    const given = checkInteger('classWeights', 'numClasses', options.numClasses);
    if (given < k) throw new DataError(`classWeights: numClasses is ${given} but labels reach class ${k - 1}`);
    k = given;
  }
  const counts = new Array<number>(k).fill(0);
  for (const id of ids) counts[id]++;
  const missing = counts.findIndex((c) => c === 0);
  if (missing >= 0) {
    throw new DataError(`classWeights: class ${missing} has no samples, so no balanced weight exists (counts: ${counts.join(', ')})`);
  }
  return counts.map((c) => ids.length / (k * c));
}
