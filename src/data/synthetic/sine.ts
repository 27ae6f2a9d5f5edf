import { checkInteger } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';

/**
 * The book's sine dataset (`nnfs.datasets.sine_data`): X = i / samples for
 * i = 0 … samples − 1, y = sin(2π·X), both float64 (as in nnfs) and shaped
 * [samples, 1]. Deterministic: no random draws.
 *
 * ```ts
 * const [X, y] = sineData();                // X, y [1000, 1] float64
 * ```
 */
export function sineData(samples = 1000): [Tensor<Float64Array>, Tensor<Float64Array>] {
  checkInteger('sineData', 'samples', samples, 1);
  const X = new Float64Array(samples);
  const y = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    X[i] = i / samples;
    y[i] = Math.sin(2 * Math.PI * X[i]);
  }
  return [new Tensor([samples, 1], X), new Tensor([samples, 1], y)];
}
