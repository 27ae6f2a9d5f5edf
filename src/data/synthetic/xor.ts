import { Tensor } from '../../tensor/tensor.js';
import { toyDataArguments, type ToyDataOptions } from './options.js';

/**
 * The XOR problem: class 0 fills the quadrants where x₀·x₁ > 0, class 1 those
 * where x₀·x₁ < 0, so no straight line separates them. Always two classes.
 *
 *   u ~ U[0.05, 1)²,  x = (s₀·u₀, s₁·u₁) + noise·N(0, I₂)
 *
 * Sample i of a class takes the first (even i) or second (odd i) of its two
 * quadrants, so both are equally filled. Draws, class by class: 2·`samples`
 * uniforms, then 2·`samples` normals. Returns X [2·samples, 2] float32 and
 * y [2·samples] uint8, grouped by class.
 *
 * ```ts
 * init(0);
 * const [X, y] = xorData(100);   // X [200, 2], y [200]
 * ```
 */
export function xorData(
  samples: number,
  classes = 2,
  options: ToyDataOptions = {},
): [Tensor<Float32Array>, Tensor<Uint8Array>] {
  const args = toyDataArguments('xorData', samples, classes, options, 2);
  // Quadrant signs per class: class 0 = (+,+), (−,−); class 1 = (+,−), (−,+).
  const signs = [
    [
      [1, 1],
      [-1, -1],
    ],
    [
      [1, -1],
      [-1, 1],
    ],
  ];
  const n = args.samples * 2;
  const X = new Float32Array(n * 2);
  const y = new Uint8Array(n);
  for (let k = 0; k < 2; k++) {
    // Keeping |u| ≥ 0.05 leaves a margin around the axes, where the label flips.
    const magnitudes = args.generator.uniform(0.05, 1, args.samples * 2);
    const jitter = args.generator.randn(args.samples * 2);
    for (let i = 0; i < args.samples; i++) {
      const row = k * args.samples + i;
      const [s0, s1] = signs[k][i % 2];
      X[row * 2] = s0 * magnitudes[i * 2] + args.noise * jitter[i * 2];
      X[row * 2 + 1] = s1 * magnitudes[i * 2 + 1] + args.noise * jitter[i * 2 + 1];
      y[row] = k;
    }
  }
  return [new Tensor([n, 2], X), new Tensor([n], y)];
}
