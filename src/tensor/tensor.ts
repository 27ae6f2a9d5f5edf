import { ArgumentError, ShapeError, describeReceived, formatShape } from '../errors.js';

/** Floating-point storage: float32 everywhere, float64 where a check needs it. */
export type FloatArray = Float32Array | Float64Array;

/** Any numeric typed array (class ids may be held in integer arrays). */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

/** Nested arrays of numbers, as `Tensor.from` takes and `toArray` returns. */
export type NestedArray = number | NestedArray[];

/**
 * A tensor is a shape and a flat, row-major typed array; nothing more.
 * There is no autograd: layers own their backward passes.
 *
 * ```ts
 * const x = Tensor.from([[1, 2, 3], [4, 5, 6]]);   // shape [2, 3], Float32Array
 * x.data[1 * 3 + 2];                               // 6: row 1, column 2
 * ```
 */
export class Tensor<T extends NumericArray = FloatArray> {
  readonly shape: number[];
  readonly data: T;

  /** Wraps `data` without copying; its length must equal the product of `shape`. */
  constructor(shape: readonly number[], data: T) {
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) {
        throw new ShapeError(`Tensor shape must hold non-negative integers, received ${formatShape(shape)}`);
      }
    }
    const size = shape.reduce((a, b) => a * b, 1);
    if (data.length !== size) {
      throw new ShapeError(
        `Tensor of shape ${formatShape(shape)} needs ${size} values, received a ${data.constructor.name} of length ${data.length}`,
      );
    }
    this.shape = [...shape];
    this.data = data;
  }

  /** A float32 tensor from nested arrays; every row must have the same length. */
  static from(values: NestedArray): Tensor<Float32Array> {
    const shape: number[] = [];
    let level: NestedArray = values;
    while (Array.isArray(level)) {
      shape.push(level.length);
      level = level[0];
    }
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    let offset = 0;
    const walk = (node: NestedArray, depth: number, path: number[]): void => {
      if (depth === shape.length) {
        if (typeof node !== 'number') {
          throw new ShapeError(`Tensor.from: expected a number at index [${path.join(', ')}], received an array`);
        }
        data[offset++] = node;
        return;
      }
      if (!Array.isArray(node) || node.length !== shape[depth]) {
        throw new ShapeError(
          `Tensor.from: ragged input, expected ${shape[depth]} entries at index [${path.join(', ')}], received ${Array.isArray(node) ? node.length : 'a number'}`,
        );
      }
      node.forEach((child, i) => walk(child, depth + 1, [...path, i]));
    };
    walk(values, 0, []);
    return new Tensor(shape, data);
  }

  /** A float32 tensor of zeros. */
  static zeros(shape: readonly number[]): Tensor<Float32Array> {
    return new Tensor(shape, new Float32Array(shape.reduce((a, b) => a * b, 1)));
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** Rows of a 2-D tensor (the batch dimension). */
  get rows(): number {
    return this.shape[0] ?? 1;
  }

  /** Columns of a 2-D tensor, i.e. the product of all but the first dimension. */
  get columns(): number {
    return this.shape.length === 0 ? 1 : this.shape.slice(1).reduce((a, b) => a * b, 1);
  }

  /** Same data, another shape with the same number of elements. */
  reshape(shape: readonly number[]): Tensor<T> {
    return new Tensor(shape, this.data);
  }

  /** A deep copy (same element type). */
  clone(): Tensor<T> {
    return new Tensor(this.shape, this.data.slice() as T);
  }

  /** Rows `start` to `end` (exclusive) as a view sharing storage. */
  sliceRows(start: number, end: number): Tensor<T> {
    const cols = this.columns;
    const view = this.data.subarray(start * cols, end * cols) as T;
    return new Tensor([end - start, ...this.shape.slice(1)], view);
  }

  /** The values as nested arrays of numbers. */
  toArray(): NestedArray {
    if (this.shape.length === 0) return this.data[0];
    const build = (depth: number, offset: number): NestedArray[] => {
      const n = this.shape[depth];
      const stride = this.shape.slice(depth + 1).reduce((a, b) => a * b, 1);
      const out: NestedArray[] = [];
      for (let i = 0; i < n; i++) {
        out.push(depth === this.shape.length - 1 ? this.data[offset + i] : build(depth + 1, offset + i * stride));
      }
      return out;
    };
    return build(0, 0);
  }
}

/**
 * Throws an ArgumentError unless `value` is a Tensor, saying what was received
 * and how to make one: every layer, loss, metric and model method that takes
 * tensors starts with it, so plain arrays fail with one line instead of a
 * TypeError deep inside.
 *
 * ```ts
 * checkTensor('Dense(2→4).forward', 'inputs', [[1, 2]]);
 * // ArgumentError: Dense(2→4).forward: expected a Tensor as inputs, received an Array; wrap it with Tensor.from
 * ```
 */
export function checkTensor(owner: string, argument: string, value: unknown): asserts value is Tensor<NumericArray> {
  if (value instanceof Tensor) return;
  // How to turn it into a Tensor, where that is clear.
  const hint = Array.isArray(value) ? '; wrap it with Tensor.from' : ArrayBuffer.isView(value) ? '; wrap it with new Tensor(shape, data)' : '';
  throw new ArgumentError(`${owner}: expected a Tensor as ${argument}, received ${describeReceived(value)}${hint}`);
}
