import { ArgumentError, checkInteger } from '../../errors.js';
import { getDefaultGenerator } from '../../random/default.js';
import type { RandomGenerator } from '../../random/generator.js';
import { Tensor } from '../../tensor/tensor.js';
import { linspace } from './linspace.js';

/**
 * The book's spiral dataset (`nnfs.datasets.spiral_data`), step for step: class
 * c has `samples` points at radius r = linspace(0, 1) and angle
 * t = 2.5·(linspace(4c, 4c + 4) + 0.2·randn), i.e. X = [r·sin t, r·cos t].
 *
 * Precision as under `nnfs.init()`: the noise 0.2·randn is a float32 product,
 * the sums and trigonometry are float64, and X is stored as float32.
 * Returns X [samples·classes, 2] float32 and y [samples·classes] class ids (Uint8Array).
 *
 * ```ts
 * init(0);
 * const [X, y] = spiralData(100, 3);        // X [300, 2], y [300]
 * ```
 */
export function spiralData(samples: number, classes: number, generator?: RandomGenerator): [Tensor<Float32Array>, Tensor<Uint8Array>] {
  checkInteger('spiralData', 'samples', samples, 2);
  checkInteger('spiralData', 'classes', classes, 1);
  if (classes > 256) throw new ArgumentError(`spiralData: classes must be at most 256 (class ids are stored as bytes), received ${classes}`);
  const random = generator ?? getDefaultGenerator();
  const X = new Float32Array(samples * classes * 2);
  const y = new Uint8Array(samples * classes);
  const radius = linspace(0, 1, samples);
  const noiseScale = Math.fround(0.2);
  for (let c = 0; c < classes; c++) {
    const angle = linspace(c * 4, (c + 1) * 4, samples);
    const noise = random.randn(samples);
    for (let i = 0; i < samples; i++) {
      const t = (angle[i] + Math.fround(noise[i] * noiseScale)) * 2.5;
      const row = c * samples + i;
      X[2 * row] = radius[i] * Math.sin(t);
      X[2 * row + 1] = radius[i] * Math.cos(t);
      y[row] = c;
    }
  }
  return [new Tensor([samples * classes, 2], X), new Tensor([samples * classes], y)];
}
