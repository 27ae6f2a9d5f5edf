import { OwnedBuffers } from './owned-buffers.js';
import { Tensor, type FloatArray } from './tensor.js';

/**
 * A reusable output buffer. `get(shape)` returns a tensor of that shape backed
 * by storage kept from earlier calls; it allocates only when the requested
 * size outgrows the capacity, so a training loop allocates nothing per step
 * after the first batch (a smaller last batch reuses a prefix).
 *
 * The element type follows `like` (float64 inputs give float64 outputs, for
 * finite-difference checks); float32 storage comes from the current backend
 * and goes back to it on `dispose()`.
 */
export class Workspace {
  private readonly buffers = new OwnedBuffers();
  private storage: FloatArray | null = null;
  private tensor: Tensor<FloatArray> | null = null;

  get(shape: readonly number[], like?: FloatArray): Tensor<FloatArray> {
    const size = shape.reduce((a, b) => a * b, 1);
    const wantFloat64 = like instanceof Float64Array;
    const t = this.tensor;
    if (t && t.data.length === size && t.data instanceof Float64Array === wantFloat64 && sameShape(t.shape, shape)) {
      return t;
    }
    if (!this.storage || this.storage.length < size || this.storage instanceof Float64Array !== wantFloat64) {
      if (this.storage) this.buffers.release(this.storage);
      this.storage = wantFloat64 ? new Float64Array(size) : this.buffers.allocate(size);
    }
    // The storage itself when it fits exactly: the wasm backend finds the
    // address of a buffer it handed out faster than that of a view made on one.
    this.tensor = new Tensor(shape, size === this.storage.length ? this.storage : this.storage.subarray(0, size));
    return this.tensor;
  }

  /** Gives the storage back to its backend; the next `get` allocates afresh. */
  dispose(): void {
    this.buffers.releaseAll();
    this.storage = null;
    this.tensor = null;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
