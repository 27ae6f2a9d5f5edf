import { Tensor } from '../../tensor/tensor.js';
import { toyDataArguments, type ToyDataOptions } from './options.js';

/**
 * Two interleaving half circles (scikit-learn's `make_moons`), centred and
 * scaled by 1/1.5 so the noise-free points fit in [-1, 1] × [-0.5, 0.5].
 * Always two classes.
 *
 *   t = linspace(0, π, samples)
 *   class 0: (cos t, sin t),   class 1: (1 − cos t, 0.5 − sin t)
 *   x = ((p₀ − 0.5) / 1.5, (p₁ − 0.25) / 1.5) + noise·N(0, I₂)
 *
 * Draws, class by class: 2·`samples` normals. Returns X [2·samples, 2] float32
 * and y [2·samples] uint8, grouped by class.
 *
 * ```ts
 * init(0);
 * const [X, y] = moonsData(100, 2, { noise: 0.1 });   // X [200, 2], y [200]
 * ```
 */
export function moonsData(
  samples: number,
  classes = 2,
  options: ToyDataOptions = {},
): [Tensor<Float32Array>, Tensor<Uint8Array>] {
  const args = toyDataArguments('moonsData', samples, classes, options, 2);
  const n = args.samples * 2;
  const X = new Float32Array(n * 2);
  const y = new Uint8Array(n);
  const step = args.samples > 1 ? Math.PI / (args.samples - 1) : 0;
  for (let k = 0; k < 2; k++) {
    const jitter = args.generator.randn(args.samples * 2);
    for (let i = 0; i < args.samples; i++) {
      const t = i * step;
      const px = k === 0 ? Math.cos(t) : 1 - Math.cos(t);
      const py = k === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
      const row = k * args.samples + i;
      X[row * 2] = (px - 0.5) / 1.5 + args.noise * jitter[i * 2];
      X[row * 2 + 1] = (py - 0.25) / 1.5 + args.noise * jitter[i * 2 + 1];
      y[row] = k;
    }
  }
  return [new Tensor([n, 2], X), new Tensor([n], y)];
}
