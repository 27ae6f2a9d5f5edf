import { Tensor, type NumericArray } from '../tensor/tensor.js';
import type { RandomGenerator } from '../random/generator.js';

type ArrayConstructor<T extends NumericArray> = { new (length: number): T };

/**
 * Cuts `x`/`y` into batches of `batchSize` rows (the last one may be
 * smaller), optionally in a shuffled order drawn once per epoch. Batches are
 * copied into buffers kept across steps, so iterating allocates nothing per
 * step after the first epoch. Full-batch (`batchSize` undefined) hands out
 * `x` and `y` themselves and never draws from the generator.
 */
export class Batcher {
  readonly samples: number;
  readonly batchSize: number;
  readonly steps: number;
  private order: Int32Array | null = null;
  private readonly xBuffer: RowBuffer | null;
  private readonly yBuffer: RowBuffer | null;
  private readonly weightBuffer: RowBuffer | null;

  /** `weights`, one per sample, are cut into batches alongside (class weights). */
  constructor(
    private readonly x: Tensor<NumericArray>,
    private readonly y: Tensor<NumericArray>,
    batchSize: number | undefined,
    private readonly weights: Tensor<Float32Array> | null = null,
  ) {
    this.samples = x.rows;
    this.batchSize = batchSize === undefined ? this.samples : Math.min(batchSize, this.samples);
    this.steps = batchSize === undefined ? 1 : Math.ceil(this.samples / this.batchSize);
    const full = this.steps === 1 && this.batchSize === this.samples;
    this.xBuffer = full ? null : new RowBuffer(x, this.batchSize);
    this.yBuffer = full ? null : new RowBuffer(y, this.batchSize);
    this.weightBuffer = full || weights === null ? null : new RowBuffer(weights, this.batchSize);
  }

  /** Draw this epoch's order (a permutation), or keep the data's order. */
  startEpoch(generator: RandomGenerator | null): void {
    if (!this.xBuffer || !generator) {
      this.order = null;
      return;
    }
    this.order = generator.permutation(this.samples);
  }

  /** The `step`-th batch of the epoch as [x, y]. */
  batch(step: number): [Tensor<NumericArray>, Tensor<NumericArray>] {
    if (!this.xBuffer || !this.yBuffer) return [this.x, this.y];
    const start = step * this.batchSize;
    const end = Math.min(start + this.batchSize, this.samples);
    return [this.xBuffer.gather(this.x, this.order, start, end), this.yBuffer.gather(this.y, this.order, start, end)];
  }

  /** The weights of the `step`-th batch's samples (null without weights), in the order of `batch(step)`. */
  batchWeights(step: number): Tensor<Float32Array> | null {
    if (this.weights === null || this.weightBuffer === null) return this.weights;
    const start = step * this.batchSize;
    return this.weightBuffer.gather(this.weights, this.order, start, Math.min(start + this.batchSize, this.samples)) as Tensor<Float32Array>;
  }
}

/** A reusable [rows, ...] buffer of the same element type as its source. */
class RowBuffer {
  private readonly storage: NumericArray;
  private readonly width: number;
  private tensor: Tensor<NumericArray> | null = null;

  constructor(source: Tensor<NumericArray>, capacity: number) {
    this.width = source.columns;
    const Ctor = source.data.constructor as ArrayConstructor<NumericArray>;
    this.storage = new Ctor(capacity * this.width);
  }

  gather(source: Tensor<NumericArray>, order: Int32Array | null, start: number, end: number): Tensor<NumericArray> {
    const w = this.width;
    const rows = end - start;
    if (order) {
      for (let r = 0; r < rows; r++) {
        const from = order[start + r] * w;
        this.storage.set(source.data.subarray(from, from + w), r * w);
      }
    } else {
      this.storage.set(source.data.subarray(start * w, end * w));
    }
    if (!this.tensor || this.tensor.rows !== rows) {
      this.tensor = new Tensor([rows, ...source.shape.slice(1)], this.storage.subarray(0, rows * w));
    }
    return this.tensor;
  }
}
