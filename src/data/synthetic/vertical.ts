import { ArgumentError, checkInteger } from '../../errors.js';
import { getDefaultGenerator } from '../../random/default.js';
import type { RandomGenerator } from '../../random/generator.js';
import { Tensor } from '../../tensor/tensor.js';

/**
 * The book's vertical dataset (`nnfs.datasets.vertical_data`): class c is a
 * cloud at x = c/3 + 0.1·randn, y = 0.5 + 0.1·randn (all of a class's x draws,
 * then its y draws). The arithmetic is float32, as numpy does it on float32
 * `randn` under `nnfs.init()`.
 * Returns X [samples·classes, 2] float32 and y [samples·classes] class ids (Uint8Array).
 *
 * ```ts
 * init(0);
 * const [X, y] = verticalData(100, 3);      // X [300, 2], y [300]
 * ```
 */
export function verticalData(samples: number, classes: number, generator?: RandomGenerator): [Tensor<Float32Array>, Tensor<Uint8Array>] {
  checkInteger('verticalData', 'samples', samples, 1);
  checkInteger('verticalData', 'classes', classes, 1);
  if (classes > 256) throw new ArgumentError(`verticalData: classes must be at most 256 (class ids are stored as bytes), received ${classes}`);
  const random = generator ?? getDefaultGenerator();
  const X = new Float32Array(samples * classes * 2);
  const y = new Uint8Array(samples * classes);
  const spread = Math.fround(0.1);
  for (let c = 0; c < classes; c++) {
    const centre = Math.fround(c / 3);
    const xs = random.randn(samples);
    const ys = random.randn(samples);
    for (let i = 0; i < samples; i++) {
      const row = c * samples + i;
      X[2 * row] = Math.fround(xs[i] * spread) + centre;
      X[2 * row + 1] = Math.fround(ys[i] * spread) + 0.5;
      y[row] = c;
    }
  }
  return [new Tensor([samples * classes, 2], X), new Tensor([samples * classes], y)];
}
