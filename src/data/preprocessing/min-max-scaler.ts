import { ArgumentError, checkOptions } from '../../errors.js';
import { Tensor, type NumericArray } from '../../tensor/tensor.js';
import { checkJsonType, checkTable, jsonNumbers, safeScale } from './columns.js';

/** The fitted state of a MinMaxScaler as plain JSON. */
export interface MinMaxScalerJSON {
  type: 'MinMaxScaler';
  featureRange: [number, number];
  dataMin: number[];
  dataMax: number[];
}

/**
 * Maps each column linearly onto `featureRange` (default [0, 1]), as
 * scikit-learn's `MinMaxScaler`: `scale = (hi − lo) / (max − min)`,
 * `x' = x · scale + lo − min · scale`; a constant column uses max − min = 1.
 *
 * Input [n] or [n, d]; output float32 of the same shape.
 *
 * ```ts
 * new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform(Tensor.from([[0], [5], [10]]));   // [[-1], [0], [1]]
 * ```
 */
export class MinMaxScaler {
  readonly featureRange: [number, number];
  dataMin: number[] | undefined;
  dataMax: number[] | undefined;

  constructor(options: { featureRange?: [number, number] } = {}) {
    checkOptions('MinMaxScaler', options, ['featureRange']);
    const range = options.featureRange ?? [0, 1];
    if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
      throw new ArgumentError(`MinMaxScaler: featureRange must be [low, high] with low < high, received ${JSON.stringify(range)}`);
    }
    this.featureRange = [range[0], range[1]];
  }

  /** Learns each column's minimum and maximum. */
  fit(x: Tensor<NumericArray>): this {
    const d = checkTable('MinMaxScaler.fit', x);
    const min = new Array<number>(d).fill(Infinity);
    const max = new Array<number>(d).fill(-Infinity);
    for (let i = 0; i < x.data.length; i++) {
      const v = x.data[i];
      if (v < min[i % d]) min[i % d] = v;
      if (v > max[i % d]) max[i % d] = v;
    }
    this.dataMin = min;
    this.dataMax = max;
    return this;
  }

  transform(x: Tensor<NumericArray>): Tensor<Float32Array> {
    const { scale, offset } = this.coefficients('transform');
    const d = checkTable('MinMaxScaler.transform', x, scale.length);
    const out = new Float32Array(x.data.length);
    for (let i = 0; i < out.length; i++) out[i] = x.data[i] * scale[i % d] + offset[i % d];
    return new Tensor(x.shape, out);
  }

  inverseTransform(z: Tensor<NumericArray>): Tensor<Float32Array> {
    const { scale, offset } = this.coefficients('inverseTransform');
    const d = checkTable('MinMaxScaler.inverseTransform', z, scale.length);
    const out = new Float32Array(z.data.length);
    for (let i = 0; i < out.length; i++) out[i] = (z.data[i] - offset[i % d]) / scale[i % d];
    return new Tensor(z.shape, out);
  }

  fitTransform(x: Tensor<NumericArray>): Tensor<Float32Array> {
    return this.fit(x).transform(x);
  }

  toJSON(): MinMaxScalerJSON {
    this.coefficients('toJSON');
    return { type: 'MinMaxScaler', featureRange: [...this.featureRange], dataMin: [...this.dataMin!], dataMax: [...this.dataMax!] };
  }

  static fromJSON(json: unknown): MinMaxScaler {
    const object = checkJsonType('MinMaxScaler', json);
    const range = jsonNumbers('MinMaxScaler', 'featureRange', object.featureRange, 2);
    const scaler = new MinMaxScaler({ featureRange: [range[0], range[1]] });
    scaler.dataMin = [...jsonNumbers('MinMaxScaler', 'dataMin', object.dataMin)];
    scaler.dataMax = [...jsonNumbers('MinMaxScaler', 'dataMax', object.dataMax, scaler.dataMin.length)];
    return scaler;
  }

  private coefficients(method: string): { scale: number[]; offset: number[] } {
    if (this.dataMin === undefined || this.dataMax === undefined) {
      throw new ArgumentError(`MinMaxScaler.${method}: call fit() first`);
    }
    const [lo, hi] = this.featureRange;
    const min = this.dataMin;
    const scale = this.dataMax.map((max, j) => (hi - lo) / safeScale(max - min[j]));
    return { scale, offset: scale.map((s, j) => lo - min[j] * s) };
  }
}
