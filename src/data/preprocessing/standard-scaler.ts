import { ArgumentError } from '../../errors.js';
import { Tensor, type NumericArray } from '../../tensor/tensor.js';
import { checkJsonType, checkTable, jsonNumbers, safeScale } from './columns.js';

/** The fitted state of a StandardScaler as plain JSON. */
export interface StandardScalerJSON {
  type: 'StandardScaler';
  mean: number[];
  scale: number[];
}

/**
 * Standardizes each column to mean 0 and standard deviation 1, as
 * scikit-learn's `StandardScaler`: `z = (x − mean) / scale`, with `mean` and
 * the population standard deviation (ddof = 0) computed per column in
 * float64, and `scale = 1` for a constant column.
 *
 * Input [n] or [n, d]; output float32 of the same shape.
 *
 * ```ts
 * const scaler = new StandardScaler();
 * const z = scaler.fitTransform(Tensor.from([[1], [3]]));   // [[-1], [1]]; scaler.mean = [2], scaler.scale = [1]
 * ```
 */
export class StandardScaler {
  mean: number[] | undefined;
  scale: number[] | undefined;

  /** Learns the per-column mean and standard deviation of `x`. */
  fit(x: Tensor<NumericArray>): this {
    const d = checkTable('StandardScaler.fit', x);
    const n = x.shape[0];
    const mean = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x.data[i * d + j];
    for (let j = 0; j < d; j++) mean[j] /= n;
    // Two passes: summing squared deviations avoids the cancellation of E[x²] − E[x]².
    const variance = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const delta = x.data[i * d + j] - mean[j];
        variance[j] += delta * delta;
      }
    }
    this.mean = mean;
    this.scale = variance.map((v) => safeScale(Math.sqrt(v / n)));
    return this;
  }

  /** `(x − mean) / scale`, column by column. */
  transform(x: Tensor<NumericArray>): Tensor<Float32Array> {
    const { mean, scale } = this.fitted('transform');
    const d = checkTable('StandardScaler.transform', x, mean.length);
    const out = new Float32Array(x.data.length);
    for (let i = 0; i < out.length; i++) out[i] = (x.data[i] - mean[i % d]) / scale[i % d];
    return new Tensor(x.shape, out);
  }

  /** `z · scale + mean`: back to the original units (e.g. a predicted price in dollars). */
  inverseTransform(z: Tensor<NumericArray>): Tensor<Float32Array> {
    const { mean, scale } = this.fitted('inverseTransform');
    const d = checkTable('StandardScaler.inverseTransform', z, mean.length);
    const out = new Float32Array(z.data.length);
    for (let i = 0; i < out.length; i++) out[i] = z.data[i] * scale[i % d] + mean[i % d];
    return new Tensor(z.shape, out);
  }

  fitTransform(x: Tensor<NumericArray>): Tensor<Float32Array> {
    return this.fit(x).transform(x);
  }

  toJSON(): StandardScalerJSON {
    const { mean, scale } = this.fitted('toJSON');
    return { type: 'StandardScaler', mean: [...mean], scale: [...scale] };
  }

  static fromJSON(json: unknown): StandardScaler {
    const object = checkJsonType('StandardScaler', json);
    const scaler = new StandardScaler();
    scaler.mean = [...jsonNumbers('StandardScaler', 'mean', object.mean)];
    scaler.scale = [...jsonNumbers('StandardScaler', 'scale', object.scale, scaler.mean.length)];
    if (scaler.scale.some((s) => s <= 0)) {
      throw new ArgumentError(`StandardScaler.fromJSON: scale must be positive, received [${scaler.scale.join(', ')}]`);
    }
    return scaler;
  }

  private fitted(method: string): { mean: number[]; scale: number[] } {
    if (this.mean === undefined || this.scale === undefined) {
      throw new ArgumentError(`StandardScaler.${method}: call fit() first`);
    }
    return { mean: this.mean, scale: this.scale };
  }
}
