import { ArgumentError, checkInteger, checkOptions } from '../../errors.js';
import { resolveGenerator, type RandomOption } from './random-option.js';

export interface KFoldOptions extends RandomOption {
  /** Shuffle the rows before cutting folds (default false: consecutive folds). */
  shuffle?: boolean;
}

/** One fold: rows to train on and rows to validate on. */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/**
 * K-fold cross-validation indices, scikit-learn's `KFold(k, shuffle,
 * random_state)`: the rows 0…n−1 (shuffled with the generator when asked)
 * are cut into k consecutive folds, the first `n mod k` one row longer; fold
 * i validates on its rows and trains on all the others, in ascending order.
 *
 * ```ts
 * kFold(5, 2);   // [{ train: [3, 4], test: [0, 1, 2] }, { train: [0, 1, 2], test: [3, 4] }]
 * ```
 */
export function kFold(n: number, k: number, options: KFoldOptions = {}): Fold[] {
  checkOptions('kFold', options, ['shuffle', 'seed', 'generator']);
  checkInteger('kFold', 'n', n);
  checkInteger('kFold', 'k', k, 2);
  if (k > n) throw new ArgumentError(`kFold: k must be at most the number of rows ${n}, received ${k}`);
  if (!options.shuffle && (options.seed !== undefined || options.generator !== undefined)) {
    throw new ArgumentError('kFold: seed and generator only apply with shuffle: true');
  }
  const order = options.shuffle
    ? resolveGenerator('kFold', options).permutation(n)
    : Int32Array.from({ length: n }, (_, i) => i);
  const folds: Fold[] = [];
  let start = 0;
  for (let i = 0; i < k; i++) {
    const size = Math.floor(n / k) + (i < n % k ? 1 : 0);
    const test = order.slice(start, start + size);
    const inTest = new Uint8Array(n);
    for (const row of test) inTest[row] = 1;
    const train = new Int32Array(n - size);
    let t = 0;
    for (let row = 0; row < n; row++) if (!inTest[row]) train[t++] = row;
    folds.push({ train, test });
    start += size;
  }
  return folds;
}
