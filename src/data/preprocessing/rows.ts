import { ArgumentError, ShapeError, checkInteger, checkOptions, formatShape } from '../../errors.js';
import { Tensor, type NumericArray } from '../../tensor/tensor.js';
import { resolveGenerator, type RandomOption } from './random-option.js';

/**
 * The rows of `tensor` at `indices`, in that order, copied into a new tensor
 * of the same element type: numpy's `X[indices]`.
 *
 * ```ts
 * takeRows(Tensor.from([[1, 2], [3, 4], [5, 6]]), [2, 0]);   // [[5, 6], [1, 2]]
 * ```
 */
export function takeRows<T extends NumericArray>(tensor: Tensor<T>, indices: ArrayLike<number>): Tensor<T> {
  const rows = tensor.rank === 0 ? 1 : tensor.shape[0];
  const columns = tensor.columns;
  const Constructor = tensor.data.constructor as new (length: number) => T;
  const out = new Constructor(indices.length * columns);
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i];
    if (!Number.isInteger(row) || row < 0 || row >= rows) {
      throw new ArgumentError(`takeRows: index ${i} must be a row in [0, ${rows}), received ${row}`);
    }
    out.set(tensor.data.subarray(row * columns, (row + 1) * columns), i * columns);
  }
  return new Tensor([indices.length, ...tensor.shape.slice(1)], out);
}

/** Throws unless `x` and `y` have the same number of rows. */
export function checkSameRows(owner: string, x: Tensor<NumericArray>, y: Tensor<NumericArray>): void {
  if (x.rank === 0 || y.rank === 0 || x.shape[0] !== y.shape[0]) {
    throw new ShapeError(
      `${owner}: x and y must have the same number of rows, received x ${formatShape(x.shape)} and y ${formatShape(y.shape)}`,
    );
  }
}

/**
 * Shuffles the rows of `x` and `y` together, as the book does before
 * training on Fashion-MNIST (`keys = np.arange(n); np.random.shuffle(keys);
 * X = X[keys]; y = y[keys]`), drawing exactly the same keys as numpy for the
 * same seed. Returns new tensors and the order used.
 */
export function shuffleRows<X extends NumericArray, Y extends NumericArray>(
  x: Tensor<X>,
  y: Tensor<Y>,
  options: RandomOption = {},
): { x: Tensor<X>; y: Tensor<Y>; order: Int32Array } {
  checkOptions('shuffleRows', options, ['seed', 'generator']);
  checkSameRows('shuffleRows', x, y);
  const order = resolveGenerator('shuffleRows', options).permutation(x.shape[0]);
  return { x: takeRows(x, order), y: takeRows(y, order), order };
}

export interface BatchOptions extends RandomOption {
  batchSize: number;
  /** Shuffle the rows (default true). A `generator` gives a new order per pass; a `seed` the same order every pass. */
  shuffle?: boolean;
}

/**
 * Mini-batches of `{ x, y }` copied rows, `batchSize` rows each (the last
 * batch holds the remainder), in a random order when `shuffle` is on (one
 * permutation drawn per pass): `for (const { x, y } of shuffledBatches(X, Y, { batchSize: 128, generator })) …`.
 */
export function* shuffledBatches<X extends NumericArray, Y extends NumericArray>(
  x: Tensor<X>,
  y: Tensor<Y>,
  options: BatchOptions,
): Generator<{ x: Tensor<X>; y: Tensor<Y> }> {
  checkOptions('shuffledBatches', options, ['batchSize', 'shuffle', 'seed', 'generator']);
  checkSameRows('shuffledBatches', x, y);
  const batchSize = checkInteger('shuffledBatches', 'batchSize', options.batchSize);
  const n = x.shape[0];
  const order =
    options.shuffle ?? true
      ? resolveGenerator('shuffledBatches', options).permutation(n)
      : Int32Array.from({ length: n }, (_, i) => i);
  for (let start = 0; start < n; start += batchSize) {
    const indices = order.subarray(start, Math.min(n, start + batchSize));
    yield { x: takeRows(x, indices), y: takeRows(y, indices) };
  }
}
