import { ArgumentError, checkOptions } from '../../errors.js';
import type { NumericArray, Tensor } from '../../tensor/tensor.js';
import { DataError } from '../data-error.js';
import { classIds } from './class-ids.js';
import { resolveGenerator, type RandomOption } from './random-option.js';
import { checkSameRows, takeRows } from './rows.js';

export interface TrainTestSplitOptions extends RandomOption {
  /** A fraction in (0, 1) of the rows (rounded up, as scikit-learn), or a whole number of rows. Default 0.25. */
  testSize?: number;
  /** Keep each class's share the same in both parts (labels: ids or one-hot). Default false. */
  stratify?: boolean;
}

export interface TrainTestSplit<X extends NumericArray, Y extends NumericArray> {
  xTrain: Tensor<X>;
  xTest: Tensor<X>;
  yTrain: Tensor<Y>;
  yTest: Tensor<Y>;
  /** Row indices of the original tensors in each part. */
  trainIndices: Int32Array;
  testIndices: Int32Array;
}

/**
 * Splits rows into a train and a test part at random.
 *
 * Unstratified, it is scikit-learn's `train_test_split(x, y, test_size,
 * random_state=seed)` draw for draw: `perm = permutation(n)`, test rows
 * `perm[:nTest]`, train rows `perm[nTest:]` with `nTest = ceil(testSize · n)`,
 * so seed 42 gives the rows Python gives.
 *
 * Stratified: per class (in id order) the class's rows are permuted and the
 * first ones go to test; class c gets `floor(nTest · count[c] / n)` test rows
 * plus one more for the classes with the largest remainders (ties to the
 * smaller id) until the total is nTest; both parts are then permuted. Every
 * class needs at least two rows. (Same shares as scikit-learn's
 * StratifiedShuffleSplit, not the same draws.)
 *
 * ```ts
 * const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, seed: 42 });
 * ```
 */
export function trainTestSplit<X extends NumericArray, Y extends NumericArray>(
  x: Tensor<X>,
  y: Tensor<Y>,
  options: TrainTestSplitOptions = {},
): TrainTestSplit<X, Y> {
  checkOptions('trainTestSplit', options, ['testSize', 'stratify', 'seed', 'generator']);
  checkSameRows('trainTestSplit', x, y);
  const n = x.shape[0];
  const testSize = options.testSize ?? 0.25;
  let nTest: number;
  if (typeof testSize === 'number' && testSize > 0 && testSize < 1) nTest = Math.ceil(testSize * n);
  else if (Number.isInteger(testSize) && testSize >= 1) nTest = testSize;
  else throw new ArgumentError(`trainTestSplit: testSize must be a fraction in (0, 1) or a whole number of rows, received ${String(testSize)}`);
  if (nTest >= n) {
    throw new ArgumentError(`trainTestSplit: testSize ${testSize} leaves no training rows out of ${n}`);
  }
  const generator = resolveGenerator('trainTestSplit', options);
  let testIndices: Int32Array;
  let trainIndices: Int32Array;
  if (options.stratify) {
    ({ trainIndices, testIndices } = stratifiedIndices(classIds('trainTestSplit', y), nTest, generator));
  } else {
    const order = generator.permutation(n);
    testIndices = order.slice(0, nTest);
    trainIndices = order.slice(nTest);
  }
  return {
    xTrain: takeRows(x, trainIndices),
    xTest: takeRows(x, testIndices),
    yTrain: takeRows(y, trainIndices),
    yTest: takeRows(y, testIndices),
    trainIndices,
    testIndices,
  };
}

function stratifiedIndices(
  ids: Int32Array,
  nTest: number,
  generator: ReturnType<typeof resolveGenerator>,
): { trainIndices: Int32Array; testIndices: Int32Array } {
  const n = ids.length;
  const byClass: number[][] = [];
  ids.forEach((id, row) => (byClass[id] ??= []).push(row));
  const classes = byClass.map((rows, id) => ({ id, rows })).filter((c) => c.rows !== undefined);
  const lonely = classes.find((c) => c.rows.length < 2);
  if (lonely) {
    throw new DataError(`trainTestSplit: stratify needs at least 2 rows per class, class ${lonely.id} has ${lonely.rows.length}`);
  }
  const quotas = classes.map((c) => (nTest * c.rows.length) / n);
  const counts = quotas.map(Math.floor);
  const byRemainder = classes.map((_, i) => i).sort((a, b) => quotas[b] - counts[b] - (quotas[a] - counts[a]) || a - b);
  let left = nTest - counts.reduce((a, b) => a + b, 0);
  for (const i of byRemainder) {
    if (left === 0) break;
    counts[i]++;
    left--;
  }
  const test: number[] = [];
  const train: number[] = [];
  classes.forEach((c, i) => {
    const order = generator.permutation(c.rows.length);
    order.forEach((o, k) => (k < counts[i] ? test : train).push(c.rows[o]));
  });
  return { trainIndices: generator.shuffle(Int32Array.from(train)), testIndices: generator.shuffle(Int32Array.from(test)) };
}
